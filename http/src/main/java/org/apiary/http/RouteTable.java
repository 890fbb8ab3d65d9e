package org.apiary.http;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The one route table of a service. Templates match whole segments; where several match, the
 * one with the most literal segments wins, so {@code /v3/auth/tokens} beats
 * {@code /v3/auth/{x}}. A path that matches with the wrong method yields 405 with {@code Allow}.
 */
public final class RouteTable {
    private final List<Route> routes = new ArrayList<>();

    /** A route that needs a valid token. */
    public RouteTable add(String method, String template, Handler handler) {
        routes.add(Route.of(method, template, handler, true, false));
        return this;
    }

    /** A route anyone may call (version documents, token issue). */
    public RouteTable addPublic(String method, String template, Handler handler) {
        routes.add(Route.of(method, template, handler, false, false));
        return this;
    }

    /** A route whose handler streams an unbounded request body itself. */
    public RouteTable addStreaming(String method, String template, Handler handler) {
        routes.add(Route.of(method, template, handler, true, true));
        return this;
    }

    public List<Route> routes() {
        return List.copyOf(routes);
    }

    /** The result of looking a request up. */
    public sealed interface Match {
        record Found(Route route, Map<String, String> params) implements Match {}

        record WrongMethod(TreeSet<String> allowed) implements Match {}

        record Missing() implements Match {}
    }

    public Match match(String method, String rawPath) {
        String trimmed = rawPath.replaceAll("^/+|/+$", "");
        String[] parts = trimmed.isEmpty() ? new String[0] : trimmed.split("/", -1);
        Route best = null;
        Map<String, String> bestParams = null;
        TreeSet<String> allowed = new TreeSet<>();
        int bestScore = -1;
        int bestPathScore = -1;
        for (Route r : routes) {
            Map<String, String> params = bind(r, parts);
            if (params == null) {
                continue;
            }
            int score = r.literalCount();
            if (score > bestPathScore) {
                bestPathScore = score;
                allowed.clear();
            }
            if (score == bestPathScore) {
                allowed.add(r.method());
                if (r.method().equals("GET")) {
                    allowed.add("HEAD");
                }
            }
            boolean methodOk = r.method().equals(method) || (method.equals("HEAD") && r.method().equals("GET"));
            if (methodOk && score > bestScore && score >= bestPathScore) {
                best = r;
                bestParams = params;
                bestScore = score;
            }
        }
        if (best != null && bestScore == bestPathScore) {
            return new Match.Found(best, bestParams);
        }
        if (bestPathScore >= 0) {
            return new Match.WrongMethod(allowed);
        }
        return new Match.Missing();
    }

    private static Map<String, String> bind(Route r, String[] parts) {
        if (r.segments().size() != parts.length) {
            return null;
        }
        Map<String, String> params = new HashMap<>();
        for (int i = 0; i < parts.length; i++) {
            String seg = r.segments().get(i);
            String part = URLDecoder.decode(parts[i].replace("+", "%2B"), StandardCharsets.UTF_8);
            if (Route.isParam(seg)) {
                if (part.isEmpty()) {
                    return null;
                }
                params.put(seg.substring(1, seg.length() - 1), part);
            } else if (!seg.equals(part)) {
                return null;
            }
        }
        return params;
    }
}
