package org.apiary.placement.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apiary.http.ApiRequest;
import org.apiary.http.ApiResponse;
import org.apiary.placement.api.schema.JsonSchema;
import org.apiary.placement.api.schema.Schemas;
import org.apiary.placement.domain.Provider;
import org.apiary.placement.domain.ProviderFilter;
import org.apiary.placement.domain.ProviderService;

/** /resource_providers and /resource_providers/{uuid}. */
public final class ResourceProvidersResource {
    private final ProviderService providers;
    private final Authz authz;

    public ResourceProvidersResource(ProviderService providers, Authz authz) {
        this.providers = providers;
        this.authz = authz;
    }

    public void register(Routes routes) {
        routes.add("GET", "/resource_providers", Routes.Body.SENDS_JSON, this::list);
        routes.add("POST", "/resource_providers", Routes.Body.READS_JSON, this::create);
        routes.add("GET", "/resource_providers/{uuid}", Routes.Body.SENDS_JSON, this::get);
        routes.add("DELETE", "/resource_providers/{uuid}", Routes.Body.NONE, this::delete);
        routes.add("PUT", "/resource_providers/{uuid}", Routes.Body.READS_JSON, this::update);
    }

    private ApiResponse list(ApiRequest req) {
        authz.enforce(req, "placement:resource_providers:list");
        JsonSchema schema = req.atLeast("1.18") ? Schemas.RP_LIST_1_18 : req.atLeast("1.14") ? Schemas.RP_LIST_1_14
                : req.atLeast("1.4") ? Schemas.RP_LIST_1_4 : req.atLeast("1.3") ? Schemas.RP_LIST_1_3
                : Schemas.RP_LIST_1_0;
        Requests.query(req, schema);
        QueryFilters.MemberOf memberOf = QueryFilters.memberOf(req, "");
        QueryFilters.Traits traits = QueryFilters.required(req, "");
        ProviderFilter filter = new ProviderFilter(req.queryParam("name").orElse(null),
                req.queryParam("uuid").orElse(null),
                req.queryParam("in_tree").map(QueryFilters::inTree).orElse(null),
                memberOf.required(), memberOf.forbidden(), traits.required(), traits.forbidden(),
                req.queryParam("resources").map(QueryFilters::resources).orElse(Map.of()));
        List<Provider> found = providers.list(filter);
        List<Map<String, Object>> out = new ArrayList<>();
        long last = 0;
        for (Provider p : found) {
            out.add(Views.provider(req, p));
            last = Math.max(last, p.updatedAt());
        }
        return Views.cached(req, ApiResponse.ok(Map.of("resource_providers", out)), last);
    }

    private ApiResponse create(ApiRequest req) {
        authz.enforce(req, "placement:resource_providers:create");
        JsonNode data = Requests.body(req, req.atLeast("1.14") ? Schemas.RP_POST_1_14 : Schemas.RP_POST_1_0);
        String uuid = Requests.text(data, "uuid");
        Provider p = providers.create(uuid == null ? null : Requests.canonicalUuid(uuid), Requests.text(data, "name"),
                Requests.text(data, "parent_provider_uuid"));
        String location = req.baseUrl() + Views.providerPath(p.uuid());
        if (!req.atLeast("1.20")) {
            return ApiResponse.empty(201).header("Location", location);
        }
        return Views.cached(req, ApiResponse.ok(Views.provider(req, p)), p.updatedAt()).header("Location", location);
    }

    private ApiResponse get(ApiRequest req) {
        authz.enforce(req, "placement:resource_providers:show");
        Provider p = providers.get(req.param("uuid"));
        return Views.cached(req, ApiResponse.ok(Views.provider(req, p)), p.updatedAt());
    }

    private ApiResponse update(ApiRequest req) {
        authz.enforce(req, "placement:resource_providers:update");
        String uuid = req.param("uuid");
        providers.get(uuid);
        JsonNode data = Requests.body(req, req.atLeast("1.14") ? Schemas.RP_PUT_1_14 : Schemas.RP_PUT_1_0);
        Provider p = providers.update(uuid, Requests.text(data, "name"), data.has("parent_provider_uuid"),
                Requests.text(data, "parent_provider_uuid"), req.atLeast("1.37"));
        return Views.cached(req, ApiResponse.ok(Views.provider(req, p)), p.updatedAt());
    }

    private ApiResponse delete(ApiRequest req) {
        authz.enforce(req, "placement:resource_providers:delete");
        providers.delete(req.param("uuid"));
        return ApiResponse.noContent();
    }
}
