package org.apiary.network;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apiary.network.rpc.AgentReport;
import org.apiary.network.rpc.NetworkChange;
import org.apiary.network.rpc.NetworkState;
import org.apiary.network.rpc.PortState;
import org.junit.jupiter.api.Test;

/**
 * The controller side of the agent contract: heartbeats shown in /v2.0/agents, DHCP scheduling,
 * each host's desired state, the DHCP port, and the changes published after each commit.
 */
class AgentRpcTest extends NetworkTestBase {

    private static AgentReport dhcpAgent(String host, boolean start) {
        return new AgentReport(host, "DHCP agent", "apiary-dhcp-agent", "dhcp_agent", "nova",
                Map.of("backend", "test"), start);
    }

    private static NetworkState state(String host, String networkId) {
        return cloud.agentRpc().syncState(host).networks().stream().filter(n -> n.id().equals(networkId)).findFirst()
                .orElse(null);
    }

    @Test
    void reportStateShowsAnAliveAgentToAdminsOnly() {
        cloud.agentRpc().reportState(dhcpAgent("hb-host", true));
        JsonNode agents = expect(cloud.call("GET", "/v2.0/agents?host=hb-host", admin, null), 200).json()
                .path("agents");
        assertThat(agents).hasSize(1);
        JsonNode a = agents.get(0);
        assertThat(a.path("agent_type").asText()).isEqualTo("DHCP agent");
        assertThat(a.path("alive").asBoolean()).isTrue();
        assertThat(a.path("admin_state_up").asBoolean()).isTrue();
        assertThat(a.path("configurations").path("backend").asText()).isEqualTo("test");
        String first = a.path("heartbeat_timestamp").asText();
        cloud.agentRpc().reportState(dhcpAgent("hb-host", false));
        JsonNode again = expect(cloud.call("GET", "/v2.0/agents/" + a.path("id").asText(), admin, null), 200).json()
                .path("agent");
        assertThat(again.path("id").asText()).as("same agent row").isEqualTo(a.path("id").asText());
        assertThat(again.path("heartbeat_timestamp").asText()).isGreaterThanOrEqualTo(first);
        assertThat(expect(cloud.call("GET", "/v2.0/agents", member.token(), null), 200).json().path("agents"))
                .as("a list filtered by policy").isEmpty();
        expectError(cloud.call("GET", "/v2.0/agents/" + a.path("id").asText(), member.token(), null), 404,
                "AgentNotFound");
    }

    @Test
    void syncStateCarriesTheDhcpNetworksWithSubnetsAndEveryPort() {
        cloud.agentRpc().reportState(dhcpAgent("dhcp-host", true));
        String net = network(member.token(), "agent-net");
        String sub = subnet(member.token(), net, "10.70.0.0/24");
        JsonNode p = port(member.token(), net);
        // exactly one DHCP agent serves each network; this host may or may not be the one chosen
        JsonNode hosting = expect(cloud.call("GET", "/v2.0/networks/" + net + "/dhcp-agents", admin, null), 200)
                .json().path("agents");
        assertThat(hosting).hasSize(1);
        String host = hosting.get(0).path("host").asText();
        NetworkState s = state(host, net);
        assertThat(s).isNotNull();
        assertThat(s.dhcp()).isTrue();
        assertThat(s.networkType()).isEqualTo("vxlan");
        assertThat(s.segmentationId()).isPositive();
        assertThat(s.mtu()).isEqualTo(1450);
        assertThat(s.subnets()).hasSize(1);
        assertThat(s.subnets().get(0).id()).isEqualTo(sub);
        assertThat(s.subnets().get(0).gatewayIp()).isEqualTo("10.70.0.1");
        PortState ps = s.ports().stream().filter(x -> x.id().equals(p.path("id").asText())).findFirst().orElseThrow();
        assertThat(ps.macAddress()).isEqualTo(p.path("mac_address").asText());
        assertThat(ps.fixedIps().get(0).ipAddress()).isEqualTo(p.path("fixed_ips").get(0).path("ip_address")
                .asText());
        // a host with no DHCP agent and no bound port is not told about the network
        assertThat(state("unrelated-host", net)).isNull();
    }

    @Test
    void aHostSeesOnlyThePortsBoundToItOnNetworksItDoesNotServe() {
        String net = network(member.token(), "bound-net");
        subnet(member.token(), net, "10.71.0.0/24");
        String bound = port(member.token(), net).path("id").asText();
        port(member.token(), net);
        expect(cloud.call("PUT", "/v2.0/ports/" + bound, admin, "{\"port\": {\"binding:host_id\": \"compute-1\"}}"),
                200);
        NetworkState s = state("compute-1", net);
        assertThat(s).isNotNull();
        assertThat(s.dhcp()).isFalse();
        assertThat(s.ports()).extracting(PortState::id).containsExactly(bound);
        assertThat(s.ports().get(0).hostId()).isEqualTo("compute-1");
    }

    @Test
    void ensureDhcpPortIsIdempotentWithOneAddressPerDhcpSubnet() {
        String net = network(member.token(), "dhcp-port-net");
        String a = subnet(member.token(), net, "10.72.0.0/24");
        String noDhcp = post(member.token(), "subnets", "subnet", "{\"network_id\": \"" + net + "\", \"ip_version\": "
                + "4, \"cidr\": \"10.73.0.0/24\", \"enable_dhcp\": false}").path("id").asText();
        PortState first = cloud.agentRpc().ensureDhcpPort("dhcp-a.example.org", net);
        assertThat(first.deviceOwner()).isEqualTo("network:dhcp");
        assertThat(first.deviceId()).startsWith("dhcp").endsWith("-" + net);
        assertThat(first.hostId()).isEqualTo("dhcp-a.example.org");
        assertThat(first.fixedIps()).extracting(PortState.FixedIp::subnetId).containsExactly(a);
        PortState again = cloud.agentRpc().ensureDhcpPort("dhcp-a.example.org", net);
        assertThat(again.id()).isEqualTo(first.id());
        assertThat(again.fixedIps()).isEqualTo(first.fixedIps());
        // a second DHCP subnet: the port keeps its address and gains one there
        String b = subnet(member.token(), net, "10.74.0.0/24");
        PortState grown = cloud.agentRpc().ensureDhcpPort("dhcp-a.example.org", net);
        assertThat(grown.id()).isEqualTo(first.id());
        assertThat(grown.fixedIps()).extracting(PortState.FixedIp::subnetId).containsExactlyInAnyOrder(a, b)
                .doesNotContain(noDhcp);
        assertThat(grown.fixedIps()).contains(first.fixedIps().get(0));
        JsonNode ports = expect(cloud.call("GET", "/v2.0/ports?network_id=" + net + "&device_owner=network:dhcp",
                admin, null), 200).json().path("ports");
        assertThat(ports).hasSize(1);
    }

    @Test
    void changesArePublishedAfterTheCommitThatCausedThem() {
        String net = network(member.token(), "change-net");
        subnet(member.token(), net, "10.75.0.0/24");
        List<Integer> portsReadableWhenPublished = new CopyOnWriteArrayList<>();
        // The listener runs inside the POST, before its response: what a reader sees then was committed.
        cloud.onChange = c -> {
            if (net.equals(c.networkId())) {
                portsReadableWhenPublished.add(expect(cloud.call("GET", "/v2.0/ports?network_id=" + net, admin,
                        null), 200).json().path("ports").size());
            }
        };
        int before = cloud.changes.size();
        String portId;
        try {
            portId = port(member.token(), net).path("id").asText();
        } finally {
            cloud.onChange = c -> { };
        }
        assertThat(cloud.changes.subList(before, cloud.changes.size())).extracting(NetworkChange::networkId)
                .contains(net);
        assertThat(portsReadableWhenPublished).isNotEmpty().containsOnly(1);
        int beforeDelete = cloud.changes.size();
        expect(cloud.call("DELETE", "/v2.0/ports/" + portId, member.token(), null), 204);
        assertThat(cloud.changes.subList(beforeDelete, cloud.changes.size())).extracting(NetworkChange::networkId)
                .contains(net);
        assertThat(state("observer", net)).as("no host serves or binds it").isNull();
    }
}
