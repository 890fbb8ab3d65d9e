package org.apiary.placement;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** Like allocations.yaml, allocations-1-8.yaml, allocations-1-12.yaml, allocations-1.28.yaml, consumer-types-1.38.yaml. */
class AllocationsTest extends PlacementTestBase {

    private static String dict(String rp, String resources, String extra) {
        return "{\"allocations\": {\"" + rp + "\": {\"resources\": {" + resources + "}}}" + extra + "}";
    }

    @Test
    void listFormBefore112WithAndWithoutProjectUser() {
        String rp = cloud.createProvider("rp", null);
        cloud.setInventory(rp, "\"DISK_GB\": {\"total\": 100}");
        String consumer = uuid();
        String list = "{\"allocations\": [{\"resource_provider\": {\"uuid\": \"" + rp + "\"}, \"resources\": "
                + "{\"DISK_GB\": 10}}]";
        expect(cloud.send("PUT", "/allocations/" + consumer, "1.0", list + "}"), 204);
        // 1.8 requires project and user; 1.12 wants the dict form.
        assertThat(expect(cloud.send("PUT", "/allocations/" + consumer, "1.8", list + "}"), 400).body())
                .contains("'project_id' is a required property");
        expect(cloud.send("PUT", "/allocations/" + consumer, "1.8", list + ", \"project_id\": \"p\", "
                + "\"user_id\": \"u\"}"), 204);
        expect(cloud.send("PUT", "/allocations/" + consumer, "1.12", list + ", \"project_id\": \"p\", "
                + "\"user_id\": \"u\"}"), 400);
        JsonNode old = expect(cloud.get("/allocations/" + consumer, "1.11"), 200).json();
        assertThat(old.has("project_id")).isFalse();
        JsonNode now = expect(cloud.get("/allocations/" + consumer, "1.12"), 200).json();
        assertThat(now.get("project_id").asText()).isEqualTo("p");
        assertThat(now.at("/allocations/" + rp + "/resources/DISK_GB").asInt()).isEqualTo(10);
        assertThat(now.at("/allocations/" + rp + "/generation").asInt()).isGreaterThan(1);
        assertThat(now.has("consumer_generation")).isFalse();
    }

    @Test
    void consumerGenerationsFrom128() {
        String rp = cloud.createProvider("rp", null);
        cloud.setInventory(rp, "\"VCPU\": {\"total\": 8}");
        String consumer = uuid();
        String pu = ", \"project_id\": \"p\", \"user_id\": \"u\"";
        assertThat(expect(cloud.send("PUT", "/allocations/" + consumer, "1.28",
                dict(rp, "\"VCPU\": 1", pu + ", \"consumer_generation\": 5")), 409).body())
                .contains("expected null but got 5");
        expect(cloud.send("PUT", "/allocations/" + consumer, "1.28", dict(rp, "\"VCPU\": 1",
                pu + ", \"consumer_generation\": null")), 204);
        JsonNode c = expect(cloud.get("/allocations/" + consumer, "1.28"), 200).json();
        assertThat(c.get("consumer_generation").asInt()).isEqualTo(1);
        PlacementCloud.Response r = expect(cloud.send("PUT", "/allocations/" + consumer, "1.28",
                dict(rp, "\"VCPU\": 2", pu + ", \"consumer_generation\": null")), 409);
        assertThat(r.code()).isEqualTo("placement.concurrent_update");
        assertThat(r.body()).contains("consumer generation conflict - expected 1 but got None");
        expect(cloud.send("PUT", "/allocations/" + consumer, "1.28", dict(rp, "\"VCPU\": 2",
                pu + ", \"consumer_generation\": 1")), 204);
        // Empty allocations remove them (1.28+), and the consumer with them.
        expect(cloud.send("PUT", "/allocations/" + consumer, "1.28", "{\"allocations\": {}" + pu
                + ", \"consumer_generation\": 2}"), 204);
        assertThat(cloud.get("/allocations/" + consumer, "1.28").json().get("allocations")).isEmpty();
        expect(cloud.send("PUT", "/allocations/" + consumer, "1.27", "{\"allocations\": {}" + pu + "}"), 400);
    }

    @Test
    void consumerTypesFrom138() {
        String rp = cloud.createProvider("rp", null);
        cloud.setInventory(rp, "\"VCPU\": {\"total\": 8}");
        String consumer = uuid();
        String pu = ", \"project_id\": \"p\", \"user_id\": \"u\", \"consumer_generation\": null";
        assertThat(expect(cloud.send("PUT", "/allocations/" + consumer, "1.38", dict(rp, "\"VCPU\": 1", pu)), 400)
                .body()).contains("'consumer_type' is a required property");
        expect(cloud.send("PUT", "/allocations/" + consumer, "1.37", dict(rp, "\"VCPU\": 1", pu)), 204);
        assertThat(cloud.get("/allocations/" + consumer, "1.38").json().get("consumer_type").asText())
                .isEqualTo("unknown");
        expect(cloud.send("PUT", "/allocations/" + consumer, "1.38", dict(rp, "\"VCPU\": 1",
                ", \"project_id\": \"p\", \"user_id\": \"u\", \"consumer_generation\": 1, \"consumer_type\": "
                        + "\"INSTANCE\"")), 204);
        assertThat(cloud.get("/allocations/" + consumer, "1.38").json().get("consumer_type").asText())
                .isEqualTo("INSTANCE");
        assertThat(cloud.get("/allocations/" + consumer, "1.37").json().has("consumer_type")).isFalse();
        expect(cloud.send("PUT", "/allocations/" + consumer, "1.38", dict(rp, "\"VCPU\": 1",
                ", \"project_id\": \"p\", \"user_id\": \"u\", \"consumer_generation\": 2, \"consumer_type\": "
                        + "\"instance\"")), 400);
    }

    @Test
    void capacityAndConstraintsAre409() {
        String rp = cloud.createProvider("rp", null);
        cloud.setInventory(rp, "\"VCPU\": {\"total\": 4, \"max_unit\": 3, \"step_size\": 1}, "
                + "\"DISK_GB\": {\"total\": 100, \"step_size\": 10, \"allocation_ratio\": 1.5}");
        String pu = ", \"project_id\": \"p\", \"user_id\": \"u\", \"consumer_generation\": null";
        assertThat(expect(cloud.send("PUT", "/allocations/" + uuid(), "1.28", dict(rp, "\"VCPU\": 4", pu)), 409)
                .body()).contains("would violate inventory constraints");
        assertThat(expect(cloud.send("PUT", "/allocations/" + uuid(), "1.28", dict(rp, "\"DISK_GB\": 15", pu)), 409)
                .body()).contains("would violate inventory constraints");
        expect(cloud.send("PUT", "/allocations/" + uuid(), "1.28", dict(rp, "\"DISK_GB\": 150", pu)), 204);
        assertThat(expect(cloud.send("PUT", "/allocations/" + uuid(), "1.28", dict(rp, "\"DISK_GB\": 10", pu)), 409)
                .body()).contains("would exceed the capacity");
        assertThat(expect(cloud.send("PUT", "/allocations/" + uuid(), "1.28", dict(rp, "\"MEMORY_MB\": 1", pu)), 409)
                .body()).contains("Inventory for 'MEMORY_MB' on resource provider '" + rp + "' invalid.");
        assertThat(expect(cloud.send("PUT", "/allocations/" + uuid(), "1.28", dict(uuid(), "\"VCPU\": 1", pu)), 400)
                .body()).contains("that does not exist");
        assertThat(expect(cloud.send("PUT", "/allocations/" + uuid(), "1.28", dict(rp, "\"CUSTOM_X\": 1", pu)), 400)
                .body()).contains("No such resource class CUSTOM_X");
        expect(cloud.send("PUT", "/allocations/not-a-uuid", "1.28", dict(rp, "\"VCPU\": 1", pu)), 400);
    }

    @Test
    void providerAllocationsAndDelete() {
        String rp = cloud.createProvider("rp", null);
        cloud.setInventory(rp, "\"VCPU\": {\"total\": 8}");
        String consumer = uuid();
        expect(cloud.send("PUT", "/allocations/" + consumer, "1.28", dict(rp, "\"VCPU\": 3",
                ", \"project_id\": \"p\", \"user_id\": \"u\", \"consumer_generation\": null")), 204);
        JsonNode byRp = expect(cloud.get("/resource_providers/" + rp + "/allocations", "1.28"), 200).json();
        assertThat(byRp.at("/allocations/" + consumer + "/resources/VCPU").asInt()).isEqualTo(3);
        assertThat(byRp.at("/allocations/" + consumer + "/consumer_generation").asInt()).isEqualTo(1);
        assertThat(cloud.get("/resource_providers/" + rp + "/allocations", "1.27").json()
                .at("/allocations/" + consumer).has("consumer_generation")).isFalse();
        expect(cloud.get("/resource_providers/" + uuid() + "/allocations", null), 404);
        expect(cloud.send("DELETE", "/allocations/" + consumer, null, null), 204);
        assertThat(expect(cloud.send("DELETE", "/allocations/" + consumer, null, null), 404).body())
                .contains("No allocations for consumer");
        assertThat(cloud.get("/resource_providers/" + rp + "/usages", null).json().at("/usages/VCPU").asInt())
                .isZero();
    }
}
