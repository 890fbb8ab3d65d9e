package org.apiary.placement.api;

import org.apiary.http.ApiRequest;
import org.apiary.http.ApiResponse;

/**
 * POST /_apiary/reset: empties Placement (providers, consumers, custom classes and traits) so
 * that upstream's gabbi files, which each expect an empty database, can run one after another.
 * Registered only with {@code [placement] allow_reset = true}, and admin-only even then.
 */
public final class ResetResource {
    private final Runnable reset;
    private final Authz authz;

    public ResetResource(Runnable reset, Authz authz) {
        this.reset = reset;
        this.authz = authz;
    }

    public void register(Routes routes) {
        routes.add("POST", "/_apiary/reset", Routes.Body.NONE, this::reset);
    }

    private ApiResponse reset(ApiRequest req) {
        authz.enforce(req, "placement:reset");
        reset.run();
        return ApiResponse.noContent();
    }
}
