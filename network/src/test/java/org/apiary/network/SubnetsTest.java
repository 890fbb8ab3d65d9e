package org.apiary.network;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** /v2.0/subnets: gateway and pool defaults, explicit pools, overlap, IPv6 SLAAC, validation. */
class SubnetsTest extends NetworkTestBase {

    private static JsonNode create(String token, String body) {
        return post(token, "subnets", "subnet", body);
    }

    @Test
    void ipv4DefaultsGatewayFirstAddressPoolTheRest() {
        String net = network(member.token(), "s4");
        JsonNode s = create(member.token(), "{\"network_id\": \"" + net + "\", \"ip_version\": 4, \"cidr\": "
                + "\"10.1.0.0/24\", \"dns_nameservers\": [\"192.0.2.53\"], \"host_routes\": [{\"destination\": "
                + "\"10.9.0.0/16\", \"nexthop\": \"10.1.0.254\"}]}");
        assertThat(s.path("gateway_ip").asText()).isEqualTo("10.1.0.1");
        assertThat(s.path("enable_dhcp").asBoolean()).isTrue();
        assertThat(s.path("allocation_pools").get(0).path("start").asText()).isEqualTo("10.1.0.2");
        assertThat(s.path("allocation_pools").get(0).path("end").asText()).isEqualTo("10.1.0.254");
        assertThat(s.path("dns_nameservers").get(0).asText()).isEqualTo("192.0.2.53");
        assertThat(s.path("host_routes").get(0).path("nexthop").asText()).isEqualTo("10.1.0.254");
        JsonNode n = expect(cloud.call("GET", "/v2.0/networks/" + net, member.token(), null), 200).json();
        assertThat(n.path("network").path("subnets").get(0).asText()).isEqualTo(s.path("id").asText());
    }

    @Test
    void explicitPoolsAndNoGateway() {
        String net = network(member.token(), "pools");
        JsonNode s = create(member.token(), "{\"network_id\": \"" + net + "\", \"ip_version\": 4, \"cidr\": "
                + "\"10.2.0.0/24\", \"gateway_ip\": null, \"allocation_pools\": [{\"start\": \"10.2.0.100\", "
                + "\"end\": \"10.2.0.110\"}]}");
        assertThat(s.path("gateway_ip").isNull()).isTrue();
        assertThat(s.path("allocation_pools")).hasSize(1);
        JsonNode p = port(member.token(), net);
        String ip = p.path("fixed_ips").get(0).path("ip_address").asText();
        int last = Integer.parseInt(ip.substring(ip.lastIndexOf('.') + 1));
        assertThat(last).isBetween(100, 110);
    }

    @Test
    void poolsOutsideTheCidrOrOverTheGatewayAreRefused() {
        String net = network(member.token(), "badpools");
        expectError(cloud.call("POST", "/v2.0/subnets", member.token(), "{\"subnet\": {\"network_id\": \"" + net
                + "\", \"ip_version\": 4, \"cidr\": \"10.3.0.0/24\", \"allocation_pools\": [{\"start\": "
                + "\"10.4.0.1\", \"end\": \"10.4.0.9\"}]}}"), 400, "OutOfBoundsAllocationPool");
        expectError(cloud.call("POST", "/v2.0/subnets", member.token(), "{\"subnet\": {\"network_id\": \"" + net
                + "\", \"ip_version\": 4, \"cidr\": \"10.3.0.0/24\", \"allocation_pools\": [{\"start\": "
                + "\"10.3.0.9\", \"end\": \"10.3.0.1\"}]}}"), 400, "InvalidAllocationPool");
        expectError(cloud.call("POST", "/v2.0/subnets", member.token(), "{\"subnet\": {\"network_id\": \"" + net
                + "\", \"ip_version\": 4, \"cidr\": \"10.3.0.0/24\", \"gateway_ip\": \"10.3.0.5\", "
                + "\"allocation_pools\": [{\"start\": \"10.3.0.2\", \"end\": \"10.3.0.9\"}]}}"), 409,
                "GatewayConflictWithAllocationPools");
    }

    @Test
    void overlappingCidrOnOneNetworkIsRefusedButAllowedOnAnother() {
        String a = network(member.token(), "ov-a");
        String b = network(member.token(), "ov-b");
        subnet(member.token(), a, "10.5.0.0/16");
        expectError(cloud.call("POST", "/v2.0/subnets", member.token(), "{\"subnet\": {\"network_id\": \"" + a
                + "\", \"ip_version\": 4, \"cidr\": \"10.5.3.0/24\"}}"), 400, "InvalidInput");
        subnet(member.token(), b, "10.5.3.0/24");
    }

    @Test
    void ipv6SlaacSubnetGivesPortsEui64Addresses() {
        String net = network(member.token(), "v6");
        JsonNode s = create(member.token(), "{\"network_id\": \"" + net + "\", \"ip_version\": 6, \"cidr\": "
                + "\"2001:db8:1::/64\", \"ipv6_ra_mode\": \"slaac\", \"ipv6_address_mode\": \"slaac\"}");
        assertThat(s.path("ipv6_address_mode").asText()).isEqualTo("slaac");
        assertThat(s.path("gateway_ip").asText()).isEqualTo("2001:db8:1::1");
        JsonNode p = post(member.token(), "ports", "port", "{\"network_id\": \"" + net + "\", \"mac_address\": "
                + "\"fa:16:3e:11:22:33\"}");
        // EUI-64: flip the U/L bit of the first octet, insert ff:fe in the middle
        assertThat(p.path("fixed_ips").get(0).path("ip_address").asText()).isEqualTo("2001:db8:1:0:f816:3eff:fe11:2233");
        expectError(cloud.call("POST", "/v2.0/subnets", member.token(), "{\"subnet\": {\"network_id\": \"" + net
                + "\", \"ip_version\": 6, \"cidr\": \"2001:db8:2::/80\", \"ipv6_address_mode\": \"slaac\"}}"), 400,
                "InvalidInput");
    }

    @Test
    void invalidSubnetInputIs400() {
        String net = network(member.token(), "bad");
        String[] bodies = {
            "{\"network_id\": \"" + net + "\", \"ip_version\": 4, \"cidr\": \"10.0.0.0/33\"}",
            "{\"network_id\": \"" + net + "\", \"ip_version\": 4, \"cidr\": \"banana\"}",
            "{\"network_id\": \"" + net + "\", \"ip_version\": 5, \"cidr\": \"10.0.0.0/24\"}",
            "{\"network_id\": \"" + net + "\", \"ip_version\": 6, \"cidr\": \"10.0.0.0/24\"}",
            "{\"network_id\": \"" + net + "\", \"ip_version\": 4, \"cidr\": \"10.0.0.0/24\", \"gateway_ip\": \"x\"}",
            "{\"network_id\": \"" + net + "\", \"ip_version\": 4, \"cidr\": \"10.0.0.0/24\", "
                    + "\"dns_nameservers\": [\"not-an-ip\"]}",
            "{\"network_id\": \"" + net + "\", \"ip_version\": 4}",
            "{\"ip_version\": 4, \"cidr\": \"10.0.0.0/24\"}",
        };
        for (String body : bodies) {
            NetworkCloud.Response r = cloud.call("POST", "/v2.0/subnets", member.token(), "{\"subnet\": " + body + "}");
            assertThat(r.status()).as(body + " → " + r.body()).isEqualTo(400);
            assertThat(r.errorType()).as(body).isNotEmpty();
        }
        expectError(cloud.call("POST", "/v2.0/subnets", member.token(), "{\"subnet\": {\"network_id\": "
                + "\"00000000-0000-0000-0000-000000000000\", \"ip_version\": 4, \"cidr\": \"10.0.0.0/24\"}}"), 404,
                "NetworkNotFound");
    }

    @Test
    void subnetWithPortsCannotBeDeletedAndNetworkDeleteCascadesSubnets() {
        String net = network(member.token(), "inuse");
        String sub = subnet(member.token(), net, "10.6.0.0/24");
        String portId = port(member.token(), net).path("id").asText();
        expectError(cloud.call("DELETE", "/v2.0/subnets/" + sub, member.token(), null), 409, "SubnetInUse");
        expectError(cloud.call("DELETE", "/v2.0/networks/" + net, member.token(), null), 409, "NetworkInUse");
        expect(cloud.call("DELETE", "/v2.0/ports/" + portId, member.token(), null), 204);
        expect(cloud.call("DELETE", "/v2.0/networks/" + net, member.token(), null), 204);
        expectError(cloud.call("GET", "/v2.0/subnets/" + sub, member.token(), null), 404, "SubnetNotFound");
    }
}
