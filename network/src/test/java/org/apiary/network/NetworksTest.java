package org.apiary.network;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** /v2.0/networks: defaults, provider attributes, admin-only fields, sharing, If-Match, bad input. */
class NetworksTest extends NetworkTestBase {

    @Test
    void createShowUpdateDeleteWithNeutronDefaults() {
        JsonNode n = post(member.token(), "networks", "network", "{\"name\": \"net1\", \"description\": \"d\"}");
        assertThat(n.path("admin_state_up").asBoolean()).isTrue();
        assertThat(n.path("shared").asBoolean()).isFalse();
        assertThat(n.path("router:external").asBoolean()).isFalse();
        assertThat(n.path("status").asText()).isEqualTo("ACTIVE");
        assertThat(n.path("project_id").asText()).isEqualTo(member.projectId());
        assertThat(n.path("tenant_id").asText()).isEqualTo(member.projectId());
        assertThat(n.path("revision_number").asLong()).isEqualTo(1);
        assertThat(n.path("subnets")).isEmpty();
        assertThat(n.path("mtu").asInt()).isEqualTo(1450); // VXLAN tenant network on a 1500 physnet MTU
        assertThat(n.has("provider:network_type")).as("provider attributes are admin-only").isFalse();
        String id = n.path("id").asText();

        JsonNode shown = expect(cloud.call("GET", "/v2.0/networks/" + id, reader.token(), null), 200).json()
                .path("network");
        assertThat(shown.path("name").asText()).isEqualTo("net1");

        JsonNode updated = expect(cloud.call("PUT", "/v2.0/networks/" + id, member.token(),
                "{\"network\": {\"name\": \"renamed\", \"admin_state_up\": false}}"), 200).json().path("network");
        assertThat(updated.path("name").asText()).isEqualTo("renamed");
        assertThat(updated.path("admin_state_up").asBoolean()).isFalse();
        assertThat(updated.path("revision_number").asLong()).isEqualTo(2);

        expect(cloud.call("DELETE", "/v2.0/networks/" + id, member.token(), null), 204);
        expectError(cloud.call("GET", "/v2.0/networks/" + id, member.token(), null), 404, "NetworkNotFound");
    }

    @Test
    void adminSeesAndSetsProviderAttributesAndTenantNetworksGetDistinctVnis() {
        JsonNode a = post(admin, "networks", "network", "{\"name\": \"va\", \"tenant_id\": \""
                + member.projectId() + "\"}");
        JsonNode b = post(admin, "networks", "network", "{\"name\": \"vb\"}");
        assertThat(a.path("provider:network_type").asText()).isEqualTo("vxlan");
        assertThat(a.path("provider:segmentation_id").asInt()).isPositive();
        assertThat(b.path("provider:segmentation_id").asInt()).isNotEqualTo(a.path("provider:segmentation_id")
                .asInt());
        assertThat(a.path("project_id").asText()).isEqualTo(member.projectId());

        JsonNode fixed = post(admin, "networks", "network", "{\"name\": \"vx\", \"provider:network_type\": "
                + "\"vxlan\", \"provider:segmentation_id\": 4242}");
        assertThat(fixed.path("provider:segmentation_id").asInt()).isEqualTo(4242);
        expectError(cloud.call("POST", "/v2.0/networks", admin, "{\"network\": {\"provider:network_type\": "
                + "\"vxlan\", \"provider:segmentation_id\": 4242}}"), 409, "TunnelIdInUse");
        // the member sees its network without the provider attributes
        JsonNode seen = expect(cloud.call("GET", "/v2.0/networks/" + a.path("id").asText(), member.token(), null),
                200).json().path("network");
        assertThat(seen.has("provider:segmentation_id")).isFalse();
    }

    @Test
    void membersMayNotSetAdminOnlyAttributes() {
        for (String body : new String[] {"{\"shared\": true}", "{\"router:external\": true}",
                "{\"provider:network_type\": \"vxlan\"}"}) {
            expectError(cloud.call("POST", "/v2.0/networks", member.token(), "{\"network\": " + body + "}"), 403,
                    "PolicyNotAuthorized");
        }
        String id = network(member.token(), "mine");
        expectError(cloud.call("PUT", "/v2.0/networks/" + id, member.token(), "{\"network\": {\"shared\": true}}"),
                403, "PolicyNotAuthorized");
        expectError(cloud.call("POST", "/v2.0/networks", reader.token(), "{\"network\": {\"name\": \"r\"}}"), 403,
                "PolicyNotAuthorized");
    }

    @Test
    void sharedNetworksAreVisibleToEveryProjectButOnlyTheOwnerChangesThem() {
        String shared = post(admin, "networks", "network", "{\"name\": \"public-ish\", \"shared\": true}").path("id")
                .asText();
        String priv = network(member.token(), "private");
        JsonNode seen = expect(cloud.call("GET", "/v2.0/networks", other.token(), null), 200).json().path("networks");
        assertThat(seen.findValuesAsText("id")).contains(shared).doesNotContain(priv);
        expectError(cloud.call("GET", "/v2.0/networks/" + priv, other.token(), null), 404, "NetworkNotFound");
        expectError(cloud.call("PUT", "/v2.0/networks/" + shared, other.token(), "{\"network\": {\"name\": \"x\"}}"),
                403, "PolicyNotAuthorized");
        expectError(cloud.call("DELETE", "/v2.0/networks/" + priv, other.token(), null), 404, "NetworkNotFound");
    }

    @Test
    void ifMatchRevisionMismatchIs412() {
        String id = network(member.token(), "rev");
        expectError(cloud.call("PUT", "/v2.0/networks/" + id, member.token(), "{\"network\": {\"name\": \"x\"}}",
                "If-Match", "revision_number=7"), 412, "RevisionNumberConstraintFailed");
        expect(cloud.call("PUT", "/v2.0/networks/" + id, member.token(), "{\"network\": {\"name\": \"x\"}}",
                "If-Match", "revision_number=1"), 200);
        expectError(cloud.call("DELETE", "/v2.0/networks/" + id, member.token(), null, "If-Match",
                "revision_number=1"), 412, "RevisionNumberConstraintFailed");
        expect(cloud.call("DELETE", "/v2.0/networks/" + id, member.token(), null, "If-Match", "revision_number=2"),
                204);
    }

    @Test
    void badInputIs400WithNeutronErrorNever500() {
        String[] bodies = {
            "{\"network\": {\"mtu\": \"big\"}}",
            "{\"network\": {\"admin_state_up\": \"perhaps\"}}",
            "{\"network\": {\"name\": 42}}",
            "{\"network\": {\"colour\": \"red\"}}",
            "{\"network\": []}",
            "{\"networks\": [1, 2]}",
            "{}",
        };
        for (String body : bodies) {
            NetworkCloud.Response r = cloud.call("POST", "/v2.0/networks", member.token(), body);
            assertThat(r.status()).as(body + " → " + r.body()).isEqualTo(400);
            assertThat(r.json().path("NeutronError").path("type").asText()).as(body).isNotEmpty();
        }
        NetworkCloud.Response notJson = cloud.call("POST", "/v2.0/networks", member.token(), "{not json");
        assertThat(notJson.status()).isEqualTo(400);
        expectError(cloud.call("GET", "/v2.0/networks?colour=red", member.token(), null), 400, "HTTPBadRequest");
        expectError(cloud.call("GET", "/v2.0/networks?limit=-1", member.token(), null), 400, "BadRequest");
    }

    @Test
    void bulkCreateIsAllOrNothing() {
        NetworkCloud.Response ok = expect(cloud.call("POST", "/v2.0/networks", member.token(), "{\"networks\": [{\"name\": "
                + "\"bulk1\"}, {\"name\": \"bulk2\"}]}"), 201);
        assertThat(ok.json().path("networks")).hasSize(2);
        expect(cloud.call("POST", "/v2.0/networks", member.token(), "{\"networks\": [{\"name\": \"bulk3\"}, "
                + "{\"mtu\": \"x\"}]}"), 400);
        JsonNode list = expect(cloud.call("GET", "/v2.0/networks?name=bulk3", member.token(), null), 200).json();
        assertThat(list.path("networks")).isEmpty();
    }

}
