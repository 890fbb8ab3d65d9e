package org.apiary.common.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.apiary.common.error.ServiceException;

/**
 * Typed reads from a request body. A field of the wrong JSON type is a 400 with a message in the
 * style of the jsonschema errors OpenStack services return; nothing is coerced silently.
 */
public final class Fields {
    private Fields() {}

    public static ObjectNode requireObject(JsonNode parent, String field) {
        JsonNode n = parent.get(field);
        if (n == null || n.isNull()) {
            throw ServiceException.badRequest("'" + field + "' is a required property");
        }
        if (!n.isObject()) {
            throw typeError(field, n, "object");
        }
        return (ObjectNode) n;
    }

    public static ObjectNode optObject(JsonNode parent, String field) {
        JsonNode n = parent.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isObject()) {
            throw typeError(field, n, "object");
        }
        return (ObjectNode) n;
    }

    public static String requireString(JsonNode parent, String field) {
        String s = optString(parent, field);
        if (s == null) {
            throw ServiceException.badRequest("'" + field + "' is a required property");
        }
        return s;
    }

    /** A string field that may be absent or null. */
    public static String optString(JsonNode parent, String field) {
        JsonNode n = parent.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isTextual()) {
            throw typeError(field, n, "string");
        }
        return n.asText();
    }

    /** A required string of bounded length that is not blank. */
    public static String requireName(JsonNode parent, String field, int maxLength) {
        String s = requireString(parent, field);
        checkLength(field, s, 1, maxLength);
        if (s.isBlank()) {
            throw ServiceException.badRequest("Invalid input for field '" + field + "': must not be blank");
        }
        return s;
    }

    public static void checkLength(String field, String value, int min, int max) {
        if (value != null && (value.length() < min || value.length() > max)) {
            throw ServiceException.badRequest("Invalid input for field '" + field + "': '" + abbreviate(value)
                    + "' length must be between " + min + " and " + max);
        }
    }

    public static Boolean optBoolean(JsonNode parent, String field) {
        JsonNode n = parent.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isBoolean()) {
            throw typeError(field, n, "boolean");
        }
        return n.asBoolean();
    }

    public static Long optInteger(JsonNode parent, String field) {
        JsonNode n = parent.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isIntegralNumber() || !n.canConvertToLong()) {
            throw typeError(field, n, "integer");
        }
        return n.asLong();
    }

    public static List<String> optStringList(JsonNode parent, String field) {
        JsonNode n = parent.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isArray()) {
            throw typeError(field, n, "array");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode e : n) {
            if (!e.isTextual()) {
                throw typeError(field + "[]", e, "string");
            }
            out.add(e.asText());
        }
        return out;
    }

    public static ServiceException typeError(String field, JsonNode value, String type) {
        return ServiceException.badRequest("Invalid input for field '" + field + "': " + abbreviate(value.toString())
                + " is not of type '" + type + "'");
    }

    private static String abbreviate(String s) {
        return s.length() > 64 ? s.substring(0, 61) + "..." : s;
    }
}
