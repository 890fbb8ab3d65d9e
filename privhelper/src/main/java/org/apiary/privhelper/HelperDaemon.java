package org.apiary.privhelper;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Locale;
import org.apiary.common.config.Config;
import org.apiary.privhelper.freebsd.FreeBsdBackend;
import org.apiary.privhelper.host.HelperSettings;
import org.apiary.privhelper.host.HostBackend;
import org.apiary.privhelper.host.ProcessRunner;
import org.apiary.privhelper.linux.LinuxBackend;
import org.apiary.privhelper.linux.LinuxBinaries;
import org.apiary.privhelper.server.AuditLog;
import org.apiary.privhelper.server.HelperServer;
import org.apiary.privhelper.server.HelperService;
import org.apiary.privhelper.server.PeerPolicy;

/** Wires the helper from configuration: the host's backend, the service and the socket server. */
public final class HelperDaemon {
    private HelperDaemon() {}

    public static HelperServer start(Config config) throws IOException {
        if (!"root".equals(System.getProperty("user.name"))) {
            throw new IllegalStateException("the helper must run as root (it is the only privileged process)");
        }
        HelperSettings settings = new HelperSettings(Path.of(config.get(HelperOptions.STATE_DIR)),
                new HashSet<>(config.get(HelperOptions.PHYSICAL_INTERFACES)), Path.of(config.get(HelperOptions.DISK_ROOT)),
                Path.of(config.get(HelperOptions.GUEST_STATE_DIR)), config.get(HelperOptions.ZFS_DATASET),
                config.get(HelperOptions.SOCKET_GROUP));
        HostBackend backend = backendFor(System.getProperty("os.name"), settings);
        PeerPolicy policy = new PeerPolicy(config.get(HelperOptions.AGENT_USER), config.get(HelperOptions.ALLOW_ROOT),
                config.get(HelperOptions.TRUST_SOCKET_PERMISSIONS));
        HelperServer server = new HelperServer(new HelperServer.Options(Path.of(config.get(HelperOptions.SOCKET_PATH)),
                config.get(HelperOptions.SOCKET_GROUP), config.get(HelperOptions.MAX_MESSAGE_BYTES),
                Duration.ofSeconds(config.get(HelperOptions.READ_TIMEOUT_SECONDS))), policy,
                new HelperService(backend, new AuditLog()));
        server.start();
        return server;
    }

    static HostBackend backendFor(String osName, HelperSettings settings) {
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.contains("linux")) {
            return new LinuxBackend(new ProcessRunner(), LinuxBinaries.detect(), settings);
        }
        if (os.contains("freebsd")) {
            return new FreeBsdBackend(new ProcessRunner(), settings);
        }
        throw new IllegalStateException("no helper backend for " + osName);
    }
}
