package org.apiary.placement.api;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apiary.http.ApiRequest;
import org.apiary.http.ApiResponse;
import org.apiary.placement.api.schema.Schemas;
import org.apiary.placement.domain.ProviderService;
import org.apiary.placement.domain.TypedUsage;
import org.apiary.placement.domain.UsageService;

/** /resource_providers/{uuid}/usages and GET /usages (1.9+; grouped by consumer type from 1.38). */
public final class UsagesResource {
    private final UsageService usages;
    private final ProviderService providers;
    private final Authz authz;

    public UsagesResource(UsageService usages, ProviderService providers, Authz authz) {
        this.usages = usages;
        this.providers = providers;
        this.authz = authz;
    }

    public void register(Routes routes) {
        routes.add("GET", "/resource_providers/{uuid}/usages", Routes.Body.SENDS_JSON, this::forProvider);
        routes.add("GET", "/usages", Routes.Body.SENDS_JSON, this::totals);
    }

    private ApiResponse forProvider(ApiRequest req) {
        authz.enforce(req, "placement:resource_providers:usages");
        String uuid = req.param("uuid");
        long generation = providers.get(uuid).generation();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("resource_provider_generation", generation);
        body.put("usages", usages.forProvider(uuid));
        return Views.cached(req, ApiResponse.ok(body), 0); // "what is the usage now?": upstream says now
    }

    private ApiResponse totals(ApiRequest req) {
        Requests.since(req, "1.9");
        String project = req.queryParam("project_id").orElse(null);
        String user = req.queryParam("user_id").orElse(null);
        Map<String, Object> target = new HashMap<>();
        target.put("project_id", project);
        authz.enforce(req, "placement:usages", target);
        boolean byType = req.atLeast("1.38");
        Requests.query(req, byType ? Schemas.USAGES_1_38 : Schemas.USAGES_1_9);
        Object out;
        if (byType) {
            Map<String, Object> grouped = new LinkedHashMap<>();
            for (TypedUsage u : usages.byConsumerType(project, user, req.queryParam("consumer_type").orElse(null))) {
                Map<String, Object> g = new LinkedHashMap<>(u.resources());
                g.put("consumer_count", u.consumerCount());
                grouped.put(u.consumerType(), g);
            }
            out = grouped;
        } else {
            out = usages.totals(project, user);
        }
        return Views.cached(req, ApiResponse.ok(Map.of("usages", out)), 0);
    }
}
