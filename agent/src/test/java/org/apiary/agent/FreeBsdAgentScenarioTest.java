package org.apiary.agent;

import static org.apiary.agent.ScriptedController.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apiary.network.rpc.NetworkState;
import org.apiary.network.rpc.PortState;
import org.apiary.network.rpc.SubnetState;
import org.junit.jupiter.api.Test;

/**
 * The agent against the FreeBSD backend on the FreeBSD host simulator: the same desired-state
 * changes as on Linux must become if_bridge, vlan, epair, VNET jail and jexec'd dnsmasq commands
 * that the simulator's man-page grammar accepts, and leave the host empty at the end.
 */
class FreeBsdAgentScenarioTest {
    static final String NET = ReconcilerTest.NET, SUB = ReconcilerTest.SUB, SUB2 = ReconcilerTest.SUB2;
    static final String JAIL = "apiary-" + NET;

    final Path stateDir = state();
    final SimulatedFreeBsdHelper helper = new SimulatedFreeBsdHelper(stateDir, Set.of("em0"));

    @org.junit.jupiter.api.AfterEach
    void removeStateDir() throws java.io.IOException {
        try (var files = java.nio.file.Files.walk(stateDir)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                java.nio.file.Files.deleteIfExists(p);
            }
        }
    }
    final ScriptedController controller = new ScriptedController();

    static Path state() {
        try {
            return java.nio.file.Files.createTempDirectory("apiary-agent-freebsd");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    NetworkAgent agent() {
        return new NetworkAgent(new AgentSettings(HOST, Map.of("physnet1", "em0"), null, null, null, null, 86400,
                Duration.ofSeconds(30), Duration.ofSeconds(60), "nova"), helper, controller);
    }

    /** The simulator's command log of one step. */
    List<String> argvOf(Runnable step) {
        int before = helper.sim.log().size();
        step.run();
        List<String> log = helper.sim.log();
        return log.subList(before, log.size());
    }

    static String dnsmasqStart() {
        return "/usr/sbin/jexec " + JAIL + " /usr/local/sbin/dnsmasq ";
    }

    @Test
    void networkLifecycleOnFreeBsd() {
        NetworkAgent agent = agent();
        PortState vm1 = ReconcilerTest.vm1();
        SubnetState s1 = subnet(SUB, "10.77.0.0/24", "10.77.0.1");
        String br = ReconcilerTest.BR, in = ReconcilerTest.IN, out = ReconcilerTest.OUT, vlan = ReconcilerTest.VLAN;

        controller.put(net(List.of(s1), List.of(vm1)));
        List<String> created = argvOf(() -> assertThat(agent.syncNow().failures()).isZero());
        assertThat(created).contains(
                "/sbin/ifconfig bridge create",
                "/sbin/ifconfig vlan create vlan 100 vlandev em0",
                "/sbin/ifconfig " + br + " addm " + vlan,
                "/sbin/ifconfig epair create",
                "/usr/sbin/jail -c name=" + JAIL + " path=/ host.hostname=" + JAIL + " persist vnet",
                "/sbin/ifconfig " + in + " vnet " + JAIL,
                "/sbin/ifconfig " + br + " addm " + out,
                "/usr/sbin/jexec " + JAIL + " /sbin/ifconfig " + in + " inet 10.77.0.2/24 alias");
        assertThat(created).filteredOn(l -> l.startsWith(dnsmasqStart())).singleElement().asString()
                .contains("--dhcp-range=set:subnet-" + SUB + ",10.77.0.0,static,255.255.255.0,86400s",
                        "--dhcp-option-force=option:mtu,1450", "--bind-dynamic");
        assertThat(helper.sim.describe(br)).contains("desc=apiary:" + NET, vlan, out);
        assertThat(helper.sim.describe(in)).contains("jail=" + JAIL, "10.77.0.2/24");
        assertThat(helper.sim.dnsmasqCount()).isEqualTo(1);

        PortState vm2 = port(ReconcilerTest.VM2, NET, "fa:16:3e:00:00:02", "compute:nova", "host-b", SUB, "10.77.0.11");
        controller.put(net(List.of(s1), List.of(vm1, vm2)));
        List<String> portAdded = argvOf(() -> assertThat(agent.syncNow().failures()).isZero());
        assertThat(portAdded).anyMatch(l -> l.startsWith("/bin/pkill -HUP -F ") && l.endsWith(" -j " + JAIL + " dnsmasq"))
                .noneMatch(l -> l.startsWith(dnsmasqStart()) || l.contains("-TERM"));

        controller.put(net(List.of(s1, subnet(SUB2, "10.78.0.0/24", "10.78.0.1")), List.of(vm1, vm2)));
        List<String> subnetAdded = argvOf(() -> assertThat(agent.syncNow().failures()).isZero());
        assertThat(subnetAdded).contains("/usr/sbin/jexec " + JAIL + " /sbin/ifconfig " + in + " inet 10.78.0.2/24 alias")
                .anyMatch(l -> l.startsWith("/bin/pkill -TERM -F ") && l.endsWith(" -j " + JAIL + " dnsmasq"));
        assertThat(subnetAdded).filteredOn(l -> l.startsWith(dnsmasqStart())).singleElement().asString()
                .contains(",10.77.0.0,static,", ",10.78.0.0,static,");
        assertThat(helper.sim.dnsmasqCount()).isEqualTo(1);

        controller.remove(NET);
        List<String> deleted = argvOf(() -> assertThat(agent.syncNow().failures()).isZero());
        assertThat(deleted).contains("/sbin/ifconfig " + in + " -vnet " + JAIL, "/usr/sbin/jail -r " + JAIL,
                "/sbin/ifconfig " + vlan + " destroy", "/sbin/ifconfig " + br + " destroy");
        assertThat(helper.sim.violations()).isEmpty();
        assertThat(helper.sim.leftovers()).isEmpty();
    }

    @Test
    void aRestartedAgentRemovesOrphansFoundByTagAndRestartsWhatItKeeps() {
        String gone = "7c3a2e4d-9f6b-4a0c-9d5e-3f4051627384";
        controller.put(net(List.of(subnet(SUB, "10.77.0.0/24", "10.77.0.1")), List.of(ReconcilerTest.vm1())));
        controller.put(network(gone, "local", null, null, true, List.of(subnet(SUB2, "10.78.0.0/24", "10.78.0.1")),
                List.of()));
        assertThat(agent().syncNow().failures()).isZero();
        assertThat(helper.sim.dnsmasqCount()).isEqualTo(2);

        // The agent stops; meanwhile one network is deleted; a new agent process starts.
        controller.remove(gone);
        List<String> restart = argvOf(() -> assertThat(agent().syncNow().failures()).isZero());
        assertThat(restart).contains("/usr/sbin/jail -r apiary-" + gone, "/sbin/ifconfig apb-7c3a2e4d9f6 destroy")
                .doesNotContain("/usr/sbin/jail -r " + JAIL, "/sbin/ifconfig " + ReconcilerTest.BR + " destroy");
        // The kept network's dnsmasq is restarted with the current configuration, not trusted as is.
        assertThat(restart).anyMatch(l -> l.startsWith("/bin/pkill -TERM -F ") && l.endsWith(" -j " + JAIL + " dnsmasq"))
                .anyMatch(l -> l.startsWith(dnsmasqStart()));
        assertThat(helper.sim.dnsmasqCount()).isEqualTo(1);
        assertThat(helper.sim.jailExists("apiary-" + gone)).isFalse();
        assertThat(helper.sim.violations()).isEmpty();
    }

    static NetworkState net(List<SubnetState> subnets, List<PortState> ports) {
        return network(NET, "vlan", "physnet1", 100, true, subnets, ports);
    }
}
