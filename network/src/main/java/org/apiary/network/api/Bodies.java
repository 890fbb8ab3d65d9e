package org.apiary.network.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apiary.common.json.Json;
import org.apiary.http.ApiRequest;
import org.apiary.network.domain.Faults;

/** Request bodies: the {"network": {...}} envelope, allowed attributes, typed reads, If-Match. */
final class Bodies {
    private Bodies() {}

    /** The single-resource object of a body, or, for bulk creates, each element of the collection. */
    static List<ObjectNode> items(ApiRequest req, String resource, String collection, boolean allowBulk) {
        ObjectNode body = req.json();
        if (allowBulk && body.has(collection) && body.get(collection).isArray()) {
            List<ObjectNode> out = new ArrayList<>();
            for (JsonNode n : body.get(collection)) {
                if (!n.isObject()) {
                    throw Faults.badRequest(collection, "Resource body required");
                }
                out.add((ObjectNode) n);
            }
            return out;
        }
        JsonNode inner = body.get(resource);
        if (inner == null || !inner.isObject()) {
            throw Faults.badRequest(resource, "Resource body required");
        }
        return List.of((ObjectNode) inner);
    }

    /** Refuses attributes the resource does not have, or may not be set in this operation. */
    static void allowOnly(ObjectNode body, Set<String> allowed, String op) {
        List<String> extra = new ArrayList<>();
        for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!allowed.contains(f)) {
                extra.add(f);
            }
        }
        if (!extra.isEmpty()) {
            throw Faults.badRequest("resource", op.equals("POST") && extra.size() == 1
                    ? "Attribute '" + extra.get(0) + "' not allowed in POST"
                    : "Unrecognized attribute(s) '" + String.join(", ", extra) + "'");
        }
    }

    static String string(ObjectNode b, String field, int max) {
        JsonNode n = b.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isTextual()) {
            throw Faults.invalidInput("Invalid input for " + field + ". Reason: '" + n + "' is not a valid string");
        }
        if (max > 0 && n.asText().length() > max) {
            throw Faults.invalidInput("Invalid input for " + field + ". Reason: '" + n.asText()
                    + "' exceeds maximum length of " + max);
        }
        return n.asText();
    }

    static Boolean bool(ObjectNode b, String field) {
        JsonNode n = b.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        if (n.isBoolean()) {
            return n.asBoolean();
        }
        if (n.isTextual() && (n.asText().equalsIgnoreCase("true") || n.asText().equalsIgnoreCase("false"))) {
            return Boolean.parseBoolean(n.asText());
        }
        if (n.isInt() && (n.asInt() == 0 || n.asInt() == 1)) {
            return n.asInt() == 1;
        }
        throw Faults.invalidInput("Invalid input for " + field + ". Reason: '" + n.asText()
                + "' cannot be converted to boolean");
    }

    static Integer integer(ObjectNode b, String field) {
        JsonNode n = b.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        if (n.isIntegralNumber() && n.canConvertToInt()) {
            return n.asInt();
        }
        if (n.isTextual() && n.asText().matches("-?\\d{1,9}")) {
            return Integer.parseInt(n.asText());
        }
        throw Faults.invalidInput("Invalid input for " + field + ". Reason: '" + n.asText() + "' is not an integer");
    }

    static List<String> strings(ObjectNode b, String field) {
        JsonNode n = b.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isArray()) {
            throw Faults.invalidInput("Invalid input for " + field + ". Reason: '" + n + "' is not a list");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode e : n) {
            if (!e.isTextual()) {
                throw Faults.invalidInput("Invalid input for " + field + ". Reason: '" + e + "' is not a valid string");
            }
            out.add(e.asText());
        }
        return out;
    }

    static List<ObjectNode> objects(ObjectNode b, String field) {
        JsonNode n = b.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isArray()) {
            throw Faults.invalidInput("Invalid input for " + field + ". Reason: '" + n + "' is not a list");
        }
        List<ObjectNode> out = new ArrayList<>();
        for (JsonNode e : n) {
            if (!e.isObject()) {
                throw Faults.invalidInput("Invalid input for " + field + ". Reason: '" + e + "' is not a dictionary");
            }
            out.add((ObjectNode) e);
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(ObjectNode b, String field) {
        JsonNode n = b.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isObject()) {
            throw Faults.invalidInput("Invalid input for " + field + ". Reason: '" + n + "' is not a dictionary");
        }
        return Json.MAPPER.convertValue(n, Map.class);
    }

    /** Project of a new resource: the body's project_id/tenant_id (must agree), else the caller's. */
    static String project(ObjectNode b, ApiRequest req) {
        String p = string(b, "project_id", 255);
        String t = string(b, "tenant_id", 255);
        if (p != null && t != null && !p.equals(t)) {
            throw Faults.badRequest("resource", "'project_id' and 'tenant_id' do not match");
        }
        String given = p != null ? p : t;
        return given != null ? given : req.auth().projectId();
    }

    /** {@code If-Match: revision_number=N}, or null. */
    static Long ifMatch(ApiRequest req) {
        String h = req.header("If-Match").orElse(null);
        if (h == null) {
            return null;
        }
        for (String part : h.split(",")) {
            String p = part.strip();
            if (p.startsWith("revision_number=")) {
                try {
                    return Long.parseLong(p.substring("revision_number=".length()));
                } catch (NumberFormatException e) {
                    throw Faults.badRequest("resource", "Could not parse If-Match header " + h);
                }
            }
        }
        return null;
    }

    static List<String> fieldNames(ObjectNode b) {
        List<String> out = new ArrayList<>();
        b.fieldNames().forEachRemaining(out::add);
        return out;
    }
}
