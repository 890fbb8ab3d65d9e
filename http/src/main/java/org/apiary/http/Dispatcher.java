package org.apiary.http;

import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;
import org.apiary.common.Ids;
import org.apiary.common.context.AuthContext;
import org.apiary.common.error.ErrorKind;
import org.apiary.common.error.ServiceException;
import org.apiary.common.microversion.Microversion;
import org.apiary.common.microversion.VersionNegotiation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The middleware chain every API shares, in this order (each step relies on the ones before):
 * request id → CORS → health/metrics → route lookup (404/405) → body size limit (413) →
 * authentication (401) → handler → error rendering → access log and metrics.
 */
public final class Dispatcher {
    private static final Logger ACCESS = LoggerFactory.getLogger("apiary.access");
    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);

    /** The parts of an incoming request the chain needs, whatever server received it. */
    public record Exchange(String method, String rawPath, String rawQuery, Function<String, Optional<String>> headers,
                           OptionalLong contentLength, InputStream body, String scheme, String remote) {}

    private final ApiService service;
    private final TokenValidator validator;
    private final HttpMetrics metrics;
    private final Cors cors;
    private final long maxBodyBytes;
    private final boolean metricsEnabled;
    private final Path disableByFile;

    public Dispatcher(ApiService service, TokenValidator validator, HttpMetrics metrics, List<String> corsOrigins,
                      boolean corsCredentials, int corsMaxAge, long maxBodyBytes, boolean metricsEnabled,
                      String disableByFile) {
        this.service = service;
        this.validator = validator;
        this.metrics = metrics;
        this.cors = new Cors(corsOrigins, corsCredentials, corsMaxAge);
        this.maxBodyBytes = maxBodyBytes;
        this.metricsEnabled = metricsEnabled;
        this.disableByFile = disableByFile == null ? null : Path.of(disableByFile);
    }

    public ApiResponse dispatch(Exchange ex) {
        long start = System.nanoTime();
        String requestId = Ids.requestId();
        MDC.put("request_id", requestId);
        String[] routeLabel = {"unmatched"};
        ApiResponse res;
        try {
            res = route(ex, requestId, routeLabel);
        } catch (ServiceException e) {
            res = service.errors().render(e, requestId, ex.headers().apply("Accept"));
        } catch (Exception | StackOverflowError e) {
            LOG.error("{} {} failed", ex.method(), ex.rawPath(), e);
            res = service.errors().render(new ServiceException(ErrorKind.INTERNAL,
                    "An unexpected error prevented the server from fulfilling your request."), requestId,
                    ex.headers().apply("Accept"));
        }
        if (res.status() == 401 && service.authenticateUri() != null) {
            res.header("WWW-Authenticate", "Keystone uri=\"" + service.authenticateUri() + "\"");
        }
        stampRequestId(res, requestId);
        Optional<String> origin = ex.headers().apply("Origin");
        if (cors.allows(origin)) {
            cors.decorate(res, origin.get());
        }
        long nanos = System.nanoTime() - start;
        metrics.record(service.name(), ex.method(), routeLabel[0], res.status(), nanos);
        ACCESS.info("{} {} \"{} {}\" status: {} time: {}ms", service.name(), ex.remote(), ex.method(),
                ex.rawPath() + (ex.rawQuery().isEmpty() ? "" : "?" + ex.rawQuery()), res.status(), nanos / 1_000_000);
        MDC.remove("request_id");
        return res;
    }

    private void stampRequestId(ApiResponse res, String requestId) {
        res.header("x-openstack-request-id", requestId);
        if (service.requestIdAlias() != null) {
            res.header(service.requestIdAlias(), requestId);
        }
    }

    /** Webob's wording, which clients and Placement's gabbits know. */
    static final String NON_NUMERIC_CONTENT_LENGTH = "content-length header must be an integer";

    /**
     * A request the HTTP layer refused before it could be routed (bad framing, a non-numeric
     * Content-Length, an invalid Host header): rendered in the service's own error body anyway.
     */
    public ApiResponse malformedRequest(String method, String path, String reason) {
        String requestId = Ids.requestId();
        String message = reason == null ? "The server could not understand the request: it is not valid HTTP/1.1."
                : reason;
        ApiResponse res = service.errors().render(ServiceException.badRequest(message), requestId);
        stampRequestId(res, requestId);
        metrics.record(service.name(), method, "malformed", res.status(), 0);
        ACCESS.info("{} \"{} {}\" status: {} (malformed request: {})", service.name(), method, path, res.status(), reason);
        return res;
    }

    private ApiResponse route(Exchange ex, String requestId, String[] routeLabel) throws Exception {
        Optional<String> origin = ex.headers().apply("Origin");
        // Only preflights from allowed origins are answered here; anything else is routed as usual
        // (an OPTIONS the API does not serve gets its 405), as oslo.middleware's CORS does.
        if (ex.method().equals("OPTIONS") && cors.allows(origin)
                && ex.headers().apply("Access-Control-Request-Method").isPresent()) {
            routeLabel[0] = "cors-preflight";
            return cors.preflight(origin.get());
        }
        String path = ex.rawPath();
        if (path.equals("/healthcheck")) {
            routeLabel[0] = "/healthcheck";
            return health(ex);
        }
        if (path.equals("/metrics") && metricsEnabled && ex.method().equals("GET")) {
            routeLabel[0] = "/metrics";
            return ApiResponse.bytes(200, HttpMetrics.contentType(), metrics.scrape());
        }
        RouteTable.Match match = service.routes().match(ex.method(), path);
        if (match instanceof RouteTable.Match.WrongMethod wm) {
            routeLabel[0] = "wrong-method";
            ServiceException e = new ServiceException(ErrorKind.METHOD_NOT_ALLOWED,
                    "The method " + ex.method() + " is not allowed for the requested URL.");
            return service.errors().render(e, requestId, ex.headers().apply("Accept"))
                    .header("Allow", String.join(", ", wm.allowed()));
        }
        if (!(match instanceof RouteTable.Match.Found found)) {
            throw ServiceException.notFound("The resource could not be found.");
        }
        Route route = found.route();
        routeLabel[0] = route.template();
        if (!route.streaming() && ex.contentLength().isPresent() && ex.contentLength().getAsLong() > maxBodyBytes) {
            throw ServiceException.tooLarge("Request is too large. The request body exceeds " + maxBodyBytes + " bytes.");
        }
        ApiRequest req = new ApiRequest(ex.method(), path, found.params(), parseQuery(ex.rawQuery()), ex.headers(),
                requestId, baseUrl(ex), ex.body(), route.streaming() ? Long.MAX_VALUE : maxBodyBytes);
        if (route.authenticated()) {
            String token = ex.headers().apply("X-Auth-Token").filter(t -> !t.isBlank())
                    .orElseThrow(() -> ServiceException.unauthorized("The request you have made requires authentication."));
            AuthContext ctx = validator.validate(token.strip());
            req.setAuth(ctx);
            MDC.put("user_id", ctx.userId());
        }
        VersionNegotiation versions = service.versions();
        if (versions != null) {
            req.setVersion(versions.negotiate(ex.headers().apply("OpenStack-API-Version"),
                    versions.legacyHeader() == null ? Optional.empty() : ex.headers().apply(versions.legacyHeader())));
        }
        try {
            ApiResponse res = route.handler().handle(req);
            if (versions != null) {
                echoVersion(res, versions, req.version());
            }
            return res;
        } finally {
            MDC.remove("user_id");
        }
    }

    /** Echoes the negotiated version, as clients check it, and tells caches the answer depends on it. */
    private static void echoVersion(ApiResponse res, VersionNegotiation versions, Microversion v) {
        res.header("OpenStack-API-Version", versions.serviceType() + " " + v);
        if (versions.legacyHeader() != null) {
            // Nova's spelling: "OpenStack-API-Version, X-OpenStack-Nova-API-Version".
            res.header(versions.legacyHeader(), v.toString());
            res.header("Vary", "OpenStack-API-Version, " + versions.legacyHeader());
        } else {
            // Placement's (microversion-parse): lower case, and its gabbits compare it exactly.
            res.header("Vary", "openstack-api-version");
        }
    }

    private ApiResponse health(Exchange ex) {
        List<String> reasons = new ArrayList<>();
        if (disableByFile != null && Files.exists(disableByFile)) {
            reasons.add("DISABLED BY FILE");
        }
        for (HealthCheck c : service.healthChecks()) {
            c.problem().ifPresent(reasons::add);
        }
        boolean ok = reasons.isEmpty();
        int status = ok ? (ex.method().equals("HEAD") ? 204 : 200) : 503;
        if (!ex.method().equals("GET") && !ex.method().equals("HEAD")) {
            throw new ServiceException(ErrorKind.METHOD_NOT_ALLOWED, "Only GET and HEAD are allowed on /healthcheck.");
        }
        boolean wantsJson = ex.headers().apply("Accept").map(a -> a.contains("application/json")).orElse(false);
        if (wantsJson) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("detailed", false);
            body.put("reasons", ok ? List.of("OK") : reasons);
            return ApiResponse.json(status, body);
        }
        return ApiResponse.bytes(status, "text/plain; charset=UTF-8",
                (ok ? "OK" : String.join("\n", reasons)).getBytes(StandardCharsets.UTF_8));
    }

    private static String baseUrl(Exchange ex) {
        String host = ex.headers().apply("Host").orElse("localhost");
        String scheme = ex.headers().apply("X-Forwarded-Proto").orElse(ex.scheme());
        return scheme + "://" + host;
    }

    static Map<String, List<String>> parseQuery(String raw) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String k = decode(eq < 0 ? pair : pair.substring(0, eq));
            String v = eq < 0 ? "" : decode(pair.substring(eq + 1));
            out.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
        }
        return out;
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw ServiceException.badRequest("Malformed query string.");
        }
    }
}
