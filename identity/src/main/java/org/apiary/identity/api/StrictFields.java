package org.apiary.identity.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.apiary.common.error.ServiceException;
import org.apiary.common.json.Fields;

/**
 * Body checks for Keystone JSON schemas whose properties are not nullable: an explicit
 * {@code null} is a type error there (Fields treats it as absent). Messages follow jsonschema's.
 */
final class StrictFields {
    /** Keystone's {@code parameter_types.name}: at least one non-space character. */
    static final Pattern NAME = Pattern.compile("[\\S]+");

    private StrictFields() {}

    /** A string property: absent is null, JSON null or another type is a 400. */
    static String string(JsonNode body, String field) {
        JsonNode n = body.get(field);
        if (n == null) {
            return null;
        }
        if (!n.isTextual()) {
            throw Fields.typeError(field, n, "string");
        }
        return n.asText();
    }

    static String requiredString(JsonNode body, String field) {
        String s = string(body, field);
        if (s == null) {
            throw ServiceException.badRequest("'" + field + "' is a required property");
        }
        return s;
    }

    /** A boolean property: absent is null, JSON null or another type (even "True") is a 400. */
    static Boolean bool(JsonNode body, String field) {
        JsonNode n = body.get(field);
        if (n == null) {
            return null;
        }
        if (!n.isBoolean()) {
            throw Fields.typeError(field, n, "boolean");
        }
        return n.asBoolean();
    }

    static void length(String field, String value, int min, int max) {
        if (value == null) {
            return;
        }
        int len = value.codePointCount(0, value.length());
        if (len < min) {
            throw invalid(field, quote(value) + " is too short");
        }
        if (len > max) {
            throw invalid(field, quote(value) + " is too long");
        }
    }

    /** jsonschema's {@code pattern}: a search, so anchors in the pattern decide. */
    static void pattern(String field, String value, Pattern p) {
        if (value != null && !p.matcher(value).find()) {
            throw invalid(field, quote(value) + " does not match '" + p.pattern() + "'");
        }
    }

    /** Keystone's {@code parameter_types.name}. */
    static void name(String field, String value) {
        length(field, value, 1, 255);
        pattern(field, value, NAME);
    }

    /** {@code minProperties: 1} of Keystone's update schemas. */
    static void notEmpty(ObjectNode body) {
        if (body.isEmpty()) {
            throw ServiceException.badRequest("{} does not have enough properties");
        }
    }

    /** Keystone's {@code _require_matching_id}: a body id must equal the id in the path. */
    static void matchingId(ObjectNode body, String pathId) {
        JsonNode id = body.get("id");
        if (id != null && !id.isNull() && !(id.isTextual() && id.asText().equals(pathId))) {
            throw ServiceException.badRequest("Cannot change ID");
        }
    }

    /**
     * Attributes the entity does not model, kept as Keystone's "extra". On create Keystone also
     * normalizes the keys ({@code _normalize_dict}: ':' and '-' become '_').
     */
    static Map<String, Object> extra(ObjectNode body, boolean normalizeKeys, String... modelled) {
        Map<String, Object> raw = Extra.of(body, modelled);
        if (!normalizeKeys) {
            return raw;
        }
        Map<String, Object> out = new HashMap<>();
        java.util.Set<String> skip = java.util.Set.of(modelled);
        raw.forEach((k, v) -> {
            String key = k.replace(':', '_').replace('-', '_');
            if (!skip.contains(key)) {
                out.put(key, v);
            }
        });
        return out;
    }

    static ServiceException invalid(String field, String message) {
        return ServiceException.badRequest("Invalid input for field '" + field + "': " + message);
    }

    private static String quote(String s) {
        return "'" + (s.length() > 64 ? s.substring(0, 61) + "..." : s) + "'";
    }
}
