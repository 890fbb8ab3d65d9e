package org.apiary.identity.api;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apiary.common.error.ServiceException;
import org.apiary.http.ApiResponse;
import org.apiary.http.ErrorRenderer;

/** Keystone's error body: {@code {"error": {"code": 404, "title": "Not Found", "message": "..."}}}. */
public final class KeystoneErrors implements ErrorRenderer {
    @Override
    public ApiResponse render(ServiceException e, String requestId) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", e.status());
        error.put("title", e.kind().title());
        error.put("message", e.getMessage());
        return ApiResponse.json(e.status(), Map.of("error", error));
    }
}
