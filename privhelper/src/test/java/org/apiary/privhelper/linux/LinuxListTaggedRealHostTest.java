package org.apiary.privhelper.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.apiary.privhelper.host.HelperSettings;
import org.apiary.privhelper.host.ProcessRunner;
import org.apiary.privhelper.ops.*;
import org.junit.jupiter.api.Test;

/**
 * list_tagged on this Linux host, as root: objects the helper created are listed with their
 * owners; look-alikes (our prefix without our tag, a foreign tag, a namespace that is not
 * apiary-&lt;uuid&gt;) are not. Only random names this test creates are touched.
 */
class LinuxListTaggedRealHostTest {
    private static final String IP = "/usr/sbin/ip";

    @Test
    void listsWhatWeTaggedAndNothingElse() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root");
        assumeTrue(Files.isExecutable(Path.of(IP)), "needs ip");
        String sfx = Long.toHexString(Double.doubleToLongBits(Math.random())).substring(0, 6);
        String bridge = "apb-lt" + sfx, tap = "apt-lt" + sfx, bare = "apb-lb" + sfx, foreign = "apt-lf" + sfx;
        String out = "apv-lo" + sfx, in = "apv-li" + sfx, oddNs = "apiary-lt" + sfx;
        String net = UUID.randomUUID().toString(), port = UUID.randomUUID().toString();
        Path state = Files.createTempDirectory("apiary-list-tagged");
        LinuxBackend b = new LinuxBackend(new ProcessRunner(), LinuxBinaries.detect(), new HelperSettings(state, Set.of()));
        try {
            b.apply(new BridgeEnsure(bridge, net));
            b.apply(new TapCreate(tap, port));
            b.apply(new DomainEnsure(net, out, in));
            sh(IP, "link", "add", "name", bare, "type", "bridge");
            sh(IP, "tuntap", "add", "dev", foreign, "mode", "tap");
            sh(IP, "link", "set", "dev", foreign, "alias", "apiary:someone-else");
            sh(IP, "netns", "add", oddNs);
            String stale = UUID.randomUUID().toString();
            Files.createDirectory(state.resolve("dhcp-" + stale)); // left by a crashed helper: not running

            JsonNode l = b.apply(new ListTagged());
            assertThat(l.get("bridges")).anyMatch(n -> n.toString().equals("{\"name\":\"" + bridge + "\",\"owner\":\""
                    + net + "\"}"));
            assertThat(l.get("taps")).anyMatch(n -> n.toString().equals("{\"name\":\"" + tap + "\",\"owner\":\""
                    + port + "\"}"));
            assertThat(l.get("domains")).anyMatch(n -> n.path("owner").asText().equals(net));
            assertThat(l.get("dhcp").toString()).isEqualTo("[{\"owner\":\"" + stale + "\",\"running\":false}]");
            assertThat(l.toString()).doesNotContain(bare, foreign, oddNs, out, in, "eth0", "\"lo\"");
            for (String list : List.of("bridges", "taps", "vlans", "vxlans")) {
                assertThat(l.get(list)).allMatch(n -> n.path("owner").asText().matches("[0-9a-f-]{36}"));
            }
        } finally {
            for (String i : List.of(tap, foreign, bare, out, bridge)) {
                sh(IP, "link", "del", "dev", i);
            }
            sh(IP, "netns", "delete", "apiary-" + net);
            sh(IP, "netns", "delete", oddNs);
        }
        assertThat(sh(IP, "-o", "link", "show")).doesNotContain(bridge, tap, bare, foreign);
    }

    private static String sh(String... argv) throws Exception {
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String s = new String(p.getInputStream().readAllBytes());
        p.waitFor();
        return s;
    }
}
