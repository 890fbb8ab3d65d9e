package org.apiary.placement.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apiary.common.error.ServiceException;
import org.apiary.http.ApiRequest;
import org.apiary.http.ApiResponse;
import org.apiary.placement.api.schema.Schemas;
import org.apiary.placement.domain.Failures;
import org.apiary.placement.domain.Inventories;
import org.apiary.placement.domain.InventoryService;
import org.apiary.placement.domain.ProviderService;
import org.apiary.placement.domain.candidates.Inventory;

/** /resource_providers/{uuid}/inventories[/{resource_class}]. */
public final class InventoriesResource {
    static final long MAX_INT = 2147483647L;
    private static final String BASE = "/resource_providers/{uuid}/inventories";

    private final InventoryService inventories;
    private final ProviderService providers;
    private final Authz authz;

    public InventoriesResource(InventoryService inventories, ProviderService providers, Authz authz) {
        this.inventories = inventories;
        this.providers = providers;
        this.authz = authz;
    }

    public void register(Routes routes) {
        routes.add("GET", BASE, Routes.Body.SENDS_JSON, this::list);
        routes.add("POST", BASE, Routes.Body.READS_JSON, this::create);
        routes.add("PUT", BASE, Routes.Body.READS_JSON, this::replace);
        routes.add("DELETE", BASE, Routes.Body.NONE, this::deleteAll);
        routes.add("GET", BASE + "/{resource_class}", Routes.Body.SENDS_JSON, this::get);
        routes.add("PUT", BASE + "/{resource_class}", Routes.Body.READS_JSON, this::update);
        routes.add("DELETE", BASE + "/{resource_class}", Routes.Body.NONE, this::delete);
    }

    /** An inventory from a request body, with upstream's defaults for what is left out. */
    static Inventory fromBody(JsonNode d) {
        return new Inventory(d.get("total").asLong(), d.path("reserved").asLong(0), d.path("min_unit").asLong(1),
                d.path("max_unit").asLong(MAX_INT), d.path("step_size").asLong(1),
                d.has("allocation_ratio") ? d.get("allocation_ratio").asDouble() : 1.0);
    }

    /** The inventories of a PUT body, keyed by class. */
    static Map<String, Inventory> fromBodies(JsonNode inventories) {
        Map<String, Inventory> out = new LinkedHashMap<>();
        inventories.fields().forEachRemaining(e -> out.put(e.getKey(), fromBody(e.getValue())));
        return out;
    }

    private ApiResponse list(ApiRequest req) {
        authz.enforce(req, "placement:resource_providers:inventories:list");
        return all(req, inventories.get(req.param("uuid")));
    }

    private static ApiResponse all(ApiRequest req, Inventories inv) {
        Map<String, Object> byClass = new LinkedHashMap<>();
        inv.byClass().forEach((rc, i) -> byClass.put(rc, Views.inventory(i)));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("resource_provider_generation", inv.providerGeneration());
        body.put("inventories", byClass);
        return Views.cached(req, ApiResponse.ok(body), inv.lastModified());
    }

    private static ApiResponse one(ApiRequest req, int status, Inventories inv, String rc) {
        Map<String, Object> body = Views.inventory(inv.byClass().get(rc));
        if (inv.providerGeneration() != 0) { // upstream's "if generation:" leaves out a 0
            body.put("resource_provider_generation", inv.providerGeneration());
        }
        return Views.cached(req, ApiResponse.json(status, body), inv.lastModified());
    }

    private ApiResponse create(ApiRequest req) {
        authz.enforce(req, "placement:resource_providers:inventories:create");
        String uuid = req.param("uuid");
        providers.get(uuid);
        JsonNode data = Requests.body(req, Schemas.INVENTORY_POST);
        String rc = data.get("resource_class").asText();
        Inventories inv = inventories.add(uuid, rc, fromBody(data), req.atLeast("1.26"));
        return one(req, 201, inv, rc).header("Location", req.baseUrl() + Views.providerPath(uuid) + "/inventories/"
                + rc);
    }

    private ApiResponse replace(ApiRequest req) {
        authz.enforce(req, "placement:resource_providers:inventories:update");
        String uuid = req.param("uuid");
        long current = providers.get(uuid).generation();
        JsonNode data = Requests.body(req, Schemas.INVENTORIES_PUT);
        long generation = data.get("resource_provider_generation").asLong();
        if (generation != current) {
            throw Failures.concurrentUpdate("resource provider generation conflict");
        }
        return all(req, inventories.replace(uuid, generation, fromBodies(data.get("inventories")),
                req.atLeast("1.26")));
    }

    private ApiResponse deleteAll(ApiRequest req) {
        Requests.sinceOr405(req, "1.5");
        authz.enforce(req, "placement:resource_providers:inventories:delete");
        String uuid = req.param("uuid");
        providers.get(uuid);
        inventories.deleteAll(uuid);
        return ApiResponse.noContent();
    }

    private ApiResponse get(ApiRequest req) {
        authz.enforce(req, "placement:resource_providers:inventories:show");
        String uuid = req.param("uuid");
        String rc = req.param("resource_class");
        Inventories inv = inventories.get(uuid);
        if (!inv.byClass().containsKey(rc)) {
            throw ServiceException.notFound("No inventory of class " + rc + " for " + uuid);
        }
        return one(req, 200, inv, rc);
    }

    private ApiResponse update(ApiRequest req) {
        authz.enforce(req, "placement:resource_providers:inventories:update");
        String uuid = req.param("uuid");
        String rc = req.param("resource_class");
        long current = providers.get(uuid).generation();
        JsonNode data = Requests.body(req, Schemas.INVENTORY_BASE);
        long generation = data.get("resource_provider_generation").asLong();
        if (generation != current) {
            throw Failures.concurrentUpdate("resource provider generation conflict");
        }
        return one(req, 200, inventories.update(uuid, generation, rc, fromBody(data), req.atLeast("1.26")), rc);
    }

    private ApiResponse delete(ApiRequest req) {
        authz.enforce(req, "placement:resource_providers:inventories:delete");
        String uuid = req.param("uuid");
        providers.get(uuid);
        inventories.delete(uuid, req.param("resource_class"));
        return ApiResponse.noContent();
    }
}
