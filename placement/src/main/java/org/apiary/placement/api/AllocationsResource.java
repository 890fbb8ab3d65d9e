package org.apiary.placement.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apiary.common.error.ServiceException;
import org.apiary.http.ApiRequest;
import org.apiary.http.ApiResponse;
import org.apiary.placement.api.schema.JsonSchema;
import org.apiary.placement.domain.AllocationService;
import org.apiary.placement.domain.ConsumerAllocations;
import org.apiary.placement.domain.ConsumerView;
import org.apiary.placement.domain.ProviderAllocations;

/** /allocations/{consumer_uuid}, POST /allocations (1.13+) and /resource_providers/{uuid}/allocations. */
public final class AllocationsResource {
    private final AllocationService allocations;
    private final Authz authz;

    public AllocationsResource(AllocationService allocations, Authz authz) {
        this.allocations = allocations;
        this.authz = authz;
    }

    public void register(Routes routes) {
        routes.add("GET", "/allocations/{consumer_uuid}", Routes.Body.SENDS_JSON, this::get);
        routes.add("PUT", "/allocations/{consumer_uuid}", Routes.Body.READS_JSON, this::put);
        routes.add("DELETE", "/allocations/{consumer_uuid}", Routes.Body.NONE, this::delete);
        routes.add("POST", "/allocations", "1.13", Routes.Body.READS_JSON, this::post);
        routes.add("GET", "/resource_providers/{uuid}/allocations", Routes.Body.SENDS_JSON, this::forProvider);
    }

    private ApiResponse get(ApiRequest req) {
        authz.enforce(req, "placement:allocations:list");
        ConsumerView c = allocations.forConsumer(req.param("consumer_uuid"));
        Map<String, Object> byProvider = new LinkedHashMap<>();
        c.allocations().forEach((rp, held) -> byProvider.put(rp, Map.of("generation", held.providerGeneration(),
                "resources", held.resources())));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("allocations", byProvider);
        if (!c.allocations().isEmpty() && req.atLeast("1.12")) {
            body.put("project_id", c.projectId());
            body.put("user_id", c.userId());
            if (req.atLeast("1.28")) {
                body.put("consumer_generation", c.generation());
            }
            if (req.atLeast("1.38")) {
                body.put("consumer_type", c.consumerType() == null ? "unknown" : c.consumerType());
            }
        }
        return Views.cached(req, ApiResponse.ok(body), c.lastModified());
    }

    private ApiResponse put(ApiRequest req) {
        authz.enforce(req, "placement:allocations:update");
        String raw = req.param("consumer_uuid");
        if (!JsonSchema.isUuidLike(raw)) {
            throw ServiceException.badRequest("Malformed consumer_uuid: " + raw);
        }
        String consumer = Requests.canonicalUuid(raw);
        JsonNode data = Requests.body(req, AllocationBodies.putSchema(req));
        allocations.replace(List.of(AllocationBodies.consumer(req, consumer, data)),
                "Unable to allocate inventory for consumer " + consumer + ": ");
        return ApiResponse.noContent();
    }

    private ApiResponse post(ApiRequest req) {
        Requests.since(req, "1.13");
        authz.enforce(req, "placement:allocations:manage");
        JsonNode data = Requests.body(req, AllocationBodies.postSchema(req));
        List<ConsumerAllocations> consumers = new ArrayList<>();
        data.fields().forEachRemaining(e -> consumers.add(AllocationBodies.consumer(req, e.getKey(), e.getValue())));
        allocations.replace(consumers, "Unable to allocate inventory ");
        return ApiResponse.noContent();
    }

    private ApiResponse delete(ApiRequest req) {
        authz.enforce(req, "placement:allocations:delete");
        allocations.delete(req.param("consumer_uuid"));
        return ApiResponse.noContent();
    }

    private ApiResponse forProvider(ApiRequest req) {
        authz.enforce(req, "placement:resource_providers:allocations:list");
        ProviderAllocations pa = allocations.forProvider(req.param("uuid"));
        Map<String, Object> byConsumer = new LinkedHashMap<>();
        pa.byConsumer().forEach((c, held) -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("resources", held.resources());
            if (req.atLeast("1.28")) {
                entry.put("consumer_generation", held.consumerGeneration());
            }
            byConsumer.put(c, entry);
        });
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("allocations", byConsumer);
        body.put("resource_provider_generation", pa.providerGeneration());
        return Views.cached(req, ApiResponse.ok(body), pa.lastModified());
    }
}
