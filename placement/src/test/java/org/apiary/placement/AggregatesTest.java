package org.apiary.placement;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Like aggregate.yaml and resource-provider-aggregates.yaml: list body before 1.19, generations after. */
class AggregatesTest extends PlacementTestBase {

    @Test
    void listFormBefore119LeavesTheGenerationAlone() {
        String rp = cloud.createProvider("rp", null);
        expect(cloud.get("/resource_providers/" + rp + "/aggregates", "1.0"), 404);
        String agg = uuid();
        PlacementCloud.Response r = expect(cloud.send("PUT", "/resource_providers/" + rp + "/aggregates", "1.1",
                "[\"" + agg + "\"]"), 200);
        assertThat(r.json().get("aggregates").toString()).isEqualTo("[\"" + agg + "\"]");
        assertThat(r.json().has("resource_provider_generation")).isFalse();
        assertThat(cloud.get("/resource_providers/" + rp, null).json().get("generation").asInt()).isZero();
        expect(cloud.send("PUT", "/resource_providers/" + rp + "/aggregates", "1.1", "[\"" + agg + "\", \"" + agg
                + "\"]"), 400);
        expect(cloud.send("PUT", "/resource_providers/" + rp + "/aggregates", "1.1", "[\"not-a-uuid\"]"), 400);
    }

    @Test
    void generationFrom119() {
        String rp = cloud.createProvider("rp", null);
        String a = uuid();
        String b = uuid();
        PlacementCloud.Response r = expect(cloud.send("PUT", "/resource_providers/" + rp + "/aggregates", "1.19",
                "{\"aggregates\": [\"" + a + "\", \"" + b + "\"], \"resource_provider_generation\": 0}"), 200);
        assertThat(r.json().get("resource_provider_generation").asInt()).isEqualTo(1);
        r = expect(cloud.send("PUT", "/resource_providers/" + rp + "/aggregates", "1.19",
                "{\"aggregates\": [], \"resource_provider_generation\": 0}"), 409);
        assertThat(r.json().at("/errors/0").has("code")).as("codes only from 1.23").isFalse();
        r = expect(cloud.send("PUT", "/resource_providers/" + rp + "/aggregates", "1.23",
                "{\"aggregates\": [], \"resource_provider_generation\": 0}"), 409);
        assertThat(r.code()).isEqualTo("placement.concurrent_update");
        expect(cloud.send("PUT", "/resource_providers/" + rp + "/aggregates", "1.19", "[\"" + a + "\"]"), 400);
        r = expect(cloud.get("/resource_providers/" + rp + "/aggregates", "1.19"), 200);
        assertThat(r.json().get("aggregates")).hasSize(2);
        assertThat(r.json().get("resource_provider_generation").asInt()).isEqualTo(1);
        expect(cloud.get("/resource_providers/" + uuid() + "/aggregates", "1.19"), 404);
    }
}
