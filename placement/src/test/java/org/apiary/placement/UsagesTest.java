package org.apiary.placement;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** Like usage.yaml and the usage part of consumer-types-1.38.yaml. */
class UsagesTest extends PlacementTestBase {

    private static void allocate(String rp, String project, String user, String type, int vcpu) {
        String typed = type == null ? "" : ", \"consumer_type\": \"" + type + "\"";
        expect(cloud.send("PUT", "/allocations/" + uuid(), type == null ? "1.28" : "1.38", "{\"allocations\": {\"" + rp
                + "\": {\"resources\": {\"VCPU\": " + vcpu + "}}}, \"project_id\": \"" + project + "\", \"user_id\": \""
                + user + "\", \"consumer_generation\": null" + typed + "}"), 204);
    }

    @Test
    void providerUsagesListEveryInventoryClass() {
        String rp = cloud.createProvider("rp", null);
        cloud.setInventory(rp, "\"VCPU\": {\"total\": 8}, \"DISK_GB\": {\"total\": 10}");
        allocate(rp, "p", "u", null, 3);
        JsonNode u = expect(cloud.get("/resource_providers/" + rp + "/usages", null), 200).json();
        assertThat(u.at("/usages/VCPU").asInt()).isEqualTo(3);
        assertThat(u.at("/usages/DISK_GB").asInt()).isZero();
        assertThat(u.get("resource_provider_generation").asInt()).isEqualTo(2);
        expect(cloud.get("/resource_providers/" + uuid() + "/usages", null), 404);
    }

    @Test
    void totalsByProjectAndUser() {
        String rp = cloud.createProvider("rp", null);
        cloud.setInventory(rp, "\"VCPU\": {\"total\": 32}");
        allocate(rp, "p1", "u1", null, 1);
        allocate(rp, "p1", "u2", null, 2);
        allocate(rp, "p2", "u1", null, 4);
        assertThat(expect(cloud.get("/usages?project_id=p1", "1.9"), 200).json().at("/usages/VCPU").asInt())
                .isEqualTo(3);
        assertThat(cloud.get("/usages?project_id=p1&user_id=u2", "1.9").json().at("/usages/VCPU").asInt())
                .isEqualTo(2);
        assertThat(cloud.get("/usages?project_id=nobody", "1.9").json().get("usages")).isEmpty();
        assertThat(expect(cloud.get("/usages", "1.9"), 400).body()).contains("'project_id' is a required property");
        expect(cloud.get("/usages?project_id=p1&bad=1", "1.9"), 400);
        expect(cloud.get("/usages?project_id=p1&consumer_type=INSTANCE", "1.37"), 400);
    }

    @Test
    void groupedByConsumerTypeFrom138() {
        String rp = cloud.createProvider("rp", null);
        cloud.setInventory(rp, "\"VCPU\": {\"total\": 32}");
        allocate(rp, "p", "u", "INSTANCE", 1);
        allocate(rp, "p", "u", "INSTANCE", 2);
        allocate(rp, "p", "u", "MIGRATION", 4);
        allocate(rp, "p", "u", null, 8);
        JsonNode all = expect(cloud.get("/usages?project_id=p", "1.38"), 200).json().get("usages");
        assertThat(all.at("/INSTANCE/VCPU").asInt()).isEqualTo(3);
        assertThat(all.at("/INSTANCE/consumer_count").asInt()).isEqualTo(2);
        assertThat(all.at("/MIGRATION/VCPU").asInt()).isEqualTo(4);
        assertThat(all.at("/unknown/VCPU").asInt()).isEqualTo(8);
        JsonNode folded = cloud.get("/usages?project_id=p&consumer_type=all", "1.38").json().get("usages");
        assertThat(folded.at("/all/VCPU").asInt()).isEqualTo(15);
        assertThat(folded.at("/all/consumer_count").asInt()).isEqualTo(4);
        JsonNode one = cloud.get("/usages?project_id=p&consumer_type=MIGRATION", "1.38").json().get("usages");
        assertThat(one.size()).isEqualTo(1);
        assertThat(cloud.get("/usages?project_id=p&consumer_type=unknown", "1.38").json().at("/usages/unknown/VCPU")
                .asInt()).isEqualTo(8);
        assertThat(cloud.get("/usages?project_id=p", "1.37").json().at("/usages/VCPU").asInt()).isEqualTo(15);
    }
}
