package org.apiary.privhelper.freebsd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.apiary.privhelper.freebsd.sim.FreeBsdSim;
import org.apiary.privhelper.host.HelperSettings;
import org.apiary.privhelper.ops.*;
import org.apiary.privhelper.protocol.ErrorCode;
import org.apiary.privhelper.protocol.HelperException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same network scenario the Linux real-host test runs, against the FreeBSD host simulator:
 * every argv must satisfy the man-page grammar the simulator enforces, no impossible sequence may
 * be attempted, and the host must end as it started.
 */
class FreeBsdScenarioTest {
    static final String NET = "11111111-2222-4333-8444-555555555555", PORT = "aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee";
    static final String SUBNET = "99999999-8888-4777-8666-555555555555";
    static final String JAIL = "apiary-" + NET;

    @TempDir
    Path state;

    final FreeBsdSim sim = new FreeBsdSim();

    FreeBsdBackend backend() {
        return sim.backend(new HelperSettings(state, Set.of("em0")));
    }

    @Test
    void networkWithDhcpInAVnetJailComesAndGoesCleanly() {
        FreeBsdBackend b = backend();
        b.apply(new KernelFeatureEnable(KernelFeatureEnable.Feature.BRIDGE));
        b.apply(new SysctlSet(SysctlSet.Key.BRIDGE_FILTER, 1));
        b.apply(new BridgeEnsure("apb-net1", NET));
        assertThat(b.apply(new BridgeEnsure("apb-net1", NET)).get("changed").asBoolean()).isFalse();
        b.apply(new TapCreate("apt-port1", PORT));
        b.apply(new BridgeAddMember("apb-net1", "apt-port1", NET));
        b.apply(new VlanEnsure("apl-100", "em0", 100, NET));
        b.apply(new BridgeAddMember("apb-net1", "apl-100", NET));
        b.apply(new VxlanEnsure("apx-5000", 5000, IpAddress.parse("192.0.2.1"), IpAddress.parse("192.0.2.2"), null,
                null, NET));
        b.apply(new DomainEnsure(NET, "apv-net1o", "apv-net1i"));
        b.apply(new DomainEnsure(NET, "apv-net1o", "apv-net1i")); // idempotent
        b.apply(new BridgeAddMember("apb-net1", "apv-net1o", NET));
        b.apply(new DomainAddressAdd(NET, "apv-net1i", Cidr.parse("10.0.0.2/24")));
        b.apply(new DomainAddressAdd(NET, "apv-net1i", Cidr.parse("10.0.0.2/24")));
        b.apply(new DomainRouteAdd(NET, Cidr.parse("0.0.0.0/0"), IpAddress.parse("10.0.0.1")));
        DhcpConfig dhcp = new DhcpConfig(NET, "apv-net1i", List.of(new DhcpSubnet(SUBNET, Cidr.parse("10.0.0.0/24"),
                IpAddress.parse("10.0.0.1"), List.of(IpAddress.parse("10.0.0.1")))),
                List.of(new DhcpHost(Mac.parse("fa:16:3e:00:00:01"), IpAddress.parse("10.0.0.10"), "vm1")), 86400, 1450);
        b.apply(new DhcpStart(dhcp));
        b.apply(new DhcpStart(dhcp)); // already running: reload, not a second daemon
        b.apply(new DhcpReload(dhcp));
        b.apply(new FirewallApply("apt-port1", PORT, List.of(new FirewallRule(FirewallRule.Direction.INGRESS,
                FirewallRule.Family.IPV4, FirewallRule.Protocol.TCP, 22, 22, Cidr.parse("203.0.113.0/24")))));

        assertThat(sim.describe("apb-net1")).contains("bridge", "desc=apiary:" + NET, "apt-port1", "apv-net1o",
                "apl-100");
        assertThat(sim.describe("apv-net1i")).contains("jail=" + JAIL, "10.0.0.2/24");
        assertThat(sim.dnsmasqCount()).isEqualTo(1);
        assertThat(sim.anchor("apiary/apt-port1")).isEqualTo(
                "pass out quick on apt-port1 inet proto tcp from 203.0.113.0/24 to any port 22:22 keep state\n"
                        + "block drop on apt-port1 all\n");
        assertThat(sim.log()).contains("/sbin/ifconfig vlan create vlan 100 vlandev em0",
                "/usr/sbin/jail -c name=" + JAIL + " path=/ host.hostname=" + JAIL + " persist vnet",
                "/sbin/ifconfig apv-net1i vnet " + JAIL);

        b.apply(new DhcpStop(NET));
        assertThat(sim.dnsmasqCount()).isZero();
        b.apply(new DomainDelete(NET));
        b.apply(new BridgeRemoveMember("apb-net1", "apt-port1", NET));
        b.apply(new TapDelete("apt-port1", PORT));
        b.apply(new VlanDelete("apl-100", NET));
        b.apply(new VxlanDelete("apx-5000", NET));
        b.apply(new BridgeDelete("apb-net1", NET));
        assertThat(b.apply(new BridgeDelete("apb-net1", NET)).get("changed").asBoolean()).isFalse();

        assertThat(sim.violations()).isEmpty();
        // The pf anchor stays until the port's rules are replaced; everything else is gone.
        assertThat(sim.leftovers()).containsExactly("anchor apiary/apt-port1");
    }

    @Test
    void refusesWhatIsNotOursWithoutTryingIt() {
        FreeBsdBackend b = backend();
        b.apply(new BridgeEnsure("apb-net1", NET));
        refused(() -> b.apply(new BridgeDelete("apb-net1", PORT)), ErrorCode.NOT_OURS);
        refused(() -> b.apply(new BridgeAddMember("apb-none", "apt-port1", NET)), ErrorCode.CONFLICT);
        refused(() -> b.apply(new BridgeAddMember("apb-net1", "apt-port1", NET)), ErrorCode.CONFLICT);
        refused(() -> b.apply(new VlanEnsure("apl-7", "em1", 7, NET)), ErrorCode.INVALID_ARGUMENT);
        refused(() -> b.apply(new DomainAddressAdd(NET, "apv-x", Cidr.parse("10.0.0.2/24"))), ErrorCode.CONFLICT);
        refused(() -> b.apply(new DhcpReload(new DhcpConfig(NET, "apv-x", List.of(), List.of(), 600, 0))),
                ErrorCode.CONFLICT);
        b.apply(new BridgeDelete("apb-net1", NET));
        assertThat(sim.violations()).isEmpty();
        assertThat(sim.leftovers()).isEmpty();
        assertThat(sim.describe("bridge0")).contains("desc=uplink");
    }

    @Test
    void simulatorRejectsImpossibleSequences() {
        assertThat(sim.run(org.apiary.privhelper.host.Command.of("/sbin/ifconfig", "apb-x", "addm", "apt-y")).ok())
                .isFalse();
        assertThat(sim.run(org.apiary.privhelper.host.Command.of("/sbin/ifconfig", "em0", "destroy")).ok()).isFalse();
        assertThat(sim.run(org.apiary.privhelper.host.Command.of("/sbin/ifconfig", "bridge0", "addm", "em0")).ok())
                .isFalse();
        assertThat(sim.run(org.apiary.privhelper.host.Command.of("/usr/sbin/jail", "-c", "name=j", "persist", "vnet"))
                .ok()).isTrue();
        assertThat(sim.run(org.apiary.privhelper.host.Command.of("/usr/sbin/jail", "-c", "name=j", "persist", "vnet"))
                .ok()).isFalse();
        assertThat(sim.run(org.apiary.privhelper.host.Command.of("/sbin/ifconfig", "tap", "create")).stdout())
                .isEqualTo("tap0\n");
        assertThat(sim.run(org.apiary.privhelper.host.Command.of("/sbin/ifconfig", "tap0", "vnet", "nojail")).ok())
                .isFalse();
        assertThat(sim.run(org.apiary.privhelper.host.Command.of("/sbin/ifconfig", "vlan", "create", "vlan", "5000",
                "vlandev", "em0")).ok()).isFalse();
        assertThat(sim.violations()).hasSize(6);
    }

    private static void refused(Runnable r, ErrorCode code) {
        assertThatThrownBy(r::run).isInstanceOfSatisfying(HelperException.class,
                e -> assertThat(e.code()).isEqualTo(code));
    }
}
