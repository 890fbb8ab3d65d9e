package org.apiary.image.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The part of JSON Schema (draft 4) Glance's schemas use: type, enum, maxLength, minLength,
 * pattern, minimum, items, minItems, uniqueItems, properties, additionalProperties, required,
 * allOf and local $ref ("#/definitions/..."). Messages read like Python jsonschema's first
 * line, which is what Glance puts in its 400s.
 */
final class SchemaCheck {
    private static final Map<String, Pattern> PATTERNS = new java.util.concurrent.ConcurrentHashMap<>();

    private SchemaCheck() {}

    /** The first violation of {@code schema} by {@code value}, or null when it is valid. */
    static String firstError(JsonNode schema, JsonNode value) {
        return check(schema, schema, value);
    }

    private static String check(JsonNode root, JsonNode schema, JsonNode value) {
        if (schema.has("$ref")) {
            JsonNode target = root.at(schema.get("$ref").asText().replaceFirst("^#", ""));
            return target.isMissingNode() ? null : check(root, target, value);
        }
        for (JsonNode part : schema.path("allOf")) {
            String e = check(root, part, value);
            if (e != null) {
                return e;
            }
        }
        JsonNode type = schema.get("type");
        if (type != null && !typeMatches(type, value)) {
            return repr(value) + " is not of type " + typeList(type);
        }
        JsonNode enumeration = schema.get("enum");
        if (enumeration != null && !contains(enumeration, value)) {
            return repr(value) + " is not one of " + pyList(enumeration);
        }
        if (value.isTextual()) {
            int len = value.asText().codePointCount(0, value.asText().length());
            if (schema.has("maxLength") && len > schema.get("maxLength").asInt()) {
                return repr(value) + " is too long";
            }
            if (schema.has("minLength") && len < schema.get("minLength").asInt()) {
                return repr(value) + " is too short";
            }
            if (schema.has("pattern") && !PATTERNS.computeIfAbsent(schema.get("pattern").asText(), Pattern::compile)
                    .matcher(value.asText()).find()) {
                return repr(value) + " does not match " + repr(schema.get("pattern"));
            }
        }
        if (value.isNumber() && schema.has("minimum") && value.asDouble() < schema.get("minimum").asDouble()) {
            return repr(value) + " is less than the minimum of " + schema.get("minimum");
        }
        if (value.isArray()) {
            if (schema.has("minItems") && value.size() < schema.get("minItems").asInt()) {
                return repr(value) + " is too short";
            }
            if (schema.path("uniqueItems").asBoolean(false)) {
                java.util.Set<JsonNode> seen = new java.util.HashSet<>();
                for (JsonNode item : value) {
                    if (!seen.add(item)) {
                        return repr(value) + " has non-unique elements";
                    }
                }
            }
            if (schema.has("items")) {
                for (JsonNode item : value) {
                    String e = check(root, schema.get("items"), item);
                    if (e != null) {
                        return e;
                    }
                }
            }
        }
        if (value.isObject()) {
            return objectError(root, schema, value);
        }
        return null;
    }

    private static String objectError(JsonNode root, JsonNode schema, JsonNode value) {
        JsonNode props = schema.path("properties");
        JsonNode additional = schema.get("additionalProperties");
        List<String> unexpected = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            JsonNode sub = props.get(f.getKey());
            if (sub != null) {
                String e = check(root, sub, f.getValue());
                if (e != null) {
                    return e;
                }
            } else if (additional != null && additional.isBoolean() && !additional.asBoolean()) {
                unexpected.add(repr(f.getKey()));
            } else if (additional != null && additional.isObject()) {
                String e = check(root, additional, f.getValue());
                if (e != null) {
                    return e;
                }
            }
        }
        if (!unexpected.isEmpty()) {
            return "Additional properties are not allowed (" + String.join(", ", unexpected)
                    + (unexpected.size() == 1 ? " was" : " were") + " unexpected)";
        }
        for (JsonNode req : schema.path("required")) {
            if (!value.has(req.asText())) {
                return repr(req) + " is a required property";
            }
        }
        return null;
    }

    private static boolean typeMatches(JsonNode type, JsonNode v) {
        if (type.isArray()) {
            for (JsonNode t : type) {
                if (typeMatches(t, v)) {
                    return true;
                }
            }
            return false;
        }
        return switch (type.asText()) {
            case "null" -> v.isNull();
            case "string" -> v.isTextual();
            case "integer" -> v.isIntegralNumber();
            case "number" -> v.isNumber();
            case "boolean" -> v.isBoolean();
            case "array" -> v.isArray();
            case "object" -> v.isObject();
            default -> true;
        };
    }

    private static boolean contains(JsonNode enumeration, JsonNode v) {
        for (JsonNode e : enumeration) {
            if (e.equals(v)) {
                return true;
            }
        }
        return false;
    }

    private static String typeList(JsonNode type) {
        if (!type.isArray()) {
            return repr(type);
        }
        List<String> names = new ArrayList<>();
        type.forEach(t -> names.add(repr(t)));
        return String.join(", ", names);
    }

    private static String pyList(JsonNode array) {
        List<String> items = new ArrayList<>();
        array.forEach(e -> items.add(repr(e)));
        return "[" + String.join(", ", items) + "]";
    }

    /** Python's repr of a JSON value: 'text', None, True, 12, [...]. */
    static String repr(JsonNode v) {
        if (v == null || v.isNull()) {
            return "None";
        }
        if (v.isTextual()) {
            return repr(v.asText());
        }
        if (v.isBoolean()) {
            return v.asBoolean() ? "True" : "False";
        }
        return v.toString();
    }

    static String repr(String s) {
        return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}
