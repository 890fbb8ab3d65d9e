package org.apiary.privhelper.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apiary.privhelper.client.SocketHelperClient;
import org.apiary.privhelper.freebsd.FreeBsdBackend;
import org.apiary.privhelper.freebsd.sim.FreeBsdSim;
import org.apiary.privhelper.host.HelperSettings;
import org.apiary.privhelper.ops.BridgeEnsure;
import org.apiary.privhelper.ops.HostFacts;
import org.apiary.privhelper.protocol.Frames;
import org.apiary.privhelper.protocol.HelperException;
import org.apiary.privhelper.protocol.Wire;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The socket front: framing limits, timeouts and the peer check, over a real UNIX socket (simulated host). */
class HelperServerTest {
    @TempDir
    Path tmp;

    final FreeBsdSim sim = new FreeBsdSim();
    final List<String> audit = new ArrayList<>();
    HelperServer server;
    Path socket;

    HelperServer start(boolean allowCurrentUser) throws Exception {
        socket = tmp.resolve("run/helper.sock");
        String me = System.getProperty("user.name");
        String group = Files.getAttribute(tmp, "posix:group").toString();
        // The agent is "me" or, to test refusal, a user that is not me (with root not allowed).
        PeerPolicy policy = new PeerPolicy(allowCurrentUser ? me : (me.equals("nobody") ? "daemon" : "nobody"),
                false, false);
        HelperService service = new HelperService(sim.backend(new HelperSettings(tmp.resolve("state"),
                Set.of())), new AuditLog(audit::add));
        server = new HelperServer(new HelperServer.Options(socket, group, 1024, Duration.ofMillis(500)), policy, service);
        server.start();
        return server;
    }

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void typedCallsRoundTrip() throws Exception {
        start(true);
        try (SocketHelperClient c = new SocketHelperClient(socket)) {
            assertThat(c.call(new HostFacts()).get("os").asText()).isEqualTo("freebsd");
            assertThat(c.call(new BridgeEnsure("apb-1", HostileCorpus.NET)).get("changed").asBoolean()).isTrue();
        }
        assertThat(sim.hasInterface("apb-1")).isTrue();
        assertThat(audit).anyMatch(l -> l.contains("op=bridge_ensure") && l.contains("result=ok")
                && l.contains("duration_ms="));
    }

    @Test
    void wrongPeerIsRefusedBeforeAnyRequestIsRead() throws Exception {
        start(false);
        try (SocketHelperClient c = new SocketHelperClient(socket)) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> c.call(new BridgeEnsure("apb-1",
                    HostileCorpus.NET))).isInstanceOfSatisfying(HelperException.class,
                            e -> assertThat(e.code().wire()).isEqualTo("forbidden_peer"));
        }
        assertThat(sim.log()).isEmpty();
        assertThat(audit).anyMatch(l -> l.contains("result=forbidden_peer"));
    }

    @Test
    void oversizedFrameIsRefusedAndTheConnectionClosed() throws Exception {
        start(true);
        JsonNode r = rawExchange(ByteBuffer.allocate(4).putInt(1025).flip());
        assertThat(r.at("/error/code").asText()).isEqualTo("bad_frame");
        assertThat(r.at("/error/message").asText()).contains("exceeds the maximum of 1024");
    }

    @Test
    void zeroAndNegativeLengthsAreRefused() throws Exception {
        start(true);
        assertThat(rawExchange(ByteBuffer.allocate(4).putInt(0).flip()).at("/error/code").asText()).isEqualTo("bad_frame");
        assertThat(rawExchange(ByteBuffer.allocate(4).putInt(-7).flip()).at("/error/code").asText())
                .isEqualTo("bad_frame");
    }

    @Test
    void truncatedFrameIsRefusedWhenThePeerHangsUpOrStalls() throws Exception {
        start(true);
        try (SocketChannel ch = connect()) {
            ch.write(ByteBuffer.allocate(10).putInt(100).put("{\"op\"".getBytes()).flip());
            ch.shutdownOutput();
            assertThat(Wire.MAPPER.readTree(Frames.read(ch, 4096)).at("/error/message").asText())
                    .isEqualTo("truncated frame");
        }
        try (SocketChannel ch = connect()) {
            ch.write(ByteBuffer.allocate(6).putInt(100).put("{\"".getBytes()).flip());
            // Stalled peer: the read timeout (500 ms) closes the connection; nothing is executed.
            long t0 = System.nanoTime();
            int n;
            try {
                n = ch.read(ByteBuffer.allocate(64));
            } catch (java.net.SocketException reset) {
                n = -1; // closed with our unread bytes pending: the kernel reports a reset
            }
            assertThat(n).isLessThanOrEqualTo(0);
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(3));
        }
        assertThat(sim.log()).isEmpty();
    }

    @Test
    void socketAndDirectoryModes() throws Exception {
        start(true);
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(socket.getParent()))).isEqualTo("rwxr-x---");
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(socket)))
                .isEqualTo("rw-rw----");
    }

    private SocketChannel connect() throws Exception {
        SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
        ch.connect(UnixDomainSocketAddress.of(socket));
        return ch;
    }

    private JsonNode rawExchange(ByteBuffer bytes) throws Exception {
        try (SocketChannel ch = connect()) {
            ch.write(bytes);
            JsonNode reply = Wire.MAPPER.readTree(Frames.read(ch, 4096));
            assertThat(ch.read(ByteBuffer.allocate(1))).as("closed after a framing error").isEqualTo(-1);
            return reply;
        }
    }
}
