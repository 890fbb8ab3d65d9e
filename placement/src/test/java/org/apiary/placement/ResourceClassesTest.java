package org.apiary.placement;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Like resource-classes.yaml, resource-classes-1-6.yaml, resource-classes-1-7.yaml and resource-class-in-use.yaml. */
class ResourceClassesTest extends PlacementTestBase {

    @Test
    void standardSetIsThere() {
        PlacementCloud.Response r = expect(cloud.get("/resource_classes", "1.2"), 200);
        assertThat(r.json().get("resource_classes").findValuesAsText("name"))
                .contains("VCPU", "MEMORY_MB", "DISK_GB", "PCI_DEVICE", "SRIOV_NET_VF").hasSize(21);
        assertThat(expect(cloud.get("/resource_classes/VCPU", "1.2"), 200).json().at("/links/0/href").asText())
                .isEqualTo("/resource_classes/VCPU");
    }

    @Test
    void createCustomDuplicateAndInvalid() {
        PlacementCloud.Response r = expect(cloud.send("POST", "/resource_classes", "1.2", "{\"name\": \"CUSTOM_GPU\"}"),
                201);
        assertThat(r.header("Location")).endsWith("/resource_classes/CUSTOM_GPU");
        expect(cloud.send("POST", "/resource_classes", "1.2", "{\"name\": \"CUSTOM_GPU\"}"), 409);
        expect(cloud.send("POST", "/resource_classes", "1.2", "{\"name\": \"GPU\"}"), 400);
        assertThat(expect(cloud.send("POST", "/resource_classes", "1.2", "{\"name\": \"CUSTOM_" + "X".repeat(250)
                + "\"}"), 400).body()).contains("Failed validating 'maxLength'");
        expect(cloud.send("POST", "/resource_classes", "1.2", "{\"name\": \"CUSTOM_A\", \"bad_field\": 1}"), 400);
    }

    @Test
    void putRenamesBefore17AndCreatesFrom17() {
        expect(cloud.send("POST", "/resource_classes", "1.2", "{\"name\": \"CUSTOM_OLD\"}"), 201);
        PlacementCloud.Response r = expect(cloud.send("PUT", "/resource_classes/CUSTOM_OLD", "1.6",
                "{\"name\": \"CUSTOM_NEW\"}"), 200);
        assertThat(r.json().get("name").asText()).isEqualTo("CUSTOM_NEW");
        expect(cloud.send("PUT", "/resource_classes/VCPU", "1.6", "{\"name\": \"CUSTOM_VCPU\"}"), 400);
        expect(cloud.get("/resource_classes/CUSTOM_OLD", "1.2"), 404);
        expect(cloud.send("PUT", "/resource_classes/CUSTOM_FRESH", "1.7", null), 201);
        expect(cloud.send("PUT", "/resource_classes/CUSTOM_FRESH", "1.7", null), 204);
        expect(cloud.send("PUT", "/resource_classes/VCPU", "1.7", null), 400);
    }

    @Test
    void deleteRules() {
        assertThat(expect(cloud.send("DELETE", "/resource_classes/VCPU", "1.2", null), 400).body())
                .contains("Cannot delete standard resource class VCPU");
        expect(cloud.send("DELETE", "/resource_classes/CUSTOM_MISSING", "1.2", null), 404);
        expect(cloud.send("PUT", "/resource_classes/CUSTOM_USED", "1.7", null), 201);
        String rp = cloud.createProvider("rp", null);
        long gen = cloud.setInventory(rp, "\"CUSTOM_USED\": {\"total\": 1}");
        assertThat(expect(cloud.send("DELETE", "/resource_classes/CUSTOM_USED", "1.2", null), 409).body())
                .contains("Class is in use in inventory");
        expect(cloud.send("PUT", "/resource_providers/" + rp + "/inventories", null,
                "{\"resource_provider_generation\": " + gen + ", \"inventories\": {}}"), 200);
        expect(cloud.send("DELETE", "/resource_classes/CUSTOM_USED", "1.2", null), 204);
    }
}
