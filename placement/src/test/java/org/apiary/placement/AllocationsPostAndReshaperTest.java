package org.apiary.placement;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Like allocations-post.yaml and reshaper.yaml: many consumers, moves between providers, all or nothing. */
class AllocationsPostAndReshaperTest extends PlacementTestBase {

    private static String consumer(String rp, String resources, String gen) {
        return "{\"allocations\": {\"" + rp + "\": {\"resources\": {" + resources + "}}}, \"project_id\": \"p\", "
                + "\"user_id\": \"u\", \"consumer_generation\": " + gen + "}";
    }

    @Test
    void postIsAtomicAcrossConsumers() {
        String rp = cloud.createProvider("rp", null);
        cloud.setInventory(rp, "\"VCPU\": {\"total\": 4}");
        String a = uuid();
        String b = uuid();
        expect(cloud.send("POST", "/allocations", "1.28", "{\"" + a + "\": " + consumer(rp, "\"VCPU\": 2", "null")
                + ", \"" + b + "\": " + consumer(rp, "\"VCPU\": 3", "null") + "}"), 409);
        assertThat(cloud.get("/allocations/" + a, null).json().get("allocations")).isEmpty();
        expect(cloud.send("POST", "/allocations", "1.28", "{\"" + a + "\": " + consumer(rp, "\"VCPU\": 2", "null")
                + ", \"" + b + "\": " + consumer(rp, "\"VCPU\": 2", "null") + "}"), 204);
        // Move a's share to b and drop a, in one request.
        expect(cloud.send("POST", "/allocations", "1.28", "{\"" + a + "\": {\"allocations\": {}, \"project_id\": \"p\", "
                + "\"user_id\": \"u\", \"consumer_generation\": 1}, \"" + b + "\": "
                + consumer(rp, "\"VCPU\": 4", "1") + "}"), 204);
        assertThat(cloud.get("/resource_providers/" + rp + "/usages", null).json().at("/usages/VCPU").asInt())
                .isEqualTo(4);
        expect(cloud.send("POST", "/allocations", "1.13", "{}"), 400);
        expect(cloud.send("POST", "/allocations", "1.34", "{\"" + a + "\": {\"allocations\": {\"" + rp + "\": "
                + "{\"resources\": {\"VCPU\": 0}}}, \"project_id\": \"p\", \"user_id\": \"u\", "
                + "\"consumer_generation\": null, \"mappings\": {\"\": [\"" + rp + "\"]}}}"), 400);
    }

    @Test
    void reshapeMovesInventoryAndAllocationsTogether() {
        String root = cloud.createProvider("root", null);
        String child = cloud.createProvider("child", root);
        long gen = cloud.setInventory(root, "\"VCPU\": {\"total\": 8}");
        String c = uuid();
        expect(cloud.send("PUT", "/allocations/" + c, "1.28", consumer(root, "\"VCPU\": 2", "null")), 204);
        gen = cloud.get("/resource_providers/" + root, null).json().get("generation").asLong();
        // Plain inventory PUT cannot drop VCPU from root: it is in use.
        expect(cloud.send("PUT", "/resource_providers/" + root + "/inventories", null,
                "{\"resource_provider_generation\": " + gen + ", \"inventories\": {}}"), 409);
        String reshape = "{\"inventories\": {\"" + root + "\": {\"resource_provider_generation\": " + gen
                + ", \"inventories\": {}}, \"" + child + "\": {\"resource_provider_generation\": 0, \"inventories\": "
                + "{\"VCPU\": {\"total\": 8}}}}, \"allocations\": {\"" + c + "\": " + consumer(child, "\"VCPU\": 2", "1")
                + "}}";
        expect(cloud.send("POST", "/reshaper", "1.29", reshape), 404);
        expect(cloud.send("POST", "/reshaper", "1.30", reshape), 204);
        assertThat(cloud.get("/resource_providers/" + root + "/inventories", null).json().get("inventories")).isEmpty();
        assertThat(cloud.get("/allocations/" + c, null).json().at("/allocations/" + child + "/resources/VCPU").asInt())
                .isEqualTo(2);
        // A stale generation is refused and nothing changes.
        PlacementCloud.Response r = expect(cloud.send("POST", "/reshaper", "1.30", reshape), 409);
        assertThat(r.code()).isEqualTo("placement.concurrent_update");
        r = expect(cloud.send("POST", "/reshaper", "1.30", "{\"inventories\": {\"" + uuid()
                + "\": {\"resource_provider_generation\": 0, \"inventories\": {}}}, \"allocations\": {}}"), 400);
        assertThat(r.code()).isEqualTo("placement.resource_provider.not_found");
    }
}
