package org.apiary.image.api;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apiary.common.error.ServiceException;
import org.apiary.http.ApiResponse;
import org.apiary.http.ErrorRenderer;

/**
 * Glance's error body as webob renders it for a JSON client:
 * {@code {"message": "...", "code": "404 Not Found", "title": "Not Found"}}. openstacksdk and
 * tempest read {@code message}. (Glance also renders HTML or plain text for other Accept
 * headers; the renderer does not see the request, so JSON is always sent.)
 */
public final class GlanceErrors implements ErrorRenderer {
    @Override
    public ApiResponse render(ServiceException e, String requestId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("message", e.getMessage());
        body.put("code", e.status() + " " + e.kind().title());
        body.put("title", e.kind().title());
        return ApiResponse.json(e.status(), body);
    }
}
