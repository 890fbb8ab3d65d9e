package org.apiary.placement.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apiary.http.ApiRequest;
import org.apiary.http.ApiResponse;
import org.apiary.placement.domain.AllocationService;
import org.apiary.placement.domain.ConsumerAllocations;
import org.apiary.placement.domain.ReshapedInventory;

/** POST /reshaper (1.30+): move inventory and the allocations on it between providers atomically. */
public final class ReshaperResource {
    private final AllocationService allocations;
    private final Authz authz;

    public ReshaperResource(AllocationService allocations, Authz authz) {
        this.allocations = allocations;
        this.authz = authz;
    }

    public void register(Routes routes) {
        routes.add("POST", "/reshaper", "1.30", Routes.Body.READS_JSON, this::reshape);
    }

    private ApiResponse reshape(ApiRequest req) {
        Requests.since(req, "1.30");
        authz.enforce(req, "placement:reshaper:reshape");
        JsonNode data = Requests.body(req, AllocationBodies.reshaperSchema(req));
        Map<String, ReshapedInventory> inventories = new LinkedHashMap<>();
        data.get("inventories").fields().forEachRemaining(e -> inventories.put(e.getKey(),
                new ReshapedInventory(e.getValue().get("resource_provider_generation").asLong(),
                        InventoriesResource.fromBodies(e.getValue().get("inventories")))));
        List<ConsumerAllocations> consumers = new ArrayList<>();
        data.get("allocations").fields().forEachRemaining(e ->
                consumers.add(AllocationBodies.consumer(req, e.getKey(), e.getValue())));
        allocations.reshape(inventories, consumers);
        return ApiResponse.noContent();
    }
}
