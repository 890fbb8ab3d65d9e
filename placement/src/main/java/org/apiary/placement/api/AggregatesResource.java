package org.apiary.placement.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apiary.http.ApiRequest;
import org.apiary.http.ApiResponse;
import org.apiary.placement.api.schema.Schemas;
import org.apiary.placement.domain.ProviderService;

/** /resource_providers/{uuid}/aggregates (1.1+; body and generation check from 1.19). */
public final class AggregatesResource {
    private final ProviderService providers;
    private final Authz authz;

    public AggregatesResource(ProviderService providers, Authz authz) {
        this.providers = providers;
        this.authz = authz;
    }

    public void register(Routes routes) {
        routes.add("GET", "/resource_providers/{uuid}/aggregates", Routes.Body.SENDS_JSON, this::get);
        routes.add("PUT", "/resource_providers/{uuid}/aggregates", Routes.Body.READS_JSON, this::put);
    }

    private static ApiResponse send(ApiRequest req, List<String> aggregates, long generation) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("aggregates", aggregates);
        if (req.atLeast("1.19")) {
            body.put("resource_provider_generation", generation);
        }
        // The time an association was made is not recorded; upstream also answers "now".
        return Views.cached(req, ApiResponse.ok(body), 0);
    }

    private ApiResponse get(ApiRequest req) {
        Requests.since(req, "1.1");
        authz.enforce(req, "placement:resource_providers:aggregates:list");
        String uuid = req.param("uuid");
        long generation = providers.get(uuid).generation();
        return send(req, providers.aggregates(uuid), generation);
    }

    private ApiResponse put(ApiRequest req) {
        Requests.since(req, "1.1");
        authz.enforce(req, "placement:resource_providers:aggregates:update");
        String uuid = req.param("uuid");
        providers.get(uuid);
        boolean withGeneration = req.atLeast("1.19");
        JsonNode data = Requests.body(req, withGeneration ? Schemas.AGGREGATES_1_19 : Schemas.AGGREGATES_1_1);
        JsonNode list = withGeneration ? data.get("aggregates") : data;
        List<String> aggregates = new ArrayList<>();
        list.forEach(a -> aggregates.add(a.asText()));
        Long expected = withGeneration ? data.get("resource_provider_generation").asLong() : null;
        long generation = providers.setAggregates(uuid, expected, aggregates);
        return send(req, aggregates, generation);
    }
}
