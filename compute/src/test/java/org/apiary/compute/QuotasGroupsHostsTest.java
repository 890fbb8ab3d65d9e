package org.apiary.compute;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** Quota sets, limits, server groups and the host-dependent lists. */
class QuotasGroupsHostsTest extends ComputeTestBase {
    @Test
    void quotaSetsShowUpdateDetailAndFieldsByMicroversion() {
        String project = cloud.projectId("admin");
        JsonNode q = expect(cloud.get("/os-quota-sets/" + project, "2.1"), 200).json().get("quota_set");
        assertThat(q.get("id").asText()).isEqualTo(project);
        assertThat(q.get("instances").asInt()).isEqualTo(10);
        assertThat(q.has("floating_ips")).isTrue();
        assertThat(q.has("injected_files")).isTrue();
        JsonNode q236 = expect(cloud.get("/os-quota-sets/" + project, "2.36"), 200).json().get("quota_set");
        assertThat(q236.has("floating_ips")).isFalse();
        assertThat(q236.has("injected_files")).isTrue();
        JsonNode q257 = expect(cloud.get("/os-quota-sets/" + project, "2.57"), 200).json().get("quota_set");
        assertThat(q257.has("injected_files")).isFalse();
        JsonNode updated = expect(cloud.send("PUT", "/os-quota-sets/" + project, null, "{\"quota_set\": "
                + "{\"instances\": 50, \"cores\": \"64\"}}"), 200).json().get("quota_set");
        assertThat(updated.get("instances").asInt()).isEqualTo(50);
        assertThat(updated.get("cores").asInt()).isEqualTo(64);
        assertThat(updated.has("id")).isFalse();
        expectError(cloud.send("PUT", "/os-quota-sets/" + project, null, "{\"quota_set\": {\"floating_ips\": 5}}"),
                400, "badRequest");
        expectError(cloud.send("PUT", "/os-quota-sets/" + project, null, "{\"quota_set\": {\"instances\": -2}}"),
                400, "badRequest");
        expectError(cloud.send("PUT", "/os-quota-sets/" + project, null, "{\"quota_set\": {\"instances\": \"x\"}}"),
                400, "badRequest");
        JsonNode detail = expect(cloud.get("/os-quota-sets/" + project + "/detail", null), 200).json().get("quota_set");
        assertThat(detail.at("/instances/limit").asInt()).isEqualTo(50);
        assertThat(detail.at("/instances/in_use").asInt()).isZero();
        assertThat(expect(cloud.get("/os-quota-sets/" + project + "/defaults", null), 200).json()
                .at("/quota_set/instances").asInt()).isEqualTo(10);
        expectError(cloud.get("/os-quota-sets/no-such-project", null), 400, "badRequest");
        expect(cloud.send("DELETE", "/os-quota-sets/" + project, null, null), 202);
        assertThat(expect(cloud.get("/os-quota-sets/" + project, null), 200).json().at("/quota_set/instances").asInt())
                .isEqualTo(10);
    }

    @Test
    void quotaClassDefaultSetsEveryProjectsDefaults() {
        JsonNode old = expect(cloud.get("/os-quota-class-sets/default", "2.49"), 200).json().get("quota_class_set");
        assertThat(old.get("id").asText()).isEqualTo("default");
        assertThat(old.has("server_groups")).isFalse();
        assertThat(old.has("floating_ips")).isTrue();
        JsonNode v250 = expect(cloud.get("/os-quota-class-sets/default", "2.50"), 200).json().get("quota_class_set");
        assertThat(v250.has("server_groups")).isTrue();
        assertThat(v250.has("floating_ips")).isFalse();
        expectError(cloud.send("PUT", "/os-quota-class-sets/default", "2.50", "{\"quota_class_set\": "
                + "{\"floating_ips\": 3}}"), 400, "badRequest");
        JsonNode updated = expect(cloud.send("PUT", "/os-quota-class-sets/default", "2.57", "{\"quota_class_set\": "
                + "{\"metadata_items\": 64}}"), 200).json().get("quota_class_set");
        assertThat(updated.get("metadata_items").asInt()).isEqualTo(64);
        assertThat(updated.has("id")).isFalse();
        assertThat(updated.has("injected_files")).isFalse();
        String fresh = cloud.projectId("admin");
        assertThat(expect(cloud.get("/os-quota-sets/" + fresh + "/defaults", null), 200).json()
                .at("/quota_set/metadata_items").asInt()).isEqualTo(64);
        assertThat(expect(cloud.get("/os-quota-sets/" + fresh, null), 200).json().at("/quota_set/metadata_items")
                .asInt()).isEqualTo(64);
        expect(cloud.send("PUT", "/os-quota-class-sets/default", null, "{\"quota_class_set\": "
                + "{\"metadata_items\": 128}}"), 200);
    }

    @Test
    void userQuotasAreBoundedByTheProjects() {
        String project = cloud.projectId("admin");
        expectError(cloud.send("PUT", "/os-quota-sets/" + project + "?user_id=u1", null,
                "{\"quota_set\": {\"key_pairs\": 500}}"), 400, "badRequest");
        expect(cloud.send("PUT", "/os-quota-sets/" + project + "?user_id=u1", null,
                "{\"quota_set\": {\"key_pairs\": 500, \"force\": true}}"), 200);
        assertThat(expect(cloud.get("/os-quota-sets/" + project + "?user_id=u1", null), 200).json()
                .at("/quota_set/key_pairs").asInt()).isEqualTo(500);
    }

    @Test
    void limitsReportQuotasAndUsage() {
        String member = memberOf("lim-member", "lim-project");
        expect(cloud.as(member, "POST", "/os-server-groups", null, "{\"server_group\": {\"name\": \"g\", "
                + "\"policy\": \"affinity\"}}"), 200);
        JsonNode abs = expect(cloud.as(member, "GET", "/limits", null, null), 200).json().at("/limits/absolute");
        assertThat(abs.get("maxTotalInstances").asInt()).isEqualTo(10);
        assertThat(abs.get("maxTotalKeypairs").asInt()).isEqualTo(100);
        assertThat(abs.get("totalServerGroupsUsed").asInt()).isEqualTo(1);
        assertThat(abs.has("maxImageMeta")).isFalse();
        assertThat(abs.has("maxPersonality")).isFalse();
        JsonNode old = expect(cloud.as(member, "GET", "/limits", "2.1", null), 200).json().at("/limits/absolute");
        assertThat(old.has("maxImageMeta")).isTrue();
        assertThat(old.has("maxTotalFloatingIps")).isTrue();
        expectError(cloud.as(member, "GET", "/limits?tenant_id=other", null, null), 403, "forbidden");
        expect(cloud.get("/limits?tenant_id=" + cloud.projectId("lim-project"), null), 200);
    }

    @Test
    void serverGroupsByMicroversion() {
        JsonNode old = expect(cloud.send("POST", "/os-server-groups", "2.1", "{\"server_group\": {\"name\": \"a\", "
                + "\"policies\": [\"anti-affinity\"]}}"), 200).json().get("server_group");
        assertThat(old.get("policies").get(0).asText()).isEqualTo("anti-affinity");
        assertThat(old.has("project_id")).isFalse();
        expectError(cloud.send("POST", "/os-server-groups", "2.14", "{\"server_group\": {\"name\": \"a\", "
                + "\"policies\": [\"soft-affinity\"]}}"), 400, "badRequest");
        expect(cloud.send("POST", "/os-server-groups", "2.15", "{\"server_group\": {\"name\": \"a\", "
                + "\"policies\": [\"soft-affinity\"]}}"), 200);
        JsonNode g = expect(cloud.send("POST", "/os-server-groups", "2.64", "{\"server_group\": {\"name\": \"b\", "
                + "\"policy\": \"anti-affinity\", \"rules\": {\"max_server_per_host\": 1}}}"), 200).json()
                .get("server_group");
        assertThat(g.get("policy").asText()).isEqualTo("anti-affinity");
        assertThat(g.at("/rules/max_server_per_host").asInt()).isEqualTo(1);
        assertThat(g.has("policies")).isFalse();
        assertThat(g.get("members").size()).isZero();
        expectError(cloud.send("POST", "/os-server-groups", "2.64", "{\"server_group\": {\"name\": \"c\", "
                + "\"policy\": \"affinity\", \"rules\": {\"max_server_per_host\": 1}}}"), 400, "badRequest");
        expectError(cloud.send("POST", "/os-server-groups", "2.64", "{\"server_group\": {\"name\": \"c\", "
                + "\"policies\": [\"affinity\"]}}"), 400, "badRequest");
        String id = g.get("id").asText();
        expect(cloud.get("/os-server-groups/" + id, null), 200);
        assertThat(expect(cloud.get("/os-server-groups?limit=1&offset=1", null), 200).json().get("server_groups")
                .size()).isEqualTo(1);
        String other = memberOf("sg-other", "sg-other-project");
        expectError(cloud.as(other, "GET", "/os-server-groups/" + id, null, null), 403, "forbidden");
        expect(cloud.send("DELETE", "/os-server-groups/" + id, null, null), 204);
        expectError(cloud.get("/os-server-groups/" + id, null), 404, "itemNotFound");
    }

    @Test
    void serverGroupQuotaIsA403() {
        String member = memberOf("sg-quota", "sg-quota-project");
        String project = cloud.projectId("sg-quota-project");
        expect(cloud.send("PUT", "/os-quota-sets/" + project, null, "{\"quota_set\": {\"server_groups\": 1}}"), 200);
        expect(cloud.as(member, "POST", "/os-server-groups", null, "{\"server_group\": {\"name\": \"one\", "
                + "\"policy\": \"affinity\"}}"), 200);
        expectError(cloud.as(member, "POST", "/os-server-groups", null, "{\"server_group\": {\"name\": \"two\", "
                + "\"policy\": \"affinity\"}}"), 403, "forbidden");
    }

    @Test
    void hostListsHaveOnlyTheControllersServicesUntilHostsRegister() {
        assertThat(expect(cloud.get("/os-availability-zone", null), 200).json().get("availabilityZoneInfo").size())
                .isZero();
        expect(cloud.get("/os-availability-zone/detail", null), 200);
        assertThat(expect(cloud.get("/os-hypervisors/detail", null), 200).json().get("hypervisors").size()).isZero();
        assertThat(expect(cloud.get("/os-services?binary=nova-compute", null), 200).json().get("services").size())
                .isZero();
        expectError(cloud.get("/os-hypervisors/1", "2.52"), 404, "itemNotFound");
    }

    @Test
    void extensionsAreNovasFrozenList() {
        String member = memberOf("ext-member", "ext-project");
        JsonNode all = expect(cloud.as(member, "GET", "/extensions", null, null), 200).json().get("extensions");
        assertThat(all.size()).isEqualTo(99);
        assertThat(expect(cloud.get("/extensions/os-keypairs", null), 200).json().at("/extension/name").asText())
                .isEqualTo("Keypairs");
        expectError(cloud.get("/extensions/nope", null), 404, "itemNotFound");
    }
}
