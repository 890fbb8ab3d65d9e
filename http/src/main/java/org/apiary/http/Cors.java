package org.apiary.http;

import java.util.List;
import java.util.Optional;

/** oslo.middleware-style CORS: answers preflights and decorates responses for allowed origins. */
final class Cors {
    static final String EXPOSED = "X-Auth-Token, X-Subject-Token, X-Service-Token, X-OpenStack-Request-ID, "
            + "OpenStack-API-Version, X-OpenStack-Nova-API-Version, Location";
    static final String ALLOWED_HEADERS = "X-Auth-Token, X-Subject-Token, X-Service-Token, X-OpenStack-Request-ID, "
            + "Content-Type, OpenStack-API-Version, X-OpenStack-Nova-API-Version, Accept, Range";
    static final String METHODS = "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS";

    private final List<String> allowedOrigins;
    private final boolean allowCredentials;
    private final int maxAge;

    Cors(List<String> allowedOrigins, boolean allowCredentials, int maxAge) {
        this.allowedOrigins = allowedOrigins;
        this.allowCredentials = allowCredentials;
        this.maxAge = maxAge;
    }

    boolean allows(Optional<String> origin) {
        return origin.isPresent() && (allowedOrigins.contains("*") || allowedOrigins.contains(origin.get()));
    }

    void decorate(ApiResponse res, String origin) {
        res.header("Access-Control-Allow-Origin", origin);
        res.header("Vary", "Origin");
        res.header("Access-Control-Expose-Headers", EXPOSED);
        if (allowCredentials) {
            res.header("Access-Control-Allow-Credentials", "true");
        }
    }

    ApiResponse preflight(String origin) {
        ApiResponse res = ApiResponse.empty(200);
        decorate(res, origin);
        res.header("Access-Control-Allow-Methods", METHODS);
        res.header("Access-Control-Allow-Headers", ALLOWED_HEADERS);
        res.header("Access-Control-Max-Age", String.valueOf(maxAge));
        return res;
    }
}
