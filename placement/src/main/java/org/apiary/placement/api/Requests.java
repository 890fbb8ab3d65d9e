package org.apiary.placement.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apiary.common.error.ErrorKind;
import org.apiary.common.error.ServiceException;
import org.apiary.common.json.Json;
import org.apiary.http.ApiRequest;
import org.apiary.placement.api.schema.JsonSchema;

/** Reading requests the way upstream does: util.extract_json, validate_query_params, version_handler. */
final class Requests {
    private Requests() {}

    /** The body, parsed and validated against the schema of the negotiated microversion. */
    static JsonNode body(ApiRequest req, JsonSchema schema) {
        JsonNode data;
        try {
            data = Json.MAPPER.readTree(req.body());
        } catch (IOException e) {
            String m = String.valueOf(e.getMessage());
            throw ServiceException.badRequest("Malformed JSON: " + (m.contains("\n") ? m.substring(0, m.indexOf('\n')) : m));
        }
        if (data == null || data.isMissingNode()) {
            throw ServiceException.badRequest("Malformed JSON: Expecting value: line 1 column 1 (char 0)");
        }
        validate(schema, data, "JSON does not validate: ");
        return data;
    }

    static void validate(JsonSchema schema, JsonNode data, String prefix) {
        JsonSchema.Failure f = schema.validate(data);
        if (f != null) {
            throw ServiceException.badRequest(prefix + f);
        }
    }

    /** Query parameters against a schema (the last value of a repeated key, as webob's dict()). */
    static void query(ApiRequest req, JsonSchema schema) {
        ObjectNode q = Json.object();
        for (Map.Entry<String, List<String>> e : req.query().entrySet()) {
            q.put(e.getKey(), e.getValue().get(e.getValue().size() - 1));
        }
        validate(schema, q, "Invalid query string parameters: ");
    }

    /** Handlers that exist only from a microversion on answer 404 (or 405) below it. */
    static void since(ApiRequest req, String version) {
        if (!req.atLeast(version)) {
            throw ServiceException.notFound("The resource could not be found.");
        }
    }

    static void sinceOr405(ApiRequest req, String version) {
        if (!req.atLeast(version)) {
            throw new ServiceException(ErrorKind.METHOD_NOT_ALLOWED, "The method " + req.method()
                    + " is not allowed for this resource.");
        }
    }

    /** A uuid in its canonical dashed, lower-case form (upstream normalises with uuid.UUID()). */
    static String canonicalUuid(String s) {
        String hex = s.toLowerCase(java.util.Locale.ROOT).replace("urn:", "").replace("uuid:", "").replace("{", "")
                .replace("}", "").replace("-", "");
        return UUID.fromString(hex.replaceFirst("(.{8})(.{4})(.{4})(.{4})(.{12})", "$1-$2-$3-$4-$5")).toString();
    }

    static String text(JsonNode data, String field) {
        JsonNode n = data.get(field);
        return n == null || n.isNull() ? null : n.asText();
    }
}
