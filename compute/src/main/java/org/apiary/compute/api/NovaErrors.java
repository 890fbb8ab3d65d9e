package org.apiary.compute.api;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apiary.common.error.ServiceException;
import org.apiary.http.ApiResponse;
import org.apiary.http.ErrorRenderer;

/**
 * Nova's error body (nova/api/openstack/wsgi.py Fault): {@code {"<name>": {"code", "message"}}},
 * the name chosen by status, "computeFault" for any status without one.
 */
public final class NovaErrors implements ErrorRenderer {
    private static final Map<Integer, String> NAMES = Map.ofEntries(Map.entry(400, "badRequest"),
            Map.entry(401, "unauthorized"), Map.entry(403, "forbidden"), Map.entry(404, "itemNotFound"),
            Map.entry(405, "badMethod"), Map.entry(409, "conflictingRequest"), Map.entry(413, "overLimit"),
            Map.entry(415, "badMediaType"), Map.entry(429, "overLimit"), Map.entry(501, "notImplemented"),
            Map.entry(503, "serviceUnavailable"));

    @Override
    public ApiResponse render(ServiceException e, String requestId) {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("code", e.status());
        inner.put("message", e.getMessage());
        return ApiResponse.json(e.status(), Map.of(NAMES.getOrDefault(e.status(), "computeFault"), inner));
    }
}
