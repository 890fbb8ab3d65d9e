package org.apiary.bus;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.lang.reflect.Type;

/**
 * The JSON shapes on the bus, oslo.messaging-like. Request: {"method": name, "args": [..]} (args
 * positional, so no compiler flag is needed for parameter names). Reply: {"result": value} or
 * {"failure": {"class": name, "message": text}}. Unknown fields are ignored, so a newer peer may
 * add fields without breaking an older one.
 */
final class Envelopes {
    static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private Envelopes() {}

    static byte[] request(String method, Object[] args) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("method", method);
        ArrayNode a = n.putArray("args");
        if (args != null) {
            for (Object arg : args) {
                a.add(MAPPER.valueToTree(arg));
            }
        }
        return bytes(n);
    }

    static byte[] result(Object value) {
        ObjectNode n = MAPPER.createObjectNode();
        n.set("result", MAPPER.valueToTree(value));
        return bytes(n);
    }

    static byte[] failure(String className, String message) {
        ObjectNode n = MAPPER.createObjectNode();
        ObjectNode f = n.putObject("failure");
        f.put("class", className);
        f.put("message", message == null ? "" : message);
        return bytes(n);
    }

    static JsonNode tree(byte[] body) {
        try {
            JsonNode n = MAPPER.readTree(body);
            if (n == null || !n.isObject()) {
                throw new BusException("bus message is not a JSON object");
            }
            return n;
        } catch (IOException e) {
            throw new BusException("bus message is not JSON: " + firstLine(e.getMessage()), e);
        }
    }

    /** Decodes a reply: the result as {@code type}, or a RemoteCallException for a failure. */
    static Object decodeReply(byte[] body, Type type) {
        JsonNode n = tree(body);
        JsonNode failure = n.get("failure");
        if (failure != null && failure.isObject()) {
            throw new RemoteCallException(failure.path("class").asText("unknown"), failure.path("message").asText(""));
        }
        if (type == void.class || type == Void.class) {
            return null;
        }
        return convert(n.get("result"), type);
    }

    static Object convert(JsonNode node, Type type) {
        JavaType javaType = MAPPER.getTypeFactory().constructType(type);
        if (node == null || node.isNull()) {
            if (javaType.isPrimitive()) {
                throw new BusException("null where a " + javaType + " was expected");
            }
            return null;
        }
        try {
            return MAPPER.treeToValue(node, javaType);
        } catch (IOException | IllegalArgumentException e) {
            throw new BusException("cannot read " + javaType + " from bus message: " + e.getMessage(), e);
        }
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    static byte[] bytes(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new BusException("cannot write bus message: " + e.getMessage(), e);
        }
    }
}
