package org.apiary.image.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.apiary.common.error.ServiceException;
import org.apiary.common.json.Json;

/**
 * The body of PATCH /v2/images/{id}: a JSON-patch list in either of Glance's media types
 * (draft 10: {"op": "add", "path": ...}; draft 4: {"add": path}), checked as Glance's request
 * deserializer checks it, with its messages.
 */
final class PatchParser {
    static final String DRAFT4 = "application/openstack-images-v2.0-json-patch";
    static final String DRAFT10 = "application/openstack-images-v2.1-json-patch";
    static final Set<String> READ_ONLY = Set.of("created_at", "updated_at", "status", "checksum", "size",
            "virtual_size", "direct_url", "self", "file", "schema", "id", "os_hash_algo", "os_hash_value");
    static final Set<String> RESERVED = Set.of("location", "deleted", "deleted_at");
    static final String RESERVED_NAMESPACE = "os_glance";
    private static final List<String> OPS = List.of("add", "remove", "replace");
    private static final Pattern ADJACENT = Pattern.compile("/\\s*?/");
    private static final Pattern BAD_TILDE = Pattern.compile("~[^01]");
    private static final Map<String, Map<String, Integer>> DEPTH = Map.of(
            "locations", Map.of("add", 2, "remove", 2, "replace", 1));

    /** One parsed operation: op, the decoded path segments, and the value (null for remove). */
    record Op(String op, List<String> path, JsonNode value, boolean draft4) {
        String root() {
            return path.get(0);
        }
    }

    private PatchParser() {}

    static List<Op> parse(byte[] body, boolean draft4, Schemas schemas) {
        if (body.length == 0) {
            throw ServiceException.badRequest("Body expected in request.");
        }
        JsonNode list;
        try {
            list = Json.MAPPER.readTree(body);
        } catch (IOException e) {
            throw ServiceException.badRequest("Malformed JSON in request body.");
        }
        if (list == null || !list.isArray()) {
            throw ServiceException.badRequest("Request body must be a JSON array of operation objects.");
        }
        List<Op> ops = new ArrayList<>();
        for (JsonNode raw : list) {
            if (!raw.isObject()) {
                throw ServiceException.badRequest("Operations must be JSON objects.");
            }
            String op = draft4 ? opDraft4(raw) : opDraft10(raw);
            JsonNode pathNode = draft4 ? raw.get(op) : raw.get("path");
            if (pathNode == null) {
                throw ServiceException.badRequest("Unable to find 'path' in JSON Schema change");
            }
            List<String> path = decodePointer(pathNode.isTextual() ? pathNode.asText() : pathNode.toString());
            int depth = DEPTH.getOrDefault(path.get(0), Map.of()).getOrDefault(op, 1);
            if (path.size() != depth) {
                throw ServiceException.badRequest("Invalid JSON pointer for this resource: '/"
                        + String.join("/", path) + "'");
            }
            JsonNode value = null;
            if (!op.equals("remove")) {
                if (!raw.has("value")) {
                    throw ServiceException.badRequest("Operation \"" + op + "\" requires a member named \"value\".");
                }
                value = raw.get("value");
            }
            Op parsed = new Op(op, path, value, draft4);
            validate(parsed, schemas);
            ops.add(parsed);
        }
        return ops;
    }

    private static String opDraft10(JsonNode raw) {
        JsonNode op = raw.get("op");
        if (op == null) {
            throw ServiceException.badRequest("Unable to find `op` in JSON Schema change. It must be one of the "
                    + "following: add, remove, replace.");
        }
        if (!op.isTextual() || !OPS.contains(op.asText())) {
            throw ServiceException.badRequest("Invalid operation: `" + (op.isTextual() ? op.asText() : op.toString())
                    + "`. It must be one of the following: add, remove, replace.");
        }
        return op.asText();
    }

    private static String opDraft4(JsonNode raw) {
        String found = null;
        for (String op : OPS) {
            if (raw.has(op)) {
                if (found != null) {
                    throw ServiceException.badRequest("Operation objects must contain only one member named \"add\", "
                            + "\"remove\", or \"replace\".");
                }
                found = op;
            }
        }
        if (found == null) {
            throw ServiceException.badRequest("Operation objects must contain exactly one member named \"add\", "
                    + "\"remove\", or \"replace\".");
        }
        return found;
    }

    /** Glance accepts only a limited form of JSON pointer; ~1 and ~0 are the escapes for / and ~. */
    static List<String> decodePointer(String pointer) {
        if (!pointer.startsWith("/")) {
            throw ServiceException.badRequest("Pointer `" + pointer + "` does not start with \"/\".");
        }
        if (ADJACENT.matcher(pointer.substring(1)).find()) {
            throw ServiceException.badRequest("Pointer `" + pointer + "` contains adjacent \"/\".");
        }
        if (pointer.length() > 1 && pointer.endsWith("/")) {
            throw ServiceException.badRequest("Pointer `" + pointer + "` end with \"/\".");
        }
        if (pointer.substring(1).strip().equals("/")) {
            throw ServiceException.badRequest("Pointer `" + pointer + "` does not contains valid token.");
        }
        if (BAD_TILDE.matcher(pointer).find() || pointer.endsWith("~")) {
            throw ServiceException.badRequest("Pointer `" + pointer + "` contains \"~\" not part of a recognized "
                    + "escape sequence.");
        }
        List<String> parts = new ArrayList<>();
        for (String part : pointer.replaceFirst("^/+", "").split("/", -1)) {
            parts.add(part.replace("~1", "/").replace("~0", "~").strip());
        }
        return parts;
    }

    private static void validate(Op op, Schemas schemas) {
        String root = op.root();
        if (READ_ONLY.contains(root)) {
            throw ServiceException.forbidden("Attribute '" + root + "' is read-only.");
        }
        if (RESERVED.contains(root) || root.startsWith(RESERVED_NAMESPACE)) {
            throw ServiceException.forbidden("Attribute '" + root + "' is reserved.");
        }
        if (root.length() > 255) {
            throw ServiceException.badRequest("Custom property should not be greater than 255 characters.");
        }
        if (op.op().equals("remove")) {
            return;
        }
        JsonNode partial = null;
        if (op.path().size() == 1) {
            partial = Json.object().set(root, op.value());
        } else if (schemas.isBaseProperty(root)
                && "array".equals(schemas.attribute(root).path("type").asText())) {
            partial = Json.object().set(root, Json.MAPPER.createArrayNode().add(op.value()));
        }
        if (partial != null) {
            schemas.checkImage(partial);
        }
    }
}
