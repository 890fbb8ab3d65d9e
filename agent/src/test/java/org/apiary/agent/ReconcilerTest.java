package org.apiary.agent;

import static org.apiary.agent.ScriptedController.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.apiary.network.rpc.NetworkState;
import org.apiary.network.rpc.PortState;
import org.apiary.network.rpc.SubnetState;
import org.apiary.privhelper.client.RecordingHelper;
import org.apiary.privhelper.ops.*;
import org.apiary.privhelper.protocol.ErrorCode;
import org.apiary.privhelper.protocol.HelperException;
import org.apiary.privhelper.protocol.Wire;
import org.junit.jupiter.api.Test;

/** The exact helper operations the agent sends for each change of the desired state. */
class ReconcilerTest {
    static final String NET = "5a1e0c2b-7d4f-4e8a-9b3c-1d2e3f405162", NET2 = "6b2f1d3c-8e5a-4f9b-8c4d-2e3f40516273";
    static final String SUB = "0a0a0a0a-1111-4222-8333-444444444444", SUB2 = "0b0b0b0b-1111-4222-8333-444444444444";
    static final String VM1 = "c1c1c1c1-0000-4000-8000-000000000001", VM2 = "c2c2c2c2-0000-4000-8000-000000000002";
    static final String BR = "apb-5a1e0c2b7d4", VLAN = "apl-5a1e0c2b7d4", OUT = "apv-5a1e0c2b7do", IN = "apv-5a1e0c2b7di";
    static final String TAP1 = "apt-c1c1c1c1000";

    final ScriptedController controller = new ScriptedController();
    /** list_tagged answers this; everything else {"changed": true}; failNext makes the next matching op fail. */
    final AtomicReference<String> inventory = new AtomicReference<>("{}");
    final AtomicReference<Predicate<Op>> failNext = new AtomicReference<>(op -> false);
    final RecordingHelper helper = new RecordingHelper(op -> {
        if (failNext.get().test(op)) {
            failNext.set(o -> false);
            throw new HelperException(ErrorCode.HOST_COMMAND_FAILED, "dnsmasq: failed to bind DHCP socket");
        }
        if (op instanceof ListTagged) {
            return json(inventory.get());
        }
        return Wire.MAPPER.createObjectNode().put("changed", true);
    });

    AgentSettings settings(String localIp) {
        return new AgentSettings(HOST, Map.of("physnet1", "eth1"), localIp, localIp == null ? null : "192.0.2.20",
                null, null, 86400, Duration.ofSeconds(30), Duration.ofSeconds(60), "nova");
    }

    final NetworkAgent agent = new NetworkAgent(settings(null), helper, controller);

    NetworkState vlanNetwork(List<SubnetState> subnets, List<PortState> ports) {
        return network(NET, "vlan", "physnet1", 100, true, subnets, ports);
    }

    static PortState vm1() {
        return port(VM1, NET, "fa:16:3e:00:00:01", "compute:nova", HOST, SUB, "10.77.0.10");
    }

    static DhcpHost lease(String mac, String ip) {
        return new DhcpHost(Mac.parse(mac), IpAddress.parse(ip), "host-" + ip.replace('.', '-'));
    }

    static DhcpSubnet dhcpSubnet(String id, String cidr, String gw) {
        return new DhcpSubnet(id, Cidr.parse(cidr), IpAddress.parse(gw), List.of(IpAddress.parse("192.0.2.53")));
    }

    List<Op> newOps(Runnable action) {
        int before = helper.calls().size();
        action.run();
        List<Op> all = helper.calls();
        return all.subList(before, all.size());
    }

    @Test
    void aNewVlanNetworkWithDhcpGetsBridgeSegmentDomainAndDnsmasq() {
        controller.put(vlanNetwork(List.of(subnet(SUB, "10.77.0.0/24", "10.77.0.1")), List.of(vm1())));
        List<Op> ops = newOps(agent::syncNow);

        DhcpConfig dhcp = new DhcpConfig(NET, IN, List.of(dhcpSubnet(SUB, "10.77.0.0/24", "10.77.0.1")),
                List.of(lease("fa:16:3e:00:00:01", "10.77.0.10")), 86400, 1450);
        assertThat(ops).containsExactly(
                new ListTagged(),
                new BridgeEnsure(BR, NET),
                new VlanEnsure(VLAN, "eth1", 100, NET),
                new BridgeAddMember(BR, VLAN, NET),
                new DomainEnsure(NET, OUT, IN),
                new BridgeAddMember(BR, OUT, NET),
                new DomainAddressAdd(NET, IN, Cidr.parse("10.77.0.2/24")),
                new DhcpStart(dhcp),
                // The compute port bound to this host gets its tap on the bridge.
                new TapCreate(TAP1, VM1),
                new BridgeAddMember(BR, TAP1, NET));
        assertThat(agent.computePorts()).containsOnlyKeys(VM1);
        // A second pass with nothing changed sends nothing.
        assertThat(newOps(agent::syncNow)).isEmpty();
    }

    @Test
    void anAddedPortIsOneReloadAndADeletedPortAnother() {
        controller.put(vlanNetwork(List.of(subnet(SUB, "10.77.0.0/24", "10.77.0.1")), List.of(vm1())));
        agent.syncNow();
        PortState vm2 = port(VM2, NET, "fa:16:3e:00:00:02", "compute:nova", "host-b", SUB, "10.77.0.11");
        controller.put(vlanNetwork(List.of(subnet(SUB, "10.77.0.0/24", "10.77.0.1")), List.of(vm1(), vm2)));

        List<Op> added = newOps(agent::syncNow);
        assertThat(added).containsExactly(new DhcpReload(new DhcpConfig(NET, IN,
                List.of(dhcpSubnet(SUB, "10.77.0.0/24", "10.77.0.1")),
                List.of(lease("fa:16:3e:00:00:01", "10.77.0.10"), lease("fa:16:3e:00:00:02", "10.77.0.11")), 86400,
                1450)));
        // Bound to another host: served by DHCP here, but not a port of this host.
        assertThat(agent.computePorts()).containsOnlyKeys(VM1);

        controller.put(vlanNetwork(List.of(subnet(SUB, "10.77.0.0/24", "10.77.0.1")), List.of(vm2)));
        List<Op> deleted = newOps(agent::syncNow);
        assertThat(deleted).hasSize(2).last().isEqualTo(new TapDelete(TAP1, VM1));
        assertThat(deleted).first().isInstanceOfSatisfying(DhcpReload.class,
                r -> assertThat(r.config().hosts()).containsExactly(lease("fa:16:3e:00:00:02", "10.77.0.11")));
    }

    @Test
    void anAddedSubnetRestartsDnsmasqAfterGivingTheDomainItsAddress() {
        controller.put(vlanNetwork(List.of(subnet(SUB, "10.77.0.0/24", "10.77.0.1")), List.of(vm1())));
        agent.syncNow();
        controller.put(vlanNetwork(List.of(subnet(SUB, "10.77.0.0/24", "10.77.0.1"),
                subnet(SUB2, "10.78.0.0/24", "10.78.0.1")), List.of(vm1())));

        List<Op> ops = newOps(agent::syncNow);
        DhcpConfig both = new DhcpConfig(NET, IN, List.of(dhcpSubnet(SUB, "10.77.0.0/24", "10.77.0.1"),
                dhcpSubnet(SUB2, "10.78.0.0/24", "10.78.0.1")), List.of(lease("fa:16:3e:00:00:01", "10.77.0.10")),
                86400, 1450);
        assertThat(ops).containsExactly(
                new DomainAddressAdd(NET, IN, Cidr.parse("10.78.0.2/24")),
                new DhcpStop(NET),
                new DhcpStart(both));
    }

    @Test
    void aDeletedNetworkIsTornDownInReverseOrder() {
        controller.put(vlanNetwork(List.of(subnet(SUB, "10.77.0.0/24", "10.77.0.1")), List.of(vm1())));
        agent.syncNow();
        controller.remove(NET);

        assertThat(newOps(agent::syncNow)).containsExactly(
                new DhcpStop(NET), new DomainDelete(NET), new VlanDelete(VLAN, NET), new BridgeDelete(BR, NET),
                new TapDelete(TAP1, VM1));
        assertThat(agent.computePorts()).isEmpty();
        assertThat(newOps(agent::syncNow)).isEmpty();
    }

    @Test
    void turningDhcpOffRemovesOnlyTheDomainAndDnsmasq() {
        controller.put(vlanNetwork(List.of(subnet(SUB, "10.77.0.0/24", "10.77.0.1")), List.of(vm1())));
        agent.syncNow();
        controller.put(network(NET, "vlan", "physnet1", 100, false, List.of(subnet(SUB, "10.77.0.0/24", "10.77.0.1")),
                List.of(vm1())));
        assertThat(newOps(agent::syncNow)).containsExactly(new DhcpStop(NET), new DomainDelete(NET));
    }

    @Test
    void orphansFoundAtStartAreRemovedAndKnownNetworksAreRestarted() {
        String orphan = "0f0f0f0f-0000-4000-8000-00000000000f";
        String orphanPort = "0e0e0e0e-0000-4000-8000-00000000000e";
        inventory.set("""
                {"bridges":[{"name":"apb-0f0f0f0f000","owner":"%1$s"},{"name":"%2$s","owner":"%3$s"}],
                 "taps":[{"name":"apt-c1c1c1c1000","owner":"%4$s"},{"name":"apt-0e0e0e0e000","owner":"%5$s"}],
                 "vlans":[{"name":"apl-0f0f0f0f000","owner":"%1$s"}],
                 "vxlans":[],
                 "domains":[{"owner":"%1$s"},{"owner":"%3$s"}],
                 "dhcp":[{"owner":"%1$s","running":true},{"owner":"%3$s","running":true}],
                 "guests":[]}""".formatted(orphan, BR, NET, VM1, orphanPort));
        controller.put(vlanNetwork(List.of(subnet(SUB, "10.77.0.0/24", "10.77.0.1")), List.of(vm1())));

        List<Op> ops = newOps(agent::syncNow);
        DhcpConfig dhcp = new DhcpConfig(NET, IN, List.of(dhcpSubnet(SUB, "10.77.0.0/24", "10.77.0.1")),
                List.of(lease("fa:16:3e:00:00:01", "10.77.0.10")), 86400, 1450);
        assertThat(ops).containsExactly(
                new ListTagged(),
                new TapDelete("apt-0e0e0e0e000", orphanPort),
                new DhcpStop(orphan),
                new DomainDelete(orphan),
                new VlanDelete("apl-0f0f0f0f000", orphan),
                new BridgeDelete("apb-0f0f0f0f000", orphan),
                // the kept network: everything re-ensured, its dnsmasq restarted with today's configuration
                new BridgeEnsure(BR, NET),
                new VlanEnsure(VLAN, "eth1", 100, NET),
                new BridgeAddMember(BR, VLAN, NET),
                new DomainEnsure(NET, OUT, IN),
                new BridgeAddMember(BR, OUT, NET),
                new DomainAddressAdd(NET, IN, Cidr.parse("10.77.0.2/24")),
                new DhcpStop(NET),
                new DhcpStart(dhcp),
                // the tap of the port still bound here is kept and plugged again
                new TapCreate(TAP1, VM1),
                new BridgeAddMember(BR, TAP1, NET));
    }

    @Test
    void aHelperFailureIsRetriedAtTheNextPassWithARestart() {
        controller.put(vlanNetwork(List.of(subnet(SUB, "10.77.0.0/24", "10.77.0.1")), List.of(vm1())));
        failNext.set(op -> op instanceof DhcpStart);
        Reconciler.Pass first = agent.syncNow();
        assertThat(first.failures()).isEqualTo(1);

        List<Op> retry = newOps(agent::syncNow);
        assertThat(retry).first().isEqualTo(new BridgeEnsure(BR, NET));
        // The port waited for its network: its tap comes once the network is realized.
        assertThat(retry).endsWith(new DhcpStop(NET), new DhcpStart(new DhcpConfig(NET, IN,
                List.of(dhcpSubnet(SUB, "10.77.0.0/24", "10.77.0.1")), List.of(lease("fa:16:3e:00:00:01",
                "10.77.0.10")), 86400, 1450)), new TapCreate(TAP1, VM1), new BridgeAddMember(BR, TAP1, NET));
        assertThat(newOps(agent::syncNow)).isEmpty();
    }

    @Test
    void aNetworkThatFailedAndWasThenDeletedIsStillTornDown() {
        controller.put(vlanNetwork(List.of(subnet(SUB, "10.77.0.0/24", "10.77.0.1")), List.of(vm1())));
        failNext.set(op -> op instanceof DomainEnsure);
        agent.syncNow();
        controller.remove(NET);
        assertThat(newOps(agent::syncNow)).containsExactly(
                new DhcpStop(NET), new DomainDelete(NET), new VlanDelete(VLAN, NET), new BridgeDelete(BR, NET));
    }

    @Test
    void vxlanWithoutLocalIpIsALocalBridgeAndTheReportSaysSo() {
        controller.put(network(NET2, "vxlan", null, 5001, false, List.of(), List.of()));
        assertThat(newOps(agent::syncNow)).containsExactly(new ListTagged(), new BridgeEnsure("apb-6b2f1d3c8e5", NET2));
        Map<String, Object> l2 = agent.reports().get(1).configurations();
        assertThat(l2.get("vxlan")).asString().contains("local bridges only");
        assertThat(l2.get("tunnel_types")).isEqualTo(List.of());
    }

    @Test
    void vxlanWithLocalIpGetsItsTunnelInterfaceOnTheBridge() {
        NetworkAgent withTunnel = new NetworkAgent(settings("192.0.2.10"), helper, controller);
        controller.put(network(NET2, "vxlan", null, 5001, false, List.of(), List.of()));
        assertThat(newOps(withTunnel::syncNow)).containsExactly(new ListTagged(),
                new BridgeEnsure("apb-6b2f1d3c8e5", NET2),
                new VxlanEnsure("apx-6b2f1d3c8e5", 5001, IpAddress.parse("192.0.2.10"), IpAddress.parse("192.0.2.20"),
                        null, null, NET2),
                new BridgeAddMember("apb-6b2f1d3c8e5", "apx-6b2f1d3c8e5", NET2));
        assertThat(withTunnel.reports().get(1).configurations().get("tunnel_types")).isEqualTo(List.of("vxlan"));
    }

    @Test
    void aVlanOnAnUnmappedPhysnetIsABridgeAndANote() {
        controller.put(network(NET, "vlan", "physnet9", 100, false, List.of(), List.of()));
        Reconciler.Pass pass = agent.syncNow();
        assertThat(helper.calls()).containsExactly(new ListTagged(), new BridgeEnsure(BR, NET));
        assertThat(pass.notes()).singleElement().asString().contains("physnet9");
    }

    @Test
    void reportsShowADhcpAgentAndABridgeAgentWithCounts() {
        controller.put(vlanNetwork(List.of(subnet(SUB, "10.77.0.0/24", "10.77.0.1")), List.of(vm1())));
        agent.syncNow();
        var reports = agent.reports();
        assertThat(reports).extracting(r -> r.agentType()).containsExactly("DHCP agent", "Linux bridge agent");
        assertThat(reports).allSatisfy(r -> {
            assertThat(r.host()).isEqualTo(HOST);
            assertThat(r.startFlag()).isTrue();
        });
        assertThat(reports.get(0).configurations()).containsEntry("networks", 1).containsEntry("subnets", 1)
                .containsEntry("ports", 1).containsEntry("dhcp_driver", "dnsmasq");
        assertThat(reports.get(1).configurations()).containsEntry("devices", 1)
                .containsEntry("interface_mappings", new java.util.TreeMap<>(Map.of("physnet1", "eth1")));
    }

    static JsonNode json(String s) {
        try {
            return Wire.MAPPER.readTree(s);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
