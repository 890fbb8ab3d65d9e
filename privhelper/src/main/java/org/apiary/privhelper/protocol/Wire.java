package org.apiary.privhelper.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import org.apiary.privhelper.ops.Op;
import org.apiary.privhelper.ops.OpCatalog;

/**
 * The message shapes. Request: {"op": name, "args": {...}}. Response: {"ok": true, "result":
 * {...}} or {"ok": false, "error": {"code": ..., "message": ...}}.
 */
public final class Wire {
    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(JsonParser.Feature.ALLOW_COMMENTS)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();

    private Wire() {}

    /** Parses and validates one request body into a typed operation; throws HelperException otherwise. */
    public static Op parseRequest(byte[] body) {
        JsonNode node;
        try {
            node = MAPPER.readTree(body);
        } catch (IOException e) {
            throw new HelperException(ErrorCode.BAD_FRAME, "malformed JSON: " + firstLine(e.getMessage()));
        }
        if (node == null || !node.isObject()) {
            throw new HelperException(ErrorCode.BAD_FRAME, "a request must be a JSON object");
        }
        Args envelope = new Args((ObjectNode) node, "request");
        String op = envelope.string("op", 64);
        if (!OpCatalog.known(op)) {
            throw new HelperException(ErrorCode.UNKNOWN_OP, "unknown operation '" + Printable.of(op, 64) + "'");
        }
        JsonNode args = node.get("args");
        envelope.has("args");
        envelope.done();
        if (args == null || !args.isObject()) {
            throw HelperException.invalid("request.args must be an object");
        }
        return OpCatalog.parse(op, new Args((ObjectNode) args, op));
    }

    public static byte[] request(Op op) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("op", OpCatalog.nameOf(op));
        n.set("args", MAPPER.valueToTree(op));
        return bytes(n);
    }

    public static byte[] ok(JsonNode result) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("ok", true);
        n.set("result", result == null ? MAPPER.createObjectNode() : result);
        return bytes(n);
    }

    public static byte[] error(ErrorCode code, String message) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("ok", false);
        ObjectNode e = n.putObject("error");
        e.put("code", code.wire());
        e.put("message", message);
        return bytes(n);
    }

    public static byte[] bytes(JsonNode n) {
        try {
            return MAPPER.writeValueAsBytes(n);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String firstLine(String m) {
        if (m == null) {
            return "";
        }
        int nl = m.indexOf('\n');
        return Printable.of(nl > 0 ? m.substring(0, nl) : m, 200);
    }
}
