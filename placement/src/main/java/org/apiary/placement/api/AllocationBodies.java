package org.apiary.placement.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apiary.http.ApiRequest;
import org.apiary.placement.api.schema.JsonSchema;
import org.apiary.placement.api.schema.Schemas;
import org.apiary.placement.domain.ConsumerAllocations;

/** The allocation bodies of each microversion, turned into one domain shape. */
final class AllocationBodies {
    private AllocationBodies() {}

    static JsonSchema putSchema(ApiRequest req) {
        return req.atLeast("1.38") ? Schemas.ALLOCATION_1_38 : req.atLeast("1.34") ? Schemas.ALLOCATION_1_34
                : req.atLeast("1.28") ? Schemas.ALLOCATION_1_28 : req.atLeast("1.12") ? Schemas.ALLOCATION_1_12
                : req.atLeast("1.8") ? Schemas.ALLOCATION_1_8 : Schemas.ALLOCATION_1_0;
    }

    static JsonSchema postSchema(ApiRequest req) {
        return req.atLeast("1.38") ? Schemas.ALLOCATIONS_POST_1_38 : req.atLeast("1.34")
                ? Schemas.ALLOCATIONS_POST_1_34 : req.atLeast("1.28") ? Schemas.ALLOCATIONS_POST_1_28
                : Schemas.ALLOCATIONS_POST_1_13;
    }

    static JsonSchema reshaperSchema(ApiRequest req) {
        return req.atLeast("1.38") ? Schemas.RESHAPER_1_38 : req.atLeast("1.34") ? Schemas.RESHAPER_1_34
                : Schemas.RESHAPER_1_30;
    }

    /**
     * One consumer's part of a validated body: the list form before 1.12, the dict form after
     * ("mappings" from 1.34 only describe a candidate's groups and are not stored).
     */
    static ConsumerAllocations consumer(ApiRequest req, String consumerUuid, JsonNode data) {
        Map<String, Map<String, Long>> resources = new LinkedHashMap<>();
        JsonNode allocations = data.get("allocations");
        if (allocations.isArray()) {
            for (JsonNode a : allocations) {
                resources.put(a.get("resource_provider").get("uuid").asText(), amounts(a.get("resources")));
            }
        } else {
            allocations.fields().forEachRemaining(e -> resources.put(e.getKey(), amounts(e.getValue().get("resources"))));
        }
        JsonNode gen = data.get("consumer_generation");
        return new ConsumerAllocations(consumerUuid, Requests.text(data, "project_id"), Requests.text(data, "user_id"),
                gen == null || gen.isNull() ? null : gen.asLong(), req.atLeast("1.28"),
                Requests.text(data, "consumer_type"), resources);
    }

    private static Map<String, Long> amounts(JsonNode resources) {
        Map<String, Long> out = new LinkedHashMap<>();
        resources.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asLong()));
        return out;
    }
}
