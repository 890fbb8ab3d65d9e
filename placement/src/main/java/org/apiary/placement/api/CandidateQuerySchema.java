package org.apiary.placement.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.apiary.common.error.ServiceException;
import org.apiary.common.microversion.Microversion;

/**
 * The query-string schemas of GET /allocation_candidates per microversion (upstream
 * {@code schemas/allocation_candidate.py}), checked the way jsonschema checks them and failing
 * with the same first line clients and tests match on ("'limit' was unexpected", "Failed
 * validating 'pattern'"). As upstream, the last value of a repeated key is what gets validated.
 */
final class CandidateQuerySchema {
    private static final String LIMIT_PATTERN = "^[1-9][0-9]*$";
    private static final List<String> GROUP_POLICIES = List.of("none", "isolate");
    private static final String NUMBERED = "[1-9][0-9]*";
    private static final String VERBOSE = "[a-zA-Z0-9_-]{1,64}";

    private CandidateQuerySchema() {}

    /** Throws the 400 upstream would for this query at this version. */
    static void validate(Map<String, List<String>> query, Microversion v) {
        Map<String, String> instance = new LinkedHashMap<>();
        query.forEach((k, vals) -> instance.put(k, vals.get(vals.size() - 1)));
        Map<String, Object> schema = schemaFor(v);
        @SuppressWarnings("unchecked")
        Map<String, Object> properties = (Map<String, Object>) schema.get("properties");
        @SuppressWarnings("unchecked")
        Map<String, Object> patterns = (Map<String, Object>) schema.get("patternProperties");
        // jsonschema reports the error nearest the top first: a missing or unexpected key
        // before a bad value.
        if (schema.containsKey("required") && !instance.containsKey("resources")) {
            throw invalid("'resources' is a required property", "required", "", schema, "", instance);
        }
        List<String> extras = new ArrayList<>();
        for (String key : instance.keySet()) {
            if (!properties.containsKey(key)
                    && (patterns == null || patterns.keySet().stream().noneMatch(p -> Pattern.matches(p, key)))) {
                extras.add(key);
            }
        }
        if (!extras.isEmpty()) {
            String summary;
            if (patterns == null) {
                summary = "Additional properties are not allowed (" + joinRepr(extras) + " "
                        + (extras.size() == 1 ? "was" : "were") + " unexpected)";
            } else {
                extras.sort(null);
                summary = joinRepr(extras) + " " + (extras.size() == 1 ? "does" : "do")
                        + " not match any of the regexes: " + joinRepr(new ArrayList<>(new TreeMap<>(patterns).keySet()));
            }
            throw invalid(summary, "additionalProperties", "", schema, "", instance);
        }
        String limit = instance.get("limit");
        if (limit != null && properties.containsKey("limit") && !Pattern.matches("[1-9][0-9]*", limit)) {
            throw invalid(PyRepr.of(limit) + " does not match " + PyRepr.of(LIMIT_PATTERN), "pattern",
                    "['properties']['limit']", properties.get("limit"), "['limit']", limit);
        }
        String policy = instance.get("group_policy");
        if (policy != null && properties.containsKey("group_policy") && !GROUP_POLICIES.contains(policy)) {
            throw invalid(PyRepr.of(policy) + " is not one of " + PyRepr.of(GROUP_POLICIES), "enum",
                    "['properties']['group_policy']", properties.get("group_policy"), "['group_policy']", policy);
        }
    }

    /** The schema for a version, built as upstream derives each from the previous one. */
    static Map<String, Object> schemaFor(Microversion v) {
        Map<String, Object> properties = new LinkedHashMap<>();
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("type", "object");
        schema.put("properties", properties);
        schema.put("additionalProperties", false);
        Map<String, Object> string = Map.of("type", "string");
        Map<String, Object> stringList = Map.of("type", List.of("string"));
        if (v.before("1.25")) {
            properties.put("resources", string);
            schema.put("required", List.of("resources"));
        }
        if (v.atLeast("1.16")) {
            Map<String, Object> limit = new LinkedHashMap<>();
            limit.put("type", List.of("integer", "string"));
            limit.put("pattern", LIMIT_PATTERN);
            limit.put("minimum", 1);
            limit.put("minLength", 1);
            properties.put("limit", limit);
        }
        if (v.atLeast("1.17") && v.before("1.25")) {
            properties.put("required", stringList);
        }
        if (v.atLeast("1.21") && v.before("1.25")) {
            properties.put("member_of", stringList);
        }
        if (v.atLeast("1.25")) {
            properties.put("group_policy", Map.of("type", "string", "enum", GROUP_POLICIES));
            String suffix = v.atLeast("1.33") ? VERBOSE : NUMBERED;
            Map<String, Object> patterns = new LinkedHashMap<>();
            List<String> prefixes = new ArrayList<>(List.of("resources", "required", "member_of"));
            if (v.atLeast("1.31")) {
                prefixes.add("in_tree");
            }
            for (String prefix : prefixes) {
                patterns.put("^" + prefix + "(" + suffix + ")?$", string);
            }
            schema.put("patternProperties", patterns);
        }
        if (v.atLeast("1.35")) {
            properties.put("root_required", stringList);
        }
        if (v.atLeast("1.36")) {
            properties.put("same_subtree", stringList);
        }
        return schema;
    }

    private static ServiceException invalid(String summary, String validator, String schemaPath, Object schema,
                                            String instancePath, Object instance) {
        return ServiceException.badRequest("Invalid query string parameters: " + summary + "\n\nFailed validating "
                + PyRepr.of(validator) + " in schema" + schemaPath + ":\n    " + PyRepr.of(schema)
                + "\n\nOn instance" + instancePath + ":\n    " + PyRepr.of(instance));
    }

    private static String joinRepr(List<String> items) {
        return String.join(", ", items.stream().map(PyRepr::of).toList());
    }

    /** Python's repr() of JSON-like values, with dict keys sorted as pprint prints them. */
    static final class PyRepr {
        private PyRepr() {}

        static String of(Object value) {
            if (value == null) {
                return "None";
            }
            if (value instanceof Boolean b) {
                return b ? "True" : "False";
            }
            if (value instanceof String s) {
                return string(s);
            }
            if (value instanceof Map<?, ?> m) {
                List<String> parts = new ArrayList<>();
                new TreeMap<>(m).forEach((k, v) -> parts.add(of(k) + ": " + of(v)));
                return "{" + String.join(", ", parts) + "}";
            }
            if (value instanceof List<?> l) {
                return "[" + String.join(", ", l.stream().map(PyRepr::of).toList()) + "]";
            }
            return String.valueOf(value);
        }

        private static String string(String s) {
            char quote = s.indexOf('\'') >= 0 && s.indexOf('"') < 0 ? '"' : '\'';
            StringBuilder sb = new StringBuilder().append(quote);
            for (char c : s.toCharArray()) {
                if (c == '\\' || c == quote) {
                    sb.append('\\').append(c);
                } else if (c == '\n') {
                    sb.append("\\n");
                } else if (c == '\t') {
                    sb.append("\\t");
                } else if (c < 0x20) {
                    sb.append(String.format("\\x%02x", (int) c));
                } else {
                    sb.append(c);
                }
            }
            return sb.append(quote).toString();
        }
    }
}
