package org.apiary.privhelper.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apiary.privhelper.client.SocketHelperClient;
import org.apiary.privhelper.host.HelperSettings;
import org.apiary.privhelper.host.ProcessRunner;
import org.apiary.privhelper.ops.HostFacts;
import org.apiary.privhelper.protocol.ErrorCode;
import org.apiary.privhelper.protocol.HelperException;
import org.apiary.privhelper.server.AuditLog;
import org.apiary.privhelper.server.HelperServer;
import org.apiary.privhelper.server.HelperService;
import org.apiary.privhelper.server.PeerPolicy;
import org.junit.jupiter.api.Test;

/**
 * The helper for real, on this Linux host, as root: an in-process helper that accepts only the
 * user "nobody", and a client run as nobody (runuser) in a child JVM, so every host change below
 * is reached only through the socket from an unprivileged process. Only interfaces and a namespace
 * this test creates (random names) are touched; cleanup is in finally. Skipped unless root with
 * ip, runuser and dnsmasq present.
 */
class LinuxRealHostTest {
    private static final String IP = "/usr/sbin/ip";

    @Test
    void unprivilegedAgentDrivesBridgeTapNamespaceAndDnsmasqThroughTheSocket() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root");
        assumeTrue(Files.isExecutable(Path.of(IP)) && Files.isExecutable(Path.of("/usr/sbin/runuser"))
                && Files.isExecutable(Path.of("/usr/sbin/dnsmasq")), "needs ip, runuser, dnsmasq");
        String sfx = Long.toHexString(Double.doubleToLongBits(Math.random())).substring(0, 6);
        String bridge = "apb-it" + sfx, tap = "apt-it" + sfx, out = "apv-o" + sfx, in = "apv-i" + sfx;
        String net = UUID.randomUUID().toString(), port = UUID.randomUUID().toString();
        String ns = "apiary-" + net;
        Path work = Files.createTempDirectory("apiary-helper-it");
        Files.setPosixFilePermissions(work, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path socket = work.resolve("run").resolve("helper.sock");
        Path cp = clientClasspath(work);
        LinuxBackend backend = new LinuxBackend(new ProcessRunner(), LinuxBinaries.detect(),
                new HelperSettings(work.resolve("state"), Set.of()));
        List<String> audit = new ArrayList<>();
        HelperService service = new HelperService(backend, new AuditLog(audit::add));
        try (HelperServer server = new HelperServer(new HelperServer.Options(socket, "nogroup", 65536,
                Duration.ofSeconds(10)), new PeerPolicy("nobody", false, false), service)) {
            server.start();
            assertThat(Files.getPosixFilePermissions(socket.getParent()))
                    .isEqualTo(PosixFilePermissions.fromString("rwxr-x---"));
            assertThat(Files.getPosixFilePermissions(socket)).isEqualTo(PosixFilePermissions.fromString("rw-rw----"));

            ok(cp, socket, "bridge_ensure", "{\"name\":\"" + bridge + "\",\"owner\":\"" + net + "\"}");
            ok(cp, socket, "tap_create", "{\"name\":\"" + tap + "\",\"owner\":\"" + port + "\"}");
            ok(cp, socket, "bridge_add_member", "{\"bridge\":\"" + bridge + "\",\"member\":\"" + tap
                    + "\",\"owner\":\"" + net + "\"}");
            ok(cp, socket, "domain_ensure", "{\"owner\":\"" + net + "\",\"outside\":\"" + out + "\",\"inside\":\""
                    + in + "\"}");
            ok(cp, socket, "bridge_add_member", "{\"bridge\":\"" + bridge + "\",\"member\":\"" + out
                    + "\",\"owner\":\"" + net + "\"}");
            ok(cp, socket, "domain_address_add", "{\"owner\":\"" + net + "\",\"iface\":\"" + in
                    + "\",\"address\":\"10.251.7.2/24\"}");
            String subnet = UUID.randomUUID().toString();
            String dhcp = "{\"owner\":\"" + net + "\",\"iface\":\"" + in + "\",\"leaseSeconds\":600,"
                    + "\"subnets\":[{\"id\":\"" + subnet + "\",\"cidr\":\"10.251.7.0/24\",\"gateway\":\"10.251.7.1\"}],"
                    + "\"hosts\":[{\"mac\":\"fa:16:3e:00:00:01\",\"ip\":\"10.251.7.10\",\"hostname\":\"vm1\"}]}";
            ok(cp, socket, "dhcp_start", dhcp);

            assertThat(sh(IP, "-o", "link", "show", "dev", tap)).contains("master " + bridge, "alias apiary:" + port);
            assertThat(sh(IP, "-o", "link", "show", "dev", out)).contains("master " + bridge);
            assertThat(sh(IP, "-n", ns, "-o", "addr", "show", "dev", in)).contains("10.251.7.2/24");
            Path stateDir = work.resolve("state").resolve("dhcp-" + net);
            assertThat(Files.readString(stateDir.resolve("host"))).isEqualTo(
                    "fa:16:3e:00:00:01,vm1.openstacklocal,10.251.7.10\n");
            long pid = waitForPid(stateDir.resolve("pid"));
            assertThat(ProcessHandle.of(pid)).isPresent();
            assertThat(Files.readString(Path.of("/proc", String.valueOf(pid), "cmdline"))).contains("dnsmasq");
            assertThat(Files.readSymbolicLink(Path.of("/proc", String.valueOf(pid), "ns", "net")))
                    .isNotEqualTo(Files.readSymbolicLink(Path.of("/proc/self/ns/net")));

            ok(cp, socket, "dhcp_reload", dhcp);
            ok(cp, socket, "dhcp_stop", "{\"owner\":\"" + net + "\"}");
            assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();

            // A foreign owner may not delete the bridge; an operator's interface is refused outright.
            String refused = run(cp, socket, "bridge_delete", "{\"name\":\"" + bridge + "\",\"owner\":\"" + port + "\"}");
            assertThat(refused).contains("not_ours");
            assertThat(run(cp, socket, "tap_delete", "{\"name\":\"eth0\",\"owner\":\"" + port + "\"}"))
                    .contains("invalid_argument");

            ok(cp, socket, "domain_delete", "{\"owner\":\"" + net + "\"}");
            ok(cp, socket, "tap_delete", "{\"name\":\"" + tap + "\",\"owner\":\"" + port + "\"}");
            ok(cp, socket, "bridge_delete", "{\"name\":\"" + bridge + "\",\"owner\":\"" + net + "\"}");
            assertThat(exists(bridge) || exists(tap) || exists(out)).isFalse();
            assertThat(sh(IP, "netns", "list")).doesNotContain(ns);

            // Another uid is refused before any request is read, and so is root here (allowRoot=false).
            // Socket mode 0660 keeps out users outside the group; peer credentials refuse the rest.
            assertThat(runAs("daemon", null, cp, socket, "host_facts", "{}")).contains("Permission denied");
            assertThat(runAs("daemon", "nogroup", cp, socket, "host_facts", "{}")).contains("forbidden_peer");
            try (SocketHelperClient asRoot = new SocketHelperClient(socket)) {
                org.assertj.core.api.Assertions.assertThatThrownBy(() -> asRoot.call(new HostFacts()))
                        .isInstanceOfSatisfying(HelperException.class,
                                e -> assertThat(e.code()).isEqualTo(ErrorCode.FORBIDDEN_PEER));
            }
            assertThat(audit).anyMatch(l -> l.startsWith("peer=nobody:nogroup op=bridge_ensure")
                    && l.contains("result=ok"));
        } finally {
            for (String i : List.of(tap, out, bridge)) {
                new ProcessBuilder(IP, "link", "del", "dev", i).redirectErrorStream(true).start().waitFor();
            }
            new ProcessBuilder(IP, "netns", "delete", ns).redirectErrorStream(true).start().waitFor();
            try {
                long pid = Long.parseLong(Files.readString(work.resolve("state/dhcp-" + net + "/pid")).trim());
                ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy);
            } catch (IOException | NumberFormatException ignored) {
                // dnsmasq never started or was stopped
            }
        }
    }

    private static boolean exists(String ifname) throws Exception {
        return new ProcessBuilder(IP, "link", "show", "dev", ifname).redirectErrorStream(true).start().waitFor() == 0;
    }

    private static long waitForPid(Path pidFile) throws Exception {
        for (int i = 0; i < 50; i++) {
            if (Files.exists(pidFile) && !Files.readString(pidFile).isBlank()) {
                return Long.parseLong(Files.readString(pidFile).trim());
            }
            Thread.sleep(100);
        }
        throw new AssertionError("dnsmasq wrote no pid file");
    }

    private static void ok(Path cp, Path socket, String op, String args) throws Exception {
        String r = run(cp, socket, op, args);
        assertThat(r).as(op).startsWith("0:").contains("\"changed\"");
    }

    private static String run(Path cp, Path socket, String op, String args) throws Exception {
        return runAs("nobody", null, cp, socket, op, args);
    }

    /** Runs HelperCli as another user; returns "exit:stdout+stderr". */
    private static String runAs(String user, String group, Path cp, Path socket, String op, String args)
            throws Exception {
        List<String> argv = new ArrayList<>(List.of("/usr/sbin/runuser", "-u", user));
        if (group != null) {
            argv.addAll(List.of("-g", group));
        }
        argv.addAll(List.of("--", Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-Xshare:auto", "-cp", cp + "/*:" + cp + "/classes",
                "org.apiary.privhelper.client.HelperCli", socket.toString(), op, args));
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return p.exitValue() + ":" + output;
    }

    private static String sh(String... argv) throws Exception {
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String s = new String(p.getInputStream().readAllBytes());
        p.waitFor();
        return s;
    }

    /** The client's classes and Jackson, copied where "nobody" can read them. */
    private static Path clientClasspath(Path work) throws IOException {
        Path cp = Files.createDirectories(work.resolve("cp"));
        for (String entry : System.getProperty("java.class.path").split(":")) {
            Path p = Path.of(entry);
            if (entry.contains("jackson") && entry.endsWith(".jar")) {
                Files.copy(p, cp.resolve(p.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            } else if (entry.endsWith("privhelper/target/classes")) {
                copyTree(p, cp.resolve("classes"));
            }
        }
        try (var all = Files.walk(work)) {
            for (Path p : all.toList()) {
                Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(
                        Files.isDirectory(p) ? "rwxr-xr-x" : "rw-r--r--"));
            }
        }
        return cp;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (var all = Files.walk(from)) {
            for (Path p : all.toList()) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
