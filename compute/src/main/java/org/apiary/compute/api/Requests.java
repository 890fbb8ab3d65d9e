package org.apiary.compute.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apiary.common.error.ServiceException;
import org.apiary.common.json.Json;
import org.apiary.http.ApiRequest;

/**
 * Request validation with the words of Nova's JSON-schema validator
 * ({@code Invalid input for field/attribute X. Value: V. reason}), so clients see the same 400s.
 */
final class Requests {
    private Requests() {}

    static final int MAX_INT = 2147483647;
    static final Set<String> BOOLEAN_STRINGS = Set.of("True", "TRUE", "true", "1", "ON", "On", "on", "YES", "Yes",
            "yes", "False", "FALSE", "false", "0", "OFF", "Off", "off", "NO", "No", "no");
    private static final Set<String> TRUE_STRINGS = Set.of("1", "t", "true", "on", "y", "yes");
    private static final Set<String> FALSE_STRINGS = Set.of("0", "f", "false", "off", "n", "no");

    /** The body as a JSON object holding {@code root} (an object) and nothing else. */
    static ObjectNode body(ApiRequest req, String root) {
        byte[] raw = req.body();
        if (raw.length == 0) {
            throw ServiceException.badRequest("The request body is missing or malformed.");
        }
        ObjectNode body;
        try {
            body = Json.parseObject(raw);
        } catch (ServiceException e) {
            throw ServiceException.badRequest("Malformed request body");
        }
        return object(body, root, "");
    }

    /** A required object member, checked for being an object and for being the only member. */
    static ObjectNode object(ObjectNode parent, String field, String path) {
        JsonNode n = parent.get(field);
        if (n == null) {
            throw invalid(path.isEmpty() ? field : path, parent, "'" + field + "' is a required property");
        }
        if (!n.isObject()) {
            throw invalid(path.isEmpty() ? field : path + "/" + field, n, n + " is not of type 'object'");
        }
        if (path.isEmpty()) {
            allowOnly(parent, "", Set.of(field));
        }
        return (ObjectNode) n;
    }

    static void allowOnly(ObjectNode node, String path, Collection<String> allowed) {
        List<String> extra = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!allowed.contains(f)) {
                extra.add("'" + f + "'");
            }
        }
        if (!extra.isEmpty()) {
            throw ServiceException.badRequest("Invalid input for field/attribute " + (path.isEmpty() ? "" : path)
                    + ". Value: " + abbreviate(node.toString()) + ". Additional properties are not allowed ("
                    + String.join(", ", extra) + (extra.size() == 1 ? " was" : " were") + " unexpected)");
        }
    }

    static void require(ObjectNode node, String path, String... fields) {
        for (String f : fields) {
            if (!node.has(f)) {
                throw invalid(path, node, "'" + f + "' is a required property");
            }
        }
    }

    /** Nova's "name" format: printable, no leading or trailing whitespace, 1-255 characters. */
    static String name(ObjectNode node, String field) {
        JsonNode n = node.get(field);
        if (n == null || !n.isTextual()) {
            throw invalid(field, n, (n == null ? "None" : n.toString()) + " is not of type 'string'");
        }
        String s = n.asText();
        lengthBetween(field, s, 1, 255);
        if (!s.equals(s.strip()) || s.codePoints().anyMatch(c -> Character.isISOControl(c))) {
            throw ServiceException.badRequest("An invalid 'name' value was provided. The name must be: printable "
                    + "characters. Can not start or end with whitespace.");
        }
        return s;
    }

    static void lengthBetween(String field, String s, int min, int max) {
        if (s.length() < min) {
            throw invalid(field, s, "'" + s + "' is too short");
        }
        if (s.length() > max) {
            throw invalid(field, s, "'" + abbreviate(s) + "' is too long");
        }
    }

    /** An integer given as a JSON integer or a string of digits (Nova's flavor_param_*), in range. */
    static int integer(ObjectNode node, String field, int min, int max) {
        JsonNode n = node.get(field);
        long v;
        if (n != null && n.isIntegralNumber() && n.canConvertToLong()) {
            v = n.asLong();
        } else if (n != null && n.isTextual() && n.asText().matches("-?[0-9]+") && n.asText().length() < 19) {
            v = Long.parseLong(n.asText());
        } else {
            throw invalid(field, n, (n == null ? "None" : n.toString()) + " is not of type 'integer', 'string'");
        }
        if (v < min) {
            throw invalid(field, n, v + " is less than the minimum of " + min);
        }
        if (v > max) {
            throw invalid(field, n, v + " is greater than the maximum of " + max);
        }
        return (int) v;
    }

    /** Nova's "boolean" parameter type: a JSON boolean or one of its accepted strings. */
    static boolean bool(ObjectNode node, String field) {
        JsonNode n = node.get(field);
        if (n != null && n.isBoolean()) {
            return n.asBoolean();
        }
        if (n != null && n.isTextual() && BOOLEAN_STRINGS.contains(n.asText())) {
            return TRUE_STRINGS.contains(n.asText().toLowerCase(Locale.ROOT));
        }
        throw invalid(field, n, (n == null ? "None" : n.toString()) + " is not one of " + new TreeSet<>(BOOLEAN_STRINGS));
    }

    /** oslo's bool_from_string(strict=True) for query parameters; null when not a boolean word. */
    static Boolean boolWord(String s) {
        String v = s.strip().toLowerCase(Locale.ROOT);
        return TRUE_STRINGS.contains(v) ? Boolean.TRUE : FALSE_STRINGS.contains(v) ? Boolean.FALSE : null;
    }

    /** Query parameters Nova accepts on a call; from 2.75 any other is a 400. */
    static void queryAllows(ApiRequest req, Collection<String> allowed) {
        if (!req.atLeast("2.75")) {
            return;
        }
        List<String> extra = req.query().keySet().stream().filter(k -> !allowed.contains(k)).map(k -> "'" + k + "'")
                .toList();
        if (!extra.isEmpty()) {
            throw ServiceException.badRequest("Invalid input for query parameters " + String.join(", ", extra)
                    + ". Value: " + extra.get(0).replace("'", "") + ". Additional properties are not allowed ("
                    + String.join(", ", extra) + (extra.size() == 1 ? " was" : " were") + " unexpected)");
        }
    }

    /** A non-negative integer query parameter, or null when absent. */
    static Integer nonNegative(ApiRequest req, String name) {
        String v = req.queryParam(name).orElse(null);
        if (v == null) {
            return null;
        }
        if (!v.matches("[0-9]+")) {
            throw ServiceException.badRequest("Invalid input for query parameters " + name + ". Value: " + v + ". '"
                    + v + "' does not match '^[0-9]*$'");
        }
        // Any size is valid to Nova; beyond an int it can only mean "all".
        return v.length() > 9 ? Integer.MAX_VALUE : Integer.parseInt(v);
    }

    /** limit (capped at max_limit) and marker, as common.get_limit_and_marker. */
    static Integer limit(ApiRequest req, int maxLimit) {
        Integer limit = nonNegative(req, "limit");
        return limit == null ? maxLimit : Math.min(limit, maxLimit);
    }

    static ServiceException invalid(String field, Object value, String reason) {
        String v = value == null ? "None" : value instanceof JsonNode j && j.isTextual() ? j.asText() : String.valueOf(value);
        return ServiceException.badRequest("Invalid input for field/attribute " + field + ". Value: " + abbreviate(v)
                + ". " + reason);
    }

    static String abbreviate(String s) {
        return s.length() > 200 ? s.substring(0, 197) + "..." : s;
    }

    /** Strings of a JSON object, for extra specs: numbers become their text, as Nova's str(). */
    static Map<String, String> stringMap(ObjectNode node, String field) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = e.getKey();
            if (!key.matches("[a-zA-Z0-9\\-_:. ]{1,255}")) {
                throw ServiceException.badRequest("Invalid input for field/attribute " + field + ". Value: "
                        + abbreviate(node.toString()) + ". Additional properties are not allowed ('" + key
                        + "' was unexpected)");
            }
            JsonNode v = e.getValue();
            String text;
            if (v.isTextual()) {
                text = v.asText();
            } else if (v.isNumber()) {
                text = v.isIntegralNumber() ? v.asText() : String.valueOf(v.asDouble());
            } else {
                throw invalid(field + "/" + key, v, v + " is not of type 'string', 'number'");
            }
            if (text.length() > 255) {
                throw invalid(field + "/" + key, v, "'" + abbreviate(text) + "' is too long");
            }
            out.put(key, text);
        }
        return out;
    }
}
