package org.apiary.compute.api;

import org.apiary.common.error.ServiceException;
import org.apiary.http.ApiRequest;
import org.apiary.http.Handler;
import org.apiary.http.RouteTable;

/**
 * Nova's route table under {@code /v2.1}. Failures are rendered inside the handler so the answer
 * still carries the negotiated microversion headers, as Nova's Fault does; a method that exists
 * only from a microversion is a 404 outside its range (VersionNotFoundForAPIMethod).
 */
public final class NovaRoutes {
    public static final String PREFIX = "/v2.1";

    private final RouteTable table;
    private final NovaErrors errors;

    public NovaRoutes(RouteTable table, NovaErrors errors) {
        this.table = table;
        this.errors = errors;
    }

    public NovaRoutes add(String method, String path, Handler handler) {
        table.add(method, PREFIX + path, guard(handler));
        return this;
    }

    /** A method served only from microversion {@code since} on. */
    public NovaRoutes add(String method, String path, String since, Handler handler) {
        return add(method, path, req -> {
            if (!req.atLeast(since)) {
                throw ServiceException.notFound("The resource could not be found.");
            }
            return handler.handle(req);
        });
    }

    /** A method served only up to microversion {@code until} (the proxy APIs end at 2.35). */
    public NovaRoutes addUntil(String method, String path, String until, Handler handler) {
        String[] p = until.split("\\.");
        String next = p[0] + "." + (Integer.parseInt(p[1]) + 1);
        return add(method, path, req -> {
            if (req.atLeast(next)) {
                throw ServiceException.notFound("The resource could not be found.");
            }
            return handler.handle(req);
        });
    }

    public NovaRoutes addPublic(String method, String path, Handler handler) {
        table.addPublic(method, path, guard(handler));
        return this;
    }

    private Handler guard(Handler handler) {
        return req -> {
            try {
                return handler.handle(req);
            } catch (ServiceException e) {
                return errors.render(e, req.requestId());
            }
        };
    }

    /** The path of a request relative to the API root, for links. */
    static String root(ApiRequest req) {
        return req.baseUrl() + PREFIX;
    }
}
