package org.apiary.placement.api.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.apiary.common.json.Json;

/**
 * The subset of JSON Schema (draft 4) Placement's request schemas use, with the error messages of
 * Python's jsonschema, which upstream returns verbatim in its 400 answers. Like jsonschema's
 * best_match, the reported error is the shallowest one, the first found among equals.
 */
public final class JsonSchema {
    private final JsonNode schema;

    private JsonSchema(JsonNode schema) {
        this.schema = schema;
    }

    public static JsonSchema parse(String json) {
        try {
            return new JsonSchema(Json.MAPPER.readTree(json));
        } catch (IOException e) {
            throw new IllegalArgumentException("bad schema: " + e.getMessage(), e);
        }
    }

    public JsonNode node() {
        return schema;
    }

    /** One validation failure, rendered as str(jsonschema.ValidationError). */
    public record Failure(String message, String keyword, List<String> schemaPath, List<String> instancePath,
                          JsonNode subschema, JsonNode instance) {
        @Override
        public String toString() {
            StringBuilder s = new StringBuilder(message).append("\n\nFailed validating ").append(PyRepr.string(keyword))
                    .append(" in schema");
            schemaPath.forEach(p -> s.append('[').append(p).append(']'));
            s.append(":\n    ").append(PyRepr.of(subschema)).append("\n\nOn instance");
            instancePath.forEach(p -> s.append('[').append(p).append(']'));
            return s.append(":\n    ").append(PyRepr.of(instance)).toString();
        }
    }

    /** The error to report, or null when the instance is valid. */
    public Failure validate(JsonNode instance) {
        List<Failure> all = new ArrayList<>();
        check(schema, instance, new ArrayList<>(), new ArrayList<>(), all);
        Failure best = null;
        for (Failure f : all) {
            if (best == null || f.instancePath().size() < best.instancePath().size()) {
                best = f;
            }
        }
        return best;
    }

    private static void check(JsonNode s, JsonNode v, List<String> spath, List<String> ipath, List<Failure> out) {
        Iterator<Map.Entry<String, JsonNode>> it = s.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> kw = it.next();
            String msg = keyword(kw.getKey(), kw.getValue(), s, v, spath, ipath, out);
            if (msg != null) {
                out.add(new Failure(msg, kw.getKey(), List.copyOf(spath), List.copyOf(ipath), s, v));
                if (kw.getKey().equals("type")) {
                    return; // the other keywords do not apply to a value of another type
                }
            }
        }
    }

    private static void descend(JsonNode s, JsonNode v, List<String> spath, List<String> ipath, List<Failure> out,
                                List<String> schemaSteps, String instanceStep) {
        List<String> sp = new ArrayList<>(spath);
        sp.addAll(schemaSteps);
        List<String> ip = new ArrayList<>(ipath);
        if (instanceStep != null) {
            ip.add(instanceStep);
        }
        check(s, v, sp, ip, out);
    }

    private static String keyword(String name, JsonNode arg, JsonNode s, JsonNode v, List<String> spath,
                                  List<String> ipath, List<Failure> out) {
        String r = PyRepr.of(v);
        switch (name) {
            case "type" -> {
                List<String> types = new ArrayList<>();
                if (arg.isArray()) {
                    arg.forEach(t -> types.add(t.asText()));
                } else {
                    types.add(arg.asText());
                }
                if (types.stream().noneMatch(t -> isType(v, t))) {
                    return r + " is not of type " + String.join(", ", types.stream().map(PyRepr::string).toList());
                }
            }
            case "properties" -> {
                if (v.isObject()) {
                    arg.fields().forEachRemaining(p -> {
                        if (v.has(p.getKey())) {
                            descend(p.getValue(), v.get(p.getKey()), spath, ipath, out,
                                    List.of("'properties'", PyRepr.string(p.getKey())), PyRepr.string(p.getKey()));
                        }
                    });
                }
            }
            case "patternProperties" -> {
                if (v.isObject()) {
                    arg.fields().forEachRemaining(p -> v.fieldNames().forEachRemaining(k -> {
                        if (Pattern.compile(p.getKey()).matcher(k).find()) {
                            descend(p.getValue(), v.get(k), spath, ipath, out,
                                    List.of("'patternProperties'", PyRepr.string(p.getKey())), PyRepr.string(k));
                        }
                    }));
                }
            }
            case "additionalProperties" -> {
                if (v.isObject()) {
                    return additional(arg, s, (ObjectNode) v, spath, ipath, out);
                }
            }
            case "required" -> {
                if (v.isObject()) {
                    for (JsonNode req : arg) {
                        if (!v.has(req.asText())) {
                            return PyRepr.string(req.asText()) + " is a required property";
                        }
                    }
                }
            }
            case "minProperties" -> {
                if (v.isObject() && v.size() < arg.asInt()) {
                    return r + " does not have enough properties";
                }
            }
            case "items" -> {
                if (v.isArray()) {
                    for (int i = 0; i < v.size(); i++) {
                        descend(arg, v.get(i), spath, ipath, out, List.of("'items'"), String.valueOf(i));
                    }
                }
            }
            case "minItems" -> {
                if (v.isArray() && v.size() < arg.asInt()) {
                    return r + " is too short";
                }
            }
            case "uniqueItems" -> {
                if (v.isArray() && arg.asBoolean()) {
                    Set<JsonNode> seen = new HashSet<>();
                    for (JsonNode e : v) {
                        if (!seen.add(e)) {
                            return r + " has non-unique elements";
                        }
                    }
                }
            }
            case "minimum" -> {
                if (v.isNumber() && v.asDouble() < arg.asDouble()) {
                    return r + " is less than the minimum of " + PyRepr.of(arg);
                }
            }
            case "maximum" -> {
                if (v.isNumber() && v.asDouble() > arg.asDouble()) {
                    return r + " is greater than the maximum of " + PyRepr.of(arg);
                }
            }
            case "minLength" -> {
                if (v.isTextual() && v.asText().codePointCount(0, v.asText().length()) < arg.asInt()) {
                    return r + " is too short";
                }
            }
            case "maxLength" -> {
                if (v.isTextual() && v.asText().codePointCount(0, v.asText().length()) > arg.asInt()) {
                    return r + " is too long";
                }
            }
            case "pattern" -> {
                if (v.isTextual() && !Pattern.compile(arg.asText()).matcher(v.asText()).find()) {
                    return r + " does not match " + PyRepr.string(arg.asText());
                }
            }
            case "format" -> {
                if (v.isTextual() && arg.asText().equals("uuid") && !isUuidLike(v.asText())) {
                    return r + " is not a 'uuid'";
                }
            }
            case "enum" -> {
                for (JsonNode e : arg) {
                    if (e.equals(v)) {
                        return null;
                    }
                }
                return r + " is not one of " + PyRepr.of(arg);
            }
            case "anyOf" -> {
                for (JsonNode option : arg) {
                    List<Failure> sub = new ArrayList<>();
                    check(option, v, spath, ipath, sub);
                    if (sub.isEmpty()) {
                        return null;
                    }
                }
                return r + " is not valid under any of the given schemas";
            }
            default -> {
                // Annotations and keywords the Placement schemas do not use.
            }
        }
        return null;
    }

    private static String additional(JsonNode arg, JsonNode s, ObjectNode v, List<String> spath, List<String> ipath,
                                     List<Failure> out) {
        JsonNode props = s.path("properties");
        JsonNode patterns = s.path("patternProperties");
        TreeSet<String> extras = new TreeSet<>();
        v.fieldNames().forEachRemaining(k -> {
            boolean matched = props.has(k);
            for (Iterator<String> p = patterns.fieldNames(); !matched && p.hasNext(); ) {
                matched = Pattern.compile(p.next()).matcher(k).find();
            }
            if (!matched) {
                extras.add(k);
            }
        });
        if (arg.isObject()) {
            extras.forEach(k -> descend(arg, v.get(k), spath, ipath, out, List.of("'additionalProperties'"),
                    PyRepr.string(k)));
            return null;
        }
        if (arg.asBoolean(true) || extras.isEmpty()) {
            return null;
        }
        String joined = String.join(", ", extras.stream().map(PyRepr::string).toList());
        if (s.has("patternProperties")) {
            TreeSet<String> names = new TreeSet<>();
            patterns.fieldNames().forEachRemaining(names::add);
            return joined + (extras.size() == 1 ? " does" : " do") + " not match any of the regexes: "
                    + String.join(", ", names.stream().map(PyRepr::string).toList());
        }
        return "Additional properties are not allowed (" + joined + (extras.size() == 1 ? " was" : " were")
                + " unexpected)";
    }

    private static boolean isType(JsonNode v, String type) {
        return switch (type) {
            case "object" -> v.isObject();
            case "array" -> v.isArray();
            case "string" -> v.isTextual();
            case "integer" -> v.isIntegralNumber();
            case "number" -> v.isNumber();
            case "boolean" -> v.isBoolean();
            case "null" -> v.isNull();
            default -> false;
        };
    }

    /** oslo_utils.uuidutils.is_uuid_like: 32 hex digits once dashes, braces and "urn:uuid:" are gone. */
    public static boolean isUuidLike(String s) {
        String t = s.toLowerCase(Locale.ROOT).replace("urn:", "").replace("uuid:", "").replace("{", "")
                .replace("}", "").replace("-", "");
        return t.matches("[0-9a-f]{32}");
    }
}
