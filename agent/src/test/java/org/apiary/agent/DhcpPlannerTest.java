package org.apiary.agent;

import static org.apiary.agent.ScriptedController.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apiary.network.rpc.NetworkState;
import org.apiary.network.rpc.PortState;
import org.apiary.network.rpc.SubnetState;
import org.apiary.privhelper.ops.Cidr;
import org.apiary.privhelper.ops.DhcpConfig;
import org.apiary.privhelper.ops.IpAddress;
import org.junit.jupiter.api.Test;

/** Entries dnsmasq (or the helper) would refuse are left out, so one bad port never stops a network's DHCP. */
class DhcpPlannerTest {
    static final String NET = ReconcilerTest.NET, SUB = ReconcilerTest.SUB, SUB2 = ReconcilerTest.SUB2;
    static final String V6 = "0c0c0c0c-1111-4222-8333-444444444444", SLAAC = "0d0d0d0d-1111-4222-8333-444444444444";

    @Test
    void servesDhcpEnabledV4AndStatefulV6SubnetsOnly() {
        SubnetState off = new SubnetState(SUB2, 4, "10.78.0.0/24", null, false, List.of(), List.of(), null, null);
        SubnetState stateful = new SubnetState(V6, 6, "fd00:1::/64", "fd00:1::1", true, List.of(), List.of(),
                "dhcpv6-stateful", "dhcpv6-stateful");
        SubnetState slaac = new SubnetState(SLAAC, 6, "fd00:2::/64", "fd00:2::1", true, List.of(), List.of(), "slaac",
                "slaac");
        NetworkState n = network(NET, "local", null, null, true,
                List.of(subnet(SUB, "10.77.0.0/24", "10.77.0.1"), off, stateful, slaac), List.of());
        assertThat(DhcpPlanner.servedSubnets(n)).extracting(SubnetState::id).containsExactly(SUB, V6);
    }

    @Test
    void leavesOutSecondV4AddressesOfAMacDuplicatesAndStrayAddresses() {
        PortState twoIps = new PortState("a0000000-0000-4000-8000-000000000001", NET, "fa:16:3e:00:00:01",
                "compute:nova", "", "", true, 1450, List.of(new PortState.FixedIp(SUB, "10.77.0.10"),
                new PortState.FixedIp(SUB2, "10.78.0.10")));
        PortState duplicate = port("a0000000-0000-4000-8000-000000000002", NET, "fa:16:3e:00:00:02", "", "", SUB,
                "10.77.0.10");
        PortState outside = port("a0000000-0000-4000-8000-000000000003", NET, "fa:16:3e:00:00:03", "", "", SUB,
                "10.99.0.5");
        PortState badMac = port("a0000000-0000-4000-8000-000000000004", NET, "01:00:5e:00:00:01", "", "", SUB,
                "10.77.0.12");
        PortState good = port("a0000000-0000-4000-8000-000000000005", NET, "fa:16:3e:00:00:05", "", "", SUB,
                "10.77.0.13");
        NetworkState n = network(NET, "local", null, null, true, List.of(subnet(SUB, "10.77.0.0/24", "10.77.0.1"),
                subnet(SUB2, "10.78.0.0/24", "10.78.0.1")), List.of(twoIps, duplicate, outside, badMac, good));

        DhcpConfig c = DhcpPlanner.config(n, 600);
        assertThat(c.hosts()).extracting(h -> h.ip().toString()).containsExactly("10.77.0.10", "10.77.0.13");
        assertThat(c.hosts()).extracting(h -> h.hostname()).containsExactly("host-10-77-0-10", "host-10-77-0-13");
        assertThat(c.iface()).isEqualTo(ReconcilerTest.IN);
        assertThat(c.mtu()).isEqualTo(1450);
        assertThat(c.leaseSeconds()).isEqualTo(600);
    }

    @Test
    void domainAddressesTakeTheirSubnetsPrefix() {
        NetworkState n = network(NET, "local", null, null, true, List.of(subnet(SUB, "10.77.0.0/22", "10.77.0.1")),
                List.of());
        PortState dhcp = port("dddddddd-0000-4000-8000-000000000001", NET, "fa:16:3e:dd:00:01", "network:dhcp", "",
                SUB, "10.77.0.2");
        assertThat(DhcpPlanner.domainAddresses(DhcpPlanner.config(n, 600), dhcp))
                .containsExactly(Cidr.parse("10.77.0.2/22"));
    }

    @Test
    void ipv6HostNamesUseDashesAndImpossibleLabelsAreDropped() {
        assertThat(DhcpPlanner.hostname(IpAddress.parse("fd00:1::5"))).isEqualTo("host-fd00-1--5");
        assertThat(DhcpPlanner.hostname(IpAddress.parse("fd00:1::"))).isNull();
    }

    @Test
    void namesFitIfnamsizAndTheHelpersPrefixes() {
        assertThat(List.of(InterfaceNames.bridge(NET), InterfaceNames.vlan(NET), InterfaceNames.vxlan(NET),
                InterfaceNames.domainOutside(NET), InterfaceNames.domainInside(NET)))
                .containsExactly("apb-5a1e0c2b7d4", "apl-5a1e0c2b7d4", "apx-5a1e0c2b7d4", "apv-5a1e0c2b7do",
                        "apv-5a1e0c2b7di")
                .allSatisfy(name -> assertThat(name).hasSizeLessThanOrEqualTo(15));
    }
}
