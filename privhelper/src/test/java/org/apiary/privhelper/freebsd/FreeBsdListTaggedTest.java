package org.apiary.privhelper.freebsd;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.apiary.privhelper.freebsd.sim.FreeBsdSim;
import org.apiary.privhelper.host.Command;
import org.apiary.privhelper.host.HelperSettings;
import org.apiary.privhelper.ops.*;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** list_tagged on the simulated FreeBSD host: only what carries our prefix, cloner group and tag. */
class FreeBsdListTaggedTest {
    static final String NET = FreeBsdScenarioTest.NET, PORT = FreeBsdScenarioTest.PORT;

    @TempDir
    Path state;

    final FreeBsdSim sim = new FreeBsdSim();

    @Test
    void listsOnlyOurTaggedObjects() {
        FreeBsdBackend b = sim.backend(new HelperSettings(state, Set.of("em0")));
        assertThat(b.apply(new ListTagged()).toString()).isEqualTo("{\"bridges\":[],\"taps\":[],\"vlans\":[],"
                + "\"vxlans\":[],\"domains\":[],\"dhcp\":[],\"guests\":[]}");
        b.apply(new BridgeEnsure("apb-net1", NET));
        b.apply(new TapCreate("apt-port1", PORT));
        b.apply(new VlanEnsure("apl-100", "em0", 100, NET));
        b.apply(new VxlanEnsure("apx-5000", 5000, IpAddress.parse("192.0.2.1"), IpAddress.parse("192.0.2.2"), null,
                null, NET));
        b.apply(new DomainEnsure(NET, "apv-net1o", "apv-net1i"));
        b.apply(new DhcpStart(new DhcpConfig(NET, "apv-net1i", List.of(new DhcpSubnet(FreeBsdScenarioTest.SUBNET,
                Cidr.parse("10.0.0.0/24"), null, List.of())), List.of(), 600, 0)));
        // Look-alikes that are not ours: a tap with our prefix but someone else's description, a
        // bridge with our prefix and no description, and a jail whose name is not apiary-<uuid>.
        String foreignTap = sim.run(Command.of("/sbin/ifconfig", "tap", "create")).stdout().strip();
        sim.run(Command.of("/sbin/ifconfig", foreignTap, "name", "apt-foreign"));
        sim.run(Command.of("/sbin/ifconfig", "apt-foreign", "description", "apiary:not-a-uuid"));
        String bare = sim.run(Command.of("/sbin/ifconfig", "bridge", "create")).stdout().strip();
        sim.run(Command.of("/sbin/ifconfig", bare, "name", "apb-bare"));
        sim.run(Command.of("/usr/sbin/jail", "-c", "name=apiary-web", "persist", "vnet"));

        JsonNode l = b.apply(new ListTagged());
        assertThat(l.get("bridges").toString()).isEqualTo("[{\"name\":\"apb-net1\",\"owner\":\"" + NET + "\"}]");
        assertThat(l.get("taps").toString()).isEqualTo("[{\"name\":\"apt-port1\",\"owner\":\"" + PORT + "\"}]");
        assertThat(l.get("vlans").toString()).isEqualTo("[{\"name\":\"apl-100\",\"owner\":\"" + NET + "\"}]");
        assertThat(l.get("vxlans").toString()).isEqualTo("[{\"name\":\"apx-5000\",\"owner\":\"" + NET + "\"}]");
        assertThat(l.get("domains").toString()).isEqualTo("[{\"owner\":\"" + NET + "\"}]");
        assertThat(l.get("dhcp").toString()).isEqualTo("[{\"owner\":\"" + NET + "\",\"running\":true}]");
        assertThat(sim.log()).contains("/sbin/ifconfig -a", "/usr/sbin/jls name");

        b.apply(new DhcpStop(NET));
        b.apply(new DomainDelete(NET));
        assertThat(b.apply(new ListTagged()).get("domains")).isEmpty();
        assertThat(b.apply(new ListTagged()).get("dhcp")).isEmpty();
        assertThat(sim.violations()).isEmpty();
    }

    @Test
    void parsesIfconfigAllLayout() {
        String out = "em0: flags=8843<UP,BROADCAST,RUNNING,SIMPLEX,MULTICAST> metric 0 mtu 1500\n"
                + "\toptions=4e527bb<RXCSUM,TXCSUM>\n\tether 58:9c:fc:00:00:01\n"
                + "apb-n: flags=8843<UP,BROADCAST,RUNNING,SIMPLEX,MULTICAST> metric 0 mtu 1500\n"
                + "\tdescription: apiary:" + NET + "\n\tether 58:9c:fc:10:ff:aa\n\tid 00:00:00:00:00:00 priority 32768\n"
                + "\tmember: apt-p flags=143<LEARNING,DISCOVER,AUTOEDGE,AUTOPTP>\n\tgroups: bridge\n"
                + "\tnd6 options=9<PERFORMNUD,IFDISABLED>\n";
        List<String[]> blocks = FreeBsdBackend.ifconfigBlocks(out);
        assertThat(blocks).hasSize(2);
        assertThat(blocks.get(0)).containsExactly("em0", null, "");
        assertThat(blocks.get(1)).containsExactly("apb-n", "apiary:" + NET, "bridge");
    }
}
