package org.apiary.identity.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apiary.http.ApiRequest;
import org.apiary.http.ApiResponse;

/** Keystone's "links" members and collection envelopes. */
public final class Links {
    private Links() {}

    /** {@code {"self": "<base>/v3/<path>"}} */
    public static Map<String, Object> self(ApiRequest req, String path) {
        return Map.of("self", req.baseUrl() + path);
    }

    /** {@code {"<name>": [...], "links": {"self": ..., "previous": null, "next": null}}} */
    public static ApiResponse collection(ApiRequest req, String name, List<?> items) {
        Map<String, Object> links = new LinkedHashMap<>();
        String q = req.query().isEmpty() ? "" : "?" + rawQuery(req);
        links.put("self", req.baseUrl() + req.path() + q);
        links.put("previous", null);
        links.put("next", null);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put(name, items);
        body.put("links", links);
        return ApiResponse.ok(body);
    }

    /** {@code {"<name>": {...}}} with the given status. */
    public static ApiResponse single(int status, String name, Object entity) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put(name, entity);
        return ApiResponse.json(status, body);
    }

    private static String rawQuery(ApiRequest req) {
        StringBuilder sb = new StringBuilder();
        req.query().forEach((k, vs) -> vs.forEach(v -> {
            if (!sb.isEmpty()) {
                sb.append('&');
            }
            sb.append(java.net.URLEncoder.encode(k, java.nio.charset.StandardCharsets.UTF_8)).append('=')
                    .append(java.net.URLEncoder.encode(v, java.nio.charset.StandardCharsets.UTF_8));
        }));
        return sb.toString();
    }
}
