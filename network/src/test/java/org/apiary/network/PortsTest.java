package org.apiary.network;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** /v2.0/ports: addresses, MACs, conflicts, security groups, binding attributes. */
class PortsTest extends NetworkTestBase {

    @Test
    void portGetsAnAddressFromThePoolAMacInFa163eAndTheDefaultGroup() {
        String net = network(member.token(), "p1");
        String sub = subnet(member.token(), net, "10.20.0.0/24");
        JsonNode p = port(member.token(), net);
        assertThat(p.path("mac_address").asText()).matches("fa:16:3e(:[0-9a-f]{2}){3}");
        assertThat(p.path("fixed_ips")).hasSize(1);
        assertThat(p.path("fixed_ips").get(0).path("subnet_id").asText()).isEqualTo(sub);
        assertThat(p.path("fixed_ips").get(0).path("ip_address").asText()).startsWith("10.20.0.")
                .isNotEqualTo("10.20.0.1");
        assertThat(p.path("status").asText()).isEqualTo("DOWN");
        assertThat(p.path("security_groups")).hasSize(1);
        JsonNode groups = expect(cloud.call("GET", "/v2.0/security-groups?name=default", member.token(), null), 200)
                .json().path("security_groups");
        assertThat(groups.get(0).path("id").asText()).isEqualTo(p.path("security_groups").get(0).asText());
        assertThat(p.has("binding:host_id")).as("binding attributes are admin-only").isFalse();
    }

    @Test
    void requestedAddressAndMacAreHonouredAndConflictsAre409() {
        String net = network(member.token(), "p2");
        String sub = subnet(member.token(), net, "10.21.0.0/24");
        JsonNode p = post(member.token(), "ports", "port", "{\"network_id\": \"" + net + "\", \"mac_address\": "
                + "\"fa:16:3e:aa:bb:cc\", \"fixed_ips\": [{\"subnet_id\": \"" + sub + "\", \"ip_address\": "
                + "\"10.21.0.50\"}]}");
        assertThat(p.path("mac_address").asText()).isEqualTo("fa:16:3e:aa:bb:cc");
        assertThat(p.path("fixed_ips").get(0).path("ip_address").asText()).isEqualTo("10.21.0.50");
        expectError(cloud.call("POST", "/v2.0/ports", member.token(), "{\"port\": {\"network_id\": \"" + net
                + "\", \"fixed_ips\": [{\"ip_address\": \"10.21.0.50\"}]}}"), 409, "IpAddressInUse");
        expectError(cloud.call("POST", "/v2.0/ports", member.token(), "{\"port\": {\"network_id\": \"" + net
                + "\", \"mac_address\": \"fa:16:3e:aa:bb:cc\"}}"), 409, "MacAddressInUse");
        expectError(cloud.call("POST", "/v2.0/ports", member.token(), "{\"port\": {\"network_id\": \"" + net
                + "\", \"fixed_ips\": [{\"subnet_id\": \"" + sub + "\", \"ip_address\": \"10.99.0.5\"}]}}"), 400,
                "InvalidIpForSubnet");
        expectError(cloud.call("POST", "/v2.0/ports", member.token(), "{\"port\": {\"network_id\": \"" + net
                + "\", \"mac_address\": \"not-a-mac\"}}"), 400, "InvalidInput");
    }

    @Test
    void updatingFixedIpsMovesTheAddressAndFreesTheOldOne() {
        String net = network(member.token(), "p3");
        String sub = subnet(member.token(), net, "10.22.0.0/24");
        JsonNode p = port(member.token(), net);
        String id = p.path("id").asText();
        String old = p.path("fixed_ips").get(0).path("ip_address").asText();
        JsonNode u = expect(cloud.call("PUT", "/v2.0/ports/" + id, member.token(), "{\"port\": {\"fixed_ips\": "
                + "[{\"subnet_id\": \"" + sub + "\", \"ip_address\": \"10.22.0.77\"}]}}"), 200).json().path("port");
        assertThat(u.path("fixed_ips").get(0).path("ip_address").asText()).isEqualTo("10.22.0.77");
        assertThat(u.path("revision_number").asLong()).isGreaterThan(p.path("revision_number").asLong());
        JsonNode again = post(member.token(), "ports", "port", "{\"network_id\": \"" + net + "\", \"fixed_ips\": "
                + "[{\"ip_address\": \"" + old + "\"}]}");
        assertThat(again.path("fixed_ips").get(0).path("ip_address").asText()).isEqualTo(old);
    }

    @Test
    void adminBindsAPortToAHost() {
        String net = network(member.token(), "p4");
        subnet(member.token(), net, "10.23.0.0/24");
        String id = port(member.token(), net).path("id").asText();
        expectError(cloud.call("PUT", "/v2.0/ports/" + id, member.token(), "{\"port\": {\"binding:host_id\": "
                + "\"h1\"}}"), 403, "PolicyNotAuthorized");
        JsonNode bound = expect(cloud.call("PUT", "/v2.0/ports/" + id, admin, "{\"port\": {\"binding:host_id\": "
                + "\"h1\", \"device_owner\": \"compute:nova\", \"device_id\": \"vm-1\"}}"), 200).json().path("port");
        assertThat(bound.path("binding:host_id").asText()).isEqualTo("h1");
        assertThat(bound.path("binding:vif_type").asText()).isNotEqualTo("unbound");
        assertThat(bound.path("device_owner").asText()).isEqualTo("compute:nova");
    }

    @Test
    void allowedAddressPairsAndPortSecurity() {
        String net = network(member.token(), "p5");
        subnet(member.token(), net, "10.24.0.0/24");
        JsonNode p = post(member.token(), "ports", "port", "{\"network_id\": \"" + net + "\", "
                + "\"allowed_address_pairs\": [{\"ip_address\": \"10.24.0.200\"}]}");
        assertThat(p.path("allowed_address_pairs").get(0).path("ip_address").asText()).isEqualTo("10.24.0.200");
        assertThat(p.path("allowed_address_pairs").get(0).path("mac_address").asText())
                .isEqualTo(p.path("mac_address").asText());
        assertThat(p.path("port_security_enabled").asBoolean()).isTrue();
        expect(cloud.call("POST", "/v2.0/ports", member.token(), "{\"port\": {\"network_id\": \"" + net
                + "\", \"allowed_address_pairs\": [{\"mac_address\": \"fa:16:3e:00:00:01\"}]}}"), 400);
    }

    @Test
    void portsOfOtherProjectsAreInvisibleAndBadInputIs400() {
        String net = network(member.token(), "p6");
        subnet(member.token(), net, "10.25.0.0/24");
        String id = port(member.token(), net).path("id").asText();
        expectError(cloud.call("GET", "/v2.0/ports/" + id, other.token(), null), 404, "PortNotFound");
        expectError(cloud.call("POST", "/v2.0/ports", other.token(), "{\"port\": {\"network_id\": \"" + net
                + "\"}}"), 404, "NetworkNotFound");
        expectError(cloud.call("POST", "/v2.0/ports", member.token(), "{\"port\": {}}"), 400, "BadRequest");
        expect(cloud.call("POST", "/v2.0/ports", member.token(), "{\"port\": {\"network_id\": \"" + net
                + "\", \"fixed_ips\": \"10.25.0.3\"}}"), 400);
        expect(cloud.call("POST", "/v2.0/ports", member.token(), "{\"port\": {\"network_id\": \"" + net
                + "\", \"security_groups\": [\"00000000-0000-0000-0000-000000000000\"]}}"), 404);
    }
}
