package org.apiary.agent.images;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The readable part of an OpenStack error body, as openstacksdk finds it: the {@code message} of Glance's flat
 * body or of any top-level object (Keystone's {@code {"error": {...}}}), else the text itself, cut short.
 */
final class ErrorBodies {
    private static final int MAX = 400;

    private ErrorBodies() {}

    static String message(String body) {
        if (body == null || body.isBlank()) {
            return "(no body)";
        }
        try {
            JsonNode n = ServiceSession.JSON.readTree(body);
            if (n.hasNonNull("message")) {
                return cut(n.get("message").asText());
            }
            for (JsonNode v : n) {
                if (v.isObject() && v.hasNonNull("message")) {
                    return cut(v.get("message").asText());
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            // not JSON: the text below
        }
        return cut(body.strip());
    }

    private static String cut(String s) {
        return s.length() <= MAX ? s : s.substring(0, MAX) + "…";
    }
}
