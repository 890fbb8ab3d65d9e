package org.apiary.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apiary.common.config.Config;
import org.apiary.privhelper.HelperOptions;
import org.apiary.privhelper.client.PrivilegedHelper;
import org.apiary.privhelper.client.SocketHelperClient;
import org.apiary.privhelper.ops.HostFacts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * all-in-one's privileged side: when run as root with [helper] enabled, starts `apiary helper` as
 * a child process (same JVM binary and class path) on its own socket in a 0750 directory under the
 * data directory, waits until it answers, and hands back a client. The rest of the all-in-one
 * process still never runs a host command itself. Otherwise it says plainly that host features are
 * off and why.
 */
final class HelperLauncher {
    private static final Logger LOG = LoggerFactory.getLogger(HelperLauncher.class);
    private static final Duration START_WAIT = Duration.ofSeconds(60);

    private HelperLauncher() {}

    /** The helper client, or empty (with the reason printed) when host features are off. */
    static Optional<PrivilegedHelper> start(Config config, Path dataDir, List<AutoCloseable> open) {
        String reason = unavailable(config);
        if (reason != null) {
            System.out.println("host features off: " + reason + "; networks and servers are recorded by the APIs "
                    + "but nothing is realized on this host");
            return Optional.empty();
        }
        try {
            return Optional.of(spawn(config, dataDir, open));
        } catch (IOException | RuntimeException e) {
            System.out.println("host features off: the helper did not start (" + e.getMessage() + "); networks and "
                    + "servers are recorded by the APIs but nothing is realized on this host");
            return Optional.empty();
        }
    }

    /** Why the helper cannot run here, or null. */
    static String unavailable(Config config) {
        if (!config.get(HelperOptions.ENABLED)) {
            return "[helper] enabled = false";
        }
        if (!"root".equals(System.getProperty("user.name"))) {
            return "not running as root (the helper is the only privileged process and needs root)";
        }
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        List<String> needed = os.contains("freebsd")
                ? List.of("/sbin/ifconfig", "/usr/sbin/jail", "/usr/sbin/bhyve", "/usr/sbin/bhyvectl",
                        "/usr/local/sbin/dnsmasq")
                : os.contains("linux") ? List.of("/usr/bin/qemu-system-x86_64", "/usr/bin/qemu-img", "/usr/sbin/dnsmasq")
                : null;
        if (needed == null) {
            return "no helper backend for " + System.getProperty("os.name");
        }
        if (os.contains("linux") && !Files.isExecutable(Path.of("/usr/sbin/ip")) && !Files.isExecutable(Path.of("/sbin/ip"))) {
            return "ip (iproute2) is missing";
        }
        for (String b : needed) {
            if (!Files.isExecutable(Path.of(b))) {
                return b + " is missing";
            }
        }
        return null;
    }

    private static PrivilegedHelper spawn(Config config, Path dataDir, List<AutoCloseable> open) throws IOException {
        Path run = dataDir.resolve("helper-run");
        Files.createDirectories(run);
        Files.setPosixFilePermissions(run, PosixFilePermissions.fromString("rwxr-x---"));
        Path socket = run.resolve("helper.sock");
        Path conf = run.resolve("helper.conf");
        String group = Files.readAttributes(dataDir, java.nio.file.attribute.PosixFileAttributes.class).group().getName();
        StringBuilder ini = new StringBuilder("[helper]\n");
        ini.append("socket_path = ").append(socket).append('\n');
        ini.append("socket_group = ").append(group).append('\n');
        ini.append("agent_user = root\nallow_root = true\n");
        ini.append("state_dir = ").append(dir(config, HelperOptions.STATE_DIR, defaultStateDir(dataDir))).append('\n');
        ini.append("disk_root = ").append(dir(config, HelperOptions.DISK_ROOT, dataDir.resolve("disks"))).append('\n');
        ini.append("guest_state_dir = ").append(dir(config, HelperOptions.GUEST_STATE_DIR, dataDir.resolve("guests")))
                .append('\n');
        ini.append("zfs_dataset = ").append(config.get(HelperOptions.ZFS_DATASET)).append('\n');
        ini.append("physical_interfaces = ").append(String.join(",", config.get(HelperOptions.PHYSICAL_INTERFACES)))
                .append('\n');
        Files.writeString(conf, ini.toString());
        Files.setPosixFilePermissions(conf, PosixFilePermissions.fromString("rw-------"));

        // The helper holds no data: a small heap keeps the root process small.
        List<String> argv = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m", "-cp", System.getProperty("java.class.path"), ApiaryMain.class.getName(), "helper",
                "--config", conf.toString(), "--data-dir", dataDir.toString()));
        Files.deleteIfExists(socket);
        Process child = new ProcessBuilder(argv).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dataDir.resolve("helper.log").toFile())).start();
        open.add(0, () -> stop(child));
        SocketHelperClient client = new SocketHelperClient(socket);
        long deadline = System.nanoTime() + START_WAIT.toNanos();
        while (true) {
            if (!child.isAlive()) {
                throw new IOException("it exited with status " + child.exitValue() + "; see " + dataDir.resolve("helper.log"));
            }
            if (Files.exists(socket)) {
                try {
                    client.call(new HostFacts());
                    break;
                } catch (RuntimeException e) {
                    client.close(); // not accepting yet
                }
            }
            if (System.nanoTime() > deadline) {
                child.destroyForcibly();
                throw new IOException("no answer on " + socket + " within " + START_WAIT.toSeconds() + "s");
            }
            sleep();
        }
        open.add(0, client);
        LOG.info("helper started (pid {}) on {}", child.pid(), socket);
        System.out.println("  privileged helper        " + socket + " (pid " + child.pid() + ")");
        return client;
    }

    /**
     * Not under the data directory: that is 0700 (it holds the database and keys), and dnsmasq,
     * which drops root for nobody, must still read its hosts file there when a SIGHUP tells it
     * to. One directory per data directory, so that two all-in-ones on one host do not meet.
     */
    static Path defaultStateDir(Path dataDir) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(dataDir.toAbsolutePath().normalize().toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return Path.of("/var/lib/apiary/all-in-one-" + java.util.HexFormat.of().formatHex(digest, 0, 6));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /**
     * Fills in the helper's disk root and guest state directory for an all-in-one whose config does
     * not name them (the defaults under its data directory), and the compute agent's state directory,
     * so the agent and the helper it starts agree on where guests' files are.
     */
    static void defaultDirectories(Config config, Path dataDir) {
        if (!config.isSet(HelperOptions.DISK_ROOT)) {
            config.with(HelperOptions.DISK_ROOT, dataDir.resolve("disks").toString());
        }
        if (!config.isSet(HelperOptions.GUEST_STATE_DIR)) {
            config.with(HelperOptions.GUEST_STATE_DIR, dataDir.resolve("guests").toString());
        }
        if (!config.isSet(org.apiary.agent.compute.ComputeAgentOptions.STATE_DIR)) {
            config.with(org.apiary.agent.compute.ComputeAgentOptions.STATE_DIR, dataDir.resolve("compute").toString());
        }
    }

    private static String dir(Config config, org.apiary.common.config.ConfigOption<String> option, Path fallback) {
        return config.isSet(option) ? config.get(option) : fallback.toString();
    }

    private static void stop(Process child) throws InterruptedException {
        if (child.isAlive()) {
            child.destroy();
            if (!child.waitFor(10, TimeUnit.SECONDS)) {
                child.destroyForcibly();
            }
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
