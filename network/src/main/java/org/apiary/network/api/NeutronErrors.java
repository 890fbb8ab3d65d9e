package org.apiary.network.api;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apiary.common.error.ServiceException;
import org.apiary.http.ApiResponse;
import org.apiary.http.ErrorRenderer;
import org.apiary.network.domain.Faults;

/**
 * Neutron's error body: {@code {"NeutronError": {"type", "message", "detail"}}}. The type is the
 * upstream exception name the domain put in the code; errors without one get the webob name
 * Neutron's own middleware would show (HTTPNotFound, HTTPBadRequest...).
 */
public final class NeutronErrors implements ErrorRenderer {
    @Override
    public ApiResponse render(ServiceException e, String requestId) {
        int status = Faults.REVISION_MISMATCH.equals(e.code()) ? 412 : e.status();
        String type = e.code() != null ? e.code() : switch (status) {
            case 400 -> "HTTPBadRequest";
            case 401 -> "HTTPUnauthorized";
            case 403 -> "HTTPForbidden";
            case 404 -> "HTTPNotFound";
            case 405 -> "HTTPMethodNotAllowed";
            case 409 -> "HTTPConflict";
            case 413 -> "HTTPRequestEntityTooLarge";
            case 415 -> "HTTPUnsupportedMediaType";
            case 503 -> "HTTPServiceUnavailable";
            default -> "HTTPInternalServerError";
        };
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("type", type);
        inner.put("message", e.getMessage());
        inner.put("detail", "");
        return ApiResponse.json(status, Map.of("NeutronError", inner));
    }
}
