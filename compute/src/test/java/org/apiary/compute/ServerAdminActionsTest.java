package org.apiary.compute;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.apiary.compute.domain.Server;
import org.junit.jupiter.api.Test;

/**
 * The server calls that finish in the API: ips, os-server-password, os-server-external-events,
 * os-resetState, forceDelete, restore and migrate, plus the x-compute-request-id header.
 */
class ServerAdminActionsTest extends SeededServersTestBase {
    static ComputeCloud.Response action(String token, Server s, String body) {
        return cloud.as(token, "POST", "/servers/" + s.uuid() + "/action", "2.1", body);
    }

    @Test
    void everyComputeAnswerCarriesTheComputeRequestId() {
        for (ComputeCloud.Response r : new ComputeCloud.Response[] {as("GET", "/servers", null, null),
                as("GET", "/servers/" + NO_SERVER, null, null), cloud.call(cloud.baseUrl, "GET", "/", null, null)}) {
            assertThat(r.header("x-compute-request-id")).startsWith("req-")
                    .isEqualTo(r.header("x-openstack-request-id"));
        }
    }

    @Test
    void ipsListAddressesByNetworkLabel() {
        Server s = server("ips");
        JsonNode all = ComputeTestBase.expect(as("GET", "/servers/" + s.uuid() + "/ips", null, null), 200).json()
                .get("addresses");
        assertThat(all.get("private").get(0).get("addr").asText()).isEqualTo("10.0.0.5");
        assertThat(all.get("private").get(1).get("version").asInt()).isEqualTo(6);
        assertThat(all.get("private").get(0).has("OS-EXT-IPS:type")).isFalse();
        JsonNode one = ComputeTestBase.expect(as("GET", "/servers/" + s.uuid() + "/ips/private", null, null), 200)
                .json();
        assertThat(one.get("private").size()).isEqualTo(2);
        ComputeTestBase.expectError(as("GET", "/servers/" + s.uuid() + "/ips/public", null, null), 404,
                "itemNotFound");
        assertThat(as("GET", "/servers/" + s.uuid() + "/ips/public", null, null).body())
                .contains("Instance is not a member of specified network");
        ComputeTestBase.expectError(as("GET", "/servers/" + NO_SERVER + "/ips", null, null), 404, "itemNotFound");
        String other = cloud.createUser("erin", "proj-e", "member", false);
        assertThat(other).isNotNull();
        String stranger = cloud.token("erin", ComputeCloud.ADMIN_PASSWORD, "proj-e", false);
        ComputeTestBase.expectError(cloud.as(stranger, "GET", "/servers/" + s.uuid() + "/ips", null, null), 404,
                "itemNotFound");
    }

    @Test
    void serverPasswordIsEmptyAndClearable() {
        Server s = server("pw");
        assertThat(ComputeTestBase.expect(as("GET", "/servers/" + s.uuid() + "/os-server-password", null, null), 200)
                .json().get("password").asText()).isEmpty();
        ComputeTestBase.expect(as("DELETE", "/servers/" + s.uuid() + "/os-server-password", null, null), 204);
        ComputeTestBase.expectError(as("GET", "/servers/" + NO_SERVER + "/os-server-password", null, null), 404,
                "itemNotFound");
    }

    @Test
    void resetStateIsAnAdminActionRecordedOnTheServer() {
        Server s = ServerFixtures.seed(cloud, ServerFixtures.withState(ServerFixtures.active(project, MEMBER_ID,
                "stuck"), "active", "rebooting", null, null));
        ComputeTestBase.expectError(action(member, s, "{\"os-resetState\": {\"state\": \"error\"}}"), 403,
                "forbidden");
        ComputeTestBase.expect(action(cloud.adminToken(), s, "{\"os-resetState\": {\"state\": \"error\"}}"), 202);
        JsonNode v = ComputeTestBase.expect(as("GET", "/servers/" + s.uuid(), null, null), 200).json().get("server");
        assertThat(v.get("status").asText()).isEqualTo("ERROR");
        assertThat(v.get("OS-EXT-STS:task_state").isNull()).isTrue();
        ComputeTestBase.expect(action(cloud.adminToken(), s, "{\"os-resetState\": {\"state\": \"active\"}}"), 202);
        assertThat(ComputeTestBase.expect(as("GET", "/servers/" + s.uuid(), null, null), 200).json().get("server")
                .get("status").asText()).isEqualTo("ACTIVE");
        JsonNode actions = ComputeTestBase.expect(as("GET", "/servers/" + s.uuid() + "/os-instance-actions", null,
                null), 200).json().get("instanceActions");
        assertThat(actions.get(0).get("action").asText()).isEqualTo("resetState");
        ServersApiTest.bad(action(cloud.adminToken(), s, "{\"os-resetState\": {\"state\": \"stopped\"}}"),
                "is not one of ['active', 'error']");
        ServersApiTest.bad(action(cloud.adminToken(), s, "{\"os-resetState\": {}}"), "'state' is a required property");
        ComputeTestBase.expectError(cloud.as(cloud.adminToken(), "POST", "/servers/" + NO_SERVER + "/action", "2.1",
                "{\"os-resetState\": {\"state\": \"error\"}}"), 404, "itemNotFound");
    }

    @Test
    void restoreAndMigrateAnswerAfterTheServerWasFound() {
        Server s = server("kept");
        ComputeTestBase.expectError(cloud.as(member, "POST", "/servers/" + NO_SERVER + "/action", "2.1",
                "{\"restore\": null}"), 404, "itemNotFound");
        ComputeTestBase.expectError(cloud.as(member, "POST", "/servers/" + NO_SERVER + "/action", "2.1",
                "{\"forceDelete\": null}"), 404, "itemNotFound");
        ComputeTestBase.expectError(cloud.as(cloud.adminToken(), "POST", "/servers/" + NO_SERVER + "/action", "2.1",
                "{\"migrate\": null}"), 404, "itemNotFound");
        ComputeCloud.Response restore = action(member, s, "{\"restore\": null}");
        ComputeTestBase.expectError(restore, 409, "conflictingRequest");
        assertThat(restore.body()).contains("Cannot 'restore' instance " + s.uuid() + " while it is in vm_state "
                + "active");
        ComputeTestBase.expectError(action(member, s, "{\"migrate\": null}"), 403, "forbidden");
        ServersApiTest.bad(action(cloud.adminToken(), s, "{\"migrate\": null}"), "Cold migration (migrate) is not "
                + "supported");
        ServersApiTest.bad(cloud.as(cloud.adminToken(), "POST", "/servers/" + s.uuid() + "/action", "2.56",
                "{\"migrate\": {\"dest\": \"h\"}}"), "Additional properties are not allowed");
        Server building = ServerFixtures.seed(cloud, ServerFixtures.withState(ServerFixtures.active(project,
                MEMBER_ID, "building"), "building", "scheduling", null, null));
        ComputeTestBase.expectError(action(cloud.adminToken(), building, "{\"migrate\": null}"), 409,
                "conflictingRequest");
    }

    @Test
    void externalEventsAreAnsweredPerEvent() {
        Server onHost = server("evented");
        Server building = ServerFixtures.seed(cloud, new Server(java.util.UUID.randomUUID().toString(), project,
                MEMBER_ID, "nohost", "nohost", null, ServerFixtures.IMAGE, ServerFixtures.FLAVOR, null, null, null,
                null, null, false, "nova", null, null, "building", "scheduling", 0, "r-0002", 0, null, null, null,
                null, onHost.requestSpec(), java.util.List.of(), java.util.Map.of(), java.util.List.of(), 0,
                System.currentTimeMillis(), null, null, null, null, 0));
        String ok = "{\"events\": [{\"name\": \"network-changed\", \"server_uuid\": \"" + onHost.uuid() + "\"}]}";
        ComputeTestBase.expectError(as("POST", "/os-server-external-events", null, ok), 403, "forbidden");
        JsonNode one = ComputeTestBase.expect(cloud.send("POST", "/os-server-external-events", "2.1", ok), 200).json()
                .get("events").get(0);
        assertThat(one.get("code").asInt()).isEqualTo(200);
        assertThat(one.get("status").asText()).isEqualTo("completed");
        assertThat(one.get("name").asText()).isEqualTo("network-changed");

        String mixed = "{\"events\": [{\"name\": \"network-vif-plugged\", \"tag\": \"port-1\", \"server_uuid\": \""
                + onHost.uuid() + "\"}, {\"name\": \"network-vif-unplugged\", \"server_uuid\": \"" + NO_SERVER
                + "\"}, {\"name\": \"network-vif-plugged\", \"server_uuid\": \"" + building.uuid() + "\"}]}";
        JsonNode events = ComputeTestBase.expect(cloud.send("POST", "/os-server-external-events", "2.1", mixed), 207)
                .json().get("events");
        assertThat(events.get(0).get("code").asInt()).isEqualTo(200);
        assertThat(events.get(0).get("tag").asText()).isEqualTo("port-1");
        assertThat(events.get(1).get("code").asInt()).isEqualTo(404);
        assertThat(events.get(1).get("status").asText()).isEqualTo("failed");
        assertThat(events.get(2).get("code").asInt()).isEqualTo(422);
        // power-update needs a tag (and 2.76).
        String power = "{\"events\": [{\"name\": \"power-update\", \"server_uuid\": \"" + onHost.uuid() + "\"}]}";
        ServersApiTest.bad(cloud.send("POST", "/os-server-external-events", "2.75", power), "is not one of");
        assertThat(ComputeTestBase.expect(cloud.send("POST", "/os-server-external-events", "2.76", power), 207)
                .json().get("events").get(0).get("code").asInt()).isEqualTo(400);
        ServersApiTest.bad(cloud.send("POST", "/os-server-external-events", null, "{\"events\": []}"), "too short");
        ServersApiTest.bad(cloud.send("POST", "/os-server-external-events", null,
                "{\"events\": [{\"name\": \"network-changed\"}]}"), "'server_uuid' is a required property");
        ServersApiTest.bad(cloud.send("POST", "/os-server-external-events", null,
                "{\"events\": [{\"name\": \"network-changed\", \"server_uuid\": \"x\"}]}"), "is not a 'uuid'");
    }

    @Test
    void anAdminsResizeCountsAgainstTheServersProjectQuota() {
        Server s = server("grown");
        ComputeTestBase.expect(cloud.send("POST", "/flavors", "2.1", "{\"flavor\": {\"name\": \"huge\", "
                + "\"ram\": 51201, \"vcpus\": 1, \"disk\": 10, \"id\": \"huge\"}}"), 200);
        ComputeCloud.Response r = action(cloud.adminToken(), s, "{\"resize\": {\"flavorRef\": \"huge\"}}");
        ComputeTestBase.expectError(r, 403, "forbidden");
        assertThat(r.body()).contains("ram");
    }

    @Test
    void accessIpv6IsStoredInItsCanonicalForm() {
        Server s = server("v6");
        JsonNode v = ComputeTestBase.expect(as("PUT", "/servers/" + s.uuid(), null,
                "{\"server\": {\"accessIPv6\": \"0000:0000:0000:0000:0000:BABE:220.12.22.2\"}}"), 200).json()
                .get("server");
        assertThat(v.get("accessIPv6").asText()).isEqualTo("::babe:dc0c:1602");
    }
}
