package org.apiary.http;

import java.util.List;

/**
 * A method + path template ({@code /v3/users/{user_id}}) bound to a handler.
 *
 * @param authenticated whether the auth middleware must find a valid token first
 * @param streaming whether the handler reads the body itself, unbounded (image data)
 */
public record Route(String method, String template, List<String> segments, Handler handler,
                    boolean authenticated, boolean streaming) {

    static Route of(String method, String template, Handler handler, boolean authenticated, boolean streaming) {
        List<String> segs = List.of(template.replaceAll("^/+|/+$", "").split("/"));
        if (template.equals("/")) {
            segs = List.of();
        }
        return new Route(method, template, segs, handler, authenticated, streaming);
    }

    int literalCount() {
        return (int) segments.stream().filter(s -> !isParam(s)).count();
    }

    static boolean isParam(String segment) {
        return segment.startsWith("{") && segment.endsWith("}");
    }
}
