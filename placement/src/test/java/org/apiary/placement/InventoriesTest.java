package org.apiary.placement;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** Like inventory.yaml and with-allocations.yaml. */
class InventoriesTest extends PlacementTestBase {

    @Test
    void putGetAndDefaults() {
        String rp = cloud.createProvider("inv", null);
        PlacementCloud.Response r = expect(cloud.send("PUT", "/resource_providers/" + rp + "/inventories", null,
                "{\"resource_provider_generation\": 0, \"inventories\": {\"VCPU\": {\"total\": 8}}}"), 200);
        assertThat(r.json().get("resource_provider_generation").asInt()).isEqualTo(1);
        JsonNode vcpu = r.json().at("/inventories/VCPU");
        assertThat(vcpu.get("reserved").asInt()).isZero();
        assertThat(vcpu.get("min_unit").asInt()).isEqualTo(1);
        assertThat(vcpu.get("max_unit").asLong()).isEqualTo(2147483647L);
        assertThat(vcpu.get("step_size").asInt()).isEqualTo(1);
        assertThat(vcpu.get("allocation_ratio").asDouble()).isEqualTo(1.0);
        JsonNode one = expect(cloud.get("/resource_providers/" + rp + "/inventories/VCPU", null), 200).json();
        assertThat(one.get("total").asInt()).isEqualTo(8);
        assertThat(one.get("resource_provider_generation").asInt()).isEqualTo(1);
        expect(cloud.get("/resource_providers/" + rp + "/inventories/DISK_GB", null), 404);
        expect(cloud.get("/resource_providers/" + uuid() + "/inventories", null), 404);
    }

    @Test
    void staleGenerationsAre409ConcurrentUpdate() {
        String rp = cloud.createProvider("gen", null);
        cloud.setInventory(rp, "\"VCPU\": {\"total\": 8}");
        PlacementCloud.Response r = expect(cloud.send("PUT", "/resource_providers/" + rp + "/inventories", null,
                "{\"resource_provider_generation\": 0, \"inventories\": {\"VCPU\": {\"total\": 4}}}"), 409);
        assertThat(r.code()).isEqualTo("placement.concurrent_update");
        r = expect(cloud.send("PUT", "/resource_providers/" + rp + "/inventories/VCPU", null,
                "{\"resource_provider_generation\": 7, \"total\": 4}"), 409);
        assertThat(r.code()).isEqualTo("placement.concurrent_update");
        expect(cloud.send("PUT", "/resource_providers/" + rp + "/inventories/VCPU", null,
                "{\"resource_provider_generation\": 1, \"total\": 4}"), 200);
    }

    @Test
    void postAddsOneClass() {
        String rp = cloud.createProvider("post", null);
        PlacementCloud.Response r = expect(cloud.send("POST", "/resource_providers/" + rp + "/inventories", null,
                "{\"resource_class\": \"DISK_GB\", \"total\": 100, \"reserved\": 10}"), 201);
        assertThat(r.header("Location")).endsWith("/resource_providers/" + rp + "/inventories/DISK_GB");
        assertThat(r.json().get("resource_provider_generation").asInt()).isEqualTo(1);
        expect(cloud.send("POST", "/resource_providers/" + rp + "/inventories", null,
                "{\"resource_class\": \"DISK_GB\", \"total\": 100}"), 409);
        expect(cloud.send("POST", "/resource_providers/" + rp + "/inventories", null,
                "{\"resource_class\": \"CUSTOM_UNKNOWN\", \"total\": 1}"), 400);
        assertThat(expect(cloud.send("POST", "/resource_providers/" + rp + "/inventories", null,
                "{\"resource_class\": \"VCPU\", \"total\": 0}"), 400).body())
                .contains("0 is less than the minimum of 1");
    }

    @Test
    void reservedEqualToTotalOnlyFrom126() {
        String rp = cloud.createProvider("reserved", null);
        String body = "{\"resource_provider_generation\": 0, \"inventories\": {\"VCPU\": {\"total\": 4, \"reserved\": 4}}}";
        assertThat(expect(cloud.send("PUT", "/resource_providers/" + rp + "/inventories", "1.25", body), 400).body())
                .contains("greater than or equal to total");
        expect(cloud.send("PUT", "/resource_providers/" + rp + "/inventories", "1.26", body), 200);
    }

    @Test
    void inventoryInUseCannotGo() {
        String rp = cloud.createProvider("inuse", null);
        long gen = cloud.setInventory(rp, "\"VCPU\": {\"total\": 8}, \"DISK_GB\": {\"total\": 10}");
        expect(cloud.send("PUT", "/allocations/" + uuid(), "1.28", "{\"allocations\": {\"" + rp + "\": {\"resources\": "
                + "{\"VCPU\": 2, \"DISK_GB\": 1}}}, \"project_id\": \"p\", \"user_id\": \"u\", "
                + "\"consumer_generation\": null}"), 204);
        gen = cloud.get("/resource_providers/" + rp, null).json().get("generation").asLong();
        PlacementCloud.Response r = expect(cloud.send("PUT", "/resource_providers/" + rp + "/inventories", null,
                "{\"resource_provider_generation\": " + gen + ", \"inventories\": {}}"), 409);
        assertThat(r.code()).isEqualTo("placement.inventory.inuse");
        assertThat(r.body()).contains("Inventory for 'VCPU, DISK_GB' on resource provider '" + rp + "' in use");
        assertThat(expect(cloud.send("DELETE", "/resource_providers/" + rp + "/inventories", null, null), 409).code())
                .isEqualTo("placement.inventory.inuse");
        expect(cloud.send("DELETE", "/resource_providers/" + rp + "/inventories/VCPU", null, null), 409);
        // Shrinking below the usage is allowed (upstream only logs it).
        expect(cloud.send("PUT", "/resource_providers/" + rp + "/inventories/VCPU", null,
                "{\"resource_provider_generation\": " + gen + ", \"total\": 1}"), 200);
    }

    @Test
    void deleteAllFrom15() {
        String rp = cloud.createProvider("delall", null);
        cloud.setInventory(rp, "\"VCPU\": {\"total\": 8}");
        PlacementCloud.Response r = expect(cloud.send("DELETE", "/resource_providers/" + rp + "/inventories", "1.4",
                null), 405);
        expect(cloud.send("DELETE", "/resource_providers/" + rp + "/inventories", "1.5", null), 204);
        assertThat(cloud.get("/resource_providers/" + rp + "/inventories", null).json().get("inventories").size())
                .isZero();
        assertThat(r.json().at("/errors/0/title").asText()).isEqualTo("Method Not Allowed");
        expect(cloud.send("DELETE", "/resource_providers/" + rp + "/inventories/VCPU", null, null), 404);
    }

    @Test
    void schemaLimits() {
        String rp = cloud.createProvider("limits", null);
        assertThat(expect(cloud.send("PUT", "/resource_providers/" + rp + "/inventories", null,
                "{\"resource_provider_generation\": 0, \"inventories\": {\"VCPU\": {\"total\": 2147483648}}}"), 400)
                .body()).contains("Failed validating 'maximum'");
        assertThat(expect(cloud.send("PUT", "/resource_providers/" + rp + "/inventories", null,
                "{\"resource_provider_generation\": 0, \"inventories\": {\"vcpu\": {\"total\": 1}}}"), 400).body())
                .contains("Unknown resource class in inventory"); // the schema lets other keys through, as upstream
        assertThat(expect(cloud.send("PUT", "/resource_providers/" + rp + "/inventories", null,
                "{\"inventories\": {}}"), 400).body()).contains("'resource_provider_generation' is a required property");
    }
}
