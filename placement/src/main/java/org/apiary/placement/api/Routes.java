package org.apiary.placement.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apiary.common.error.ErrorKind;
import org.apiary.common.error.ServiceException;
import org.apiary.http.ApiRequest;
import org.apiary.http.ApiResponse;
import org.apiary.http.Handler;
import org.apiary.http.RouteTable;

/**
 * Placement's route declarations (upstream handler.py ROUTE_DECLARATIONS) and the decorators every
 * handler gets: the content-type rule of PlacementHandler, check_accept for bodies we send,
 * require_content for bodies we read, an automatic 405 with {@code Allow} for the other methods,
 * and errors rendered inside the handler so that they carry the negotiated microversion too.
 */
public final class Routes {
    private static final List<String> METHODS = List.of("GET", "PUT", "POST", "DELETE", "PATCH", "OPTIONS");

    /** What a route needs checked before its handler runs. */
    public enum Body { NONE, SENDS_JSON, READS_JSON }

    /** A 405 that knows which methods the path does allow. */
    static final class NotAllowed extends ServiceException {
        final String allow;

        NotAllowed(String method, String allow) {
            super(ErrorKind.METHOD_NOT_ALLOWED, "The method " + method + " is not allowed for this resource.");
            this.allow = allow;
        }
    }

    private final RouteTable table;
    private final PlacementErrors errors;
    private final Map<String, Map<String, Handler>> declared = new LinkedHashMap<>();
    private final Map<String, Boolean> publicPaths = new LinkedHashMap<>();

    public Routes(RouteTable table, PlacementErrors errors) {
        this.table = table;
        this.errors = errors;
    }

    public Routes add(String method, String path, Body body, Handler handler) {
        return add(method, path, null, body, handler);
    }

    /**
     * A handler that exists only from microversion {@code since} on: below it the answer is 404,
     * before any content-type check (upstream's version_handler wraps require_content).
     */
    public Routes add(String method, String path, String since, Body body, Handler handler) {
        Handler guarded = guard(body, handler);
        Handler h = since == null ? guarded : req -> req.atLeast(since) ? guarded.handle(req)
                : errors.render(ServiceException.notFound("The resource could not be found."), req.requestId(),
                        req.version());
        declared.computeIfAbsent(path, p -> new LinkedHashMap<>()).put(method, h);
        return this;
    }

    public Routes addPublic(String method, String path, Body body, Handler handler) {
        publicPaths.put(path, true);
        return add(method, path, body, handler);
    }

    /** Registers everything declared, with a 405 handler for each method a path lacks. */
    public void install() {
        declared.forEach((path, methods) -> {
            boolean isPublic = publicPaths.containsKey(path);
            String allow = String.join(", ", methods.keySet());
            for (String m : METHODS) {
                Handler h = methods.get(m);
                if (h == null) {
                    h = guard(Body.NONE, req -> {
                        throw new NotAllowed(req.method(), allow);
                    });
                }
                if (isPublic) {
                    table.addPublic(m, path, h);
                } else {
                    table.add(m, path, h);
                }
            }
        });
    }

    private Handler guard(Body body, Handler handler) {
        return req -> {
            try {
                checkContentType(req, body);
                if (body == Body.SENDS_JSON) {
                    checkAccept(req);
                }
                return handler.handle(req);
            } catch (ServiceException e) {
                ApiResponse r = errors.render(e, req.requestId(), req.version());
                if (e instanceof NotAllowed n) {
                    r.header("Allow", n.allow);
                }
                return r;
            }
        };
    }

    private static void checkContentType(ApiRequest req, Body body) {
        String length = req.header("Content-Length").orElse(null);
        String type = req.header("Content-Type").map(String::strip).filter(t -> !t.isEmpty()).orElse(null);
        if (length != null) {
            long n;
            try {
                n = Long.parseLong(length.strip());
            } catch (NumberFormatException e) {
                throw ServiceException.badRequest("content-length header must be an integer");
            }
            if (n > 0 && type == null) {
                throw ServiceException.badRequest("content-type header required when content-length > 0");
            }
        }
        if (body == Body.READS_JSON) {
            String media = type == null ? "None" : type.split(";")[0].strip().toLowerCase(Locale.ROOT);
            if (!media.equals("application/json")) {
                throw new ServiceException(ErrorKind.UNSUPPORTED_MEDIA_TYPE, "The media type " + media
                        + " is not supported, use application/json");
            }
        }
    }

    /** webob's acceptable_offers: an explicit Accept must allow application/json. */
    private static void checkAccept(ApiRequest req) {
        String accept = req.header("Accept").map(String::strip).orElse("");
        if (accept.isEmpty()) {
            return;
        }
        for (String part : accept.split(",")) {
            String[] bits = part.split(";");
            String media = bits[0].strip().toLowerCase(Locale.ROOT);
            double q = 1;
            for (int i = 1; i < bits.length; i++) {
                String p = bits[i].strip();
                if (p.startsWith("q=")) {
                    try {
                        q = Double.parseDouble(p.substring(2));
                    } catch (NumberFormatException ignored) {
                        q = 0;
                    }
                }
            }
            if (q > 0 && (media.equals("application/json") || media.equals("application/*") || media.equals("*/*"))) {
                return;
            }
        }
        throw new ServiceException(ErrorKind.NOT_ACCEPTABLE, "Only application/json is provided");
    }
}
