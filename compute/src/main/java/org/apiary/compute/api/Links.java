package org.apiary.compute.api;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apiary.http.ApiRequest;

/** Nova's self/bookmark links and the "next" link of a paged collection (views/common.py). */
final class Links {
    private Links() {}

    static List<Map<String, String>> of(ApiRequest req, String collection, String id) {
        String enc = URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
        return List.of(Map.of("rel", "self", "href", NovaRoutes.root(req) + "/" + collection + "/" + enc),
                Map.of("rel", "bookmark", "href", req.baseUrl() + "/" + collection + "/" + enc));
    }

    /**
     * A next link when the page is full: when its size equals min(limit or max_limit, max_limit).
     * The href repeats the request's query with the marker set to the last item.
     */
    static List<Map<String, String>> next(ApiRequest req, String collection, int pageSize, String lastId, int maxLimit) {
        List<Map<String, String>> links = new ArrayList<>();
        int max = Math.min(req.queryParam("limit").map(Links::parseOrMax).orElse(maxLimit), maxLimit);
        if (max > 0 && max == pageSize && lastId != null) {
            Map<String, String> params = new LinkedHashMap<>();
            req.query().forEach((k, v) -> params.put(k, v.get(0)));
            params.put("marker", lastId);
            StringBuilder q = new StringBuilder();
            params.forEach((k, v) -> q.append(q.isEmpty() ? "" : "&").append(URLEncoder.encode(k, StandardCharsets.UTF_8))
                    .append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
            links.add(Map.of("rel", "next", "href", NovaRoutes.root(req) + "/" + collection + "?" + q));
        }
        return links;
    }

    private static int parseOrMax(String s) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return Integer.MAX_VALUE;
        }
    }
}
