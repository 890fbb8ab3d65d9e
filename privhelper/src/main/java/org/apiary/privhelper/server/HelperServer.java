package org.apiary.privhelper.server;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.apiary.privhelper.protocol.ErrorCode;
import org.apiary.privhelper.protocol.Frames;
import org.apiary.privhelper.protocol.HelperException;
import org.apiary.privhelper.protocol.Wire;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The UNIX socket front of the helper: a root-owned 0750 directory holding a 0660 socket whose
 * group is the agents' group; the kernel-reported peer user is checked on every connection before
 * a byte is read. Each connection is served on a virtual thread; a frame must arrive completely
 * within the read timeout or the connection is closed, so a stalled peer holds nothing.
 */
public final class HelperServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HelperServer.class);

    public record Options(Path socket, String group, int maxFrameBytes, Duration readTimeout) {}

    private final Options options;
    private final PeerPolicy policy;
    private final HelperService service;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "helper-timeouts");
        t.setDaemon(true);
        return t;
    });
    private ServerSocketChannel server;
    private Thread acceptor;

    public HelperServer(Options options, PeerPolicy policy, HelperService service) {
        this.options = options;
        this.policy = policy;
        this.service = service;
    }

    public void start() throws IOException {
        Path dir = options.socket().getParent();
        Files.createDirectories(dir);
        if (Files.isSymbolicLink(dir)) {
            throw new IOException(dir + " is a symlink; refusing to put the helper socket there");
        }
        secure(dir, "rwxr-x---");
        Files.deleteIfExists(options.socket());
        server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(options.socket()));
        secure(options.socket(), "rw-rw----");
        acceptor = Thread.ofPlatform().name("helper-accept").daemon().start(this::acceptLoop);
        LOG.info("helper listening on {} (group {}, peer credentials {})", options.socket(), options.group(),
                PeerPolicy.credentialsSupported() ? "checked" : "NOT available: socket permissions only");
    }

    private void secure(Path p, String mode) throws IOException {
        if (Files.isSymbolicLink(p)) {
            throw new IOException(p + " is a symlink");
        }
        // Path-based chmod/chown: a socket cannot be opened with O_NOFOLLOW (ENXIO). The directory
        // was secured first, so nobody else can swap the socket for a link in between.
        PosixFileAttributeView view = Files.getFileAttributeView(p, PosixFileAttributeView.class);
        GroupPrincipal g = p.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByGroupName(options.group());
        view.setGroup(g);
        view.setPermissions(PosixFilePermissions.fromString(mode));
    }

    private void acceptLoop() {
        while (server.isOpen()) {
            try {
                SocketChannel ch = server.accept();
                Thread.ofVirtual().name("helper-conn").start(() -> serve(ch));
            } catch (IOException e) {
                if (server.isOpen()) {
                    LOG.warn("accept failed", e);
                }
            }
        }
    }

    private void serve(SocketChannel ch) {
        Peer peer = PeerPolicy.identify(ch);
        Peer shown = peer == null ? Peer.UNKNOWN : peer;
        try (ch) {
            if (!policy.allows(ch)) {
                service.refusedPeer(shown);
                Frames.write(ch, Wire.error(ErrorCode.FORBIDDEN_PEER, "peer " + shown
                        + " is not the configured agent user"));
                return;
            }
            while (true) {
                byte[] body;
                ScheduledFuture<?> deadline = timer.schedule(() -> closeQuietly(ch),
                        options.readTimeout().toMillis(), TimeUnit.MILLISECONDS);
                try {
                    body = Frames.read(ch, options.maxFrameBytes());
                } catch (HelperException e) {
                    service.badFrame(shown, e.getMessage());
                    Frames.write(ch, Wire.error(e.code(), e.getMessage()));
                    return; // after a framing error the stream position is unknown: close
                } finally {
                    deadline.cancel(false);
                }
                if (body == null) {
                    return;
                }
                Frames.write(ch, service.handle(shown, body));
            }
        } catch (IOException e) {
            LOG.debug("connection from {} ended: {}", shown, e.toString());
        }
    }

    private static void closeQuietly(SocketChannel ch) {
        try {
            ch.close();
        } catch (IOException ignored) {
            // already closing
        }
    }

    @Override
    public void close() throws IOException {
        if (server != null) {
            server.close();
            Files.deleteIfExists(options.socket());
        }
        timer.shutdownNow();
    }
}
