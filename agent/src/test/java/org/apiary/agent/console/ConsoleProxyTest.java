package org.apiary.agent.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.lang.reflect.Proxy;
import java.net.StandardProtocolFamily;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apiary.compute.rpc.ConductorRpc;
import org.apiary.compute.rpc.ConsoleTarget;
import org.apiary.host.spi.Hypervisor;
import org.apiary.host.spi.SerialConsole;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console proxy with a real WebSocket client (java.net.http) against a guest console stand-in on a UNIX
 * socket, as QEMU's chardev is: it prints a login prompt and echoes what it gets. The controller is a table of
 * tokens it vouches for; tokens it does not know (bad, expired) get null, as the real one answers.
 */
class ConsoleProxyTest {
    static final String HOST = "host-a";
    static final String GUEST = "6f1c2a3b-4d5e-4f60-8172-839405162738";
    static final String STOPPED_GUEST = "00000000-1111-4222-8333-444444444444";

    @TempDir
    Path tmp;
    EchoConsole guest;
    final Map<String, ConsoleTarget> tokens = new ConcurrentHashMap<>();
    final List<String> registrations = new CopyOnWriteArrayList<>();
    ConsoleProxy proxy;
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws IOException {
        guest = new EchoConsole(tmp.resolve("console.sock"));
        tokens.put("good", new ConsoleTarget(GUEST, HOST, "serial"));
        tokens.put("elsewhere", new ConsoleTarget(GUEST, "host-b", "serial"));
        tokens.put("novnc", new ConsoleTarget(GUEST, HOST, "novnc"));
        tokens.put("stopped", new ConsoleTarget(STOPPED_GUEST, HOST, "serial"));
        proxy = ConsoleProxy.start(new ConsoleProxySettings(true, "ws://127.0.0.1:6083/", "127.0.0.1", 0), HOST,
                hypervisor(), conductor()).orElseThrow();
    }

    @AfterEach
    void stop() throws IOException {
        proxy.close();
        guest.close();
    }

    ConductorRpc conductor() {
        return (ConductorRpc) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {ConductorRpc.class},
                (p, m, args) -> switch (m.getName()) {
                    case "validateConsoleToken" -> tokens.get((String) args[0]);
                    case "registerConsoleProxy" -> {
                        registrations.add(args[0] + " " + args[1]);
                        yield null;
                    }
                    case "toString" -> "test conductor";
                    default -> throw new UnsupportedOperationException(m.getName());
                });
    }

    /** A driver whose only guest with a console is {@link #GUEST}. */
    Hypervisor hypervisor() {
        return hypervisor(true);
    }

    Hypervisor hypervisor(boolean offersConsoles) {
        return (Hypervisor) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Hypervisor.class},
                (p, m, args) -> switch (m.getName()) {
                    case "offersSerialConsoles" -> offersConsoles;
                    case "serialConsole" -> args[0].equals(GUEST)
                            ? Optional.of(new SerialConsole(guest.path, "test chardev")) : Optional.empty();
                    case "type" -> "test";
                    case "toString" -> "test hypervisor";
                    default -> throw new UnsupportedOperationException(m.getName());
                });
    }

    URI url(String token) {
        return URI.create("ws://127.0.0.1:" + proxy.port() + "/" + (token == null ? "" : "?token=" + token));
    }

    @Test
    void registersItsBaseUrlWithTheController() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (registrations.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(registrations).first().isEqualTo(HOST + " ws://127.0.0.1:6083/");
    }

    @Test
    void withoutABaseUrlItRegistersTheAddressItListensOn() throws InterruptedException {
        registrations.clear();
        try (ConsoleProxy p = ConsoleProxy.start(new ConsoleProxySettings(true, null, "127.0.0.1", 0), HOST,
                hypervisor(), conductor()).orElseThrow()) {
            assertThat(p.baseUrl()).isEqualTo("ws://127.0.0.1:" + p.port() + "/");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (!registrations.contains(HOST + " " + p.baseUrl()) && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(registrations).contains(HOST + " " + p.baseUrl());
        }
        assertThat(ConsoleProxy.start(new ConsoleProxySettings(false, null, "127.0.0.1", 0), HOST, hypervisor(),
                conductor())).isEmpty();
        assertThat(ConsoleProxy.start(new ConsoleProxySettings(true, null, "127.0.0.1", 0), HOST, hypervisor(false),
                conductor())).as("a driver without consoles (fake) gets no proxy").isEmpty();
        assertThatThrownBy(() -> new ConsoleProxySettings(true, null, "0.0.0.0", 6083))
                .hasMessageContaining("base_url must be set");
        assertThatThrownBy(() -> new ConsoleProxySettings(true, "http://h/", "127.0.0.1", 6083))
                .hasMessageContaining("ws:// or wss://");
    }

    @Test
    void aValidTokenRelaysBothWays() throws Exception {
        Client c = new Client();
        WebSocket ws = http.newWebSocketBuilder().subprotocols("binary").buildAsync(url("good"), c)
                .get(10, TimeUnit.SECONDS);
        assertThat(ws.getSubprotocol()).isEqualTo("binary");
        assertThat(c.readUntil("login: ")).isEqualTo("login: ");
        ws.sendBinary(ByteBuffer.wrap("root\n".getBytes(StandardCharsets.UTF_8)), true).get(5, TimeUnit.SECONDS);
        assertThat(c.readUntil("root\n")).isEqualTo("root\n");
        ws.sendText("uname\n", true).get(5, TimeUnit.SECONDS); // text frames reach the guest too
        assertThat(c.readUntil("uname\n")).isEqualTo("uname\n");
        assertThat(c.binaryOnly).isTrue();
        // The token stays good until it expires (as in Nova): a second session with it works too.
        ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(5, TimeUnit.SECONDS);
        assertThat(guest.awaitDisconnect()).as("client close closes the console connection").isTrue();
        Client again = new Client();
        http.newWebSocketBuilder().buildAsync(url("good"), again).get(10, TimeUnit.SECONDS);
        assertThat(again.readUntil("login: ")).isEqualTo("login: ");
    }

    @Test
    void theGuestSideClosingClosesTheWebSocket() throws Exception {
        Client c = new Client();
        http.newWebSocketBuilder().buildAsync(url("good"), c).get(10, TimeUnit.SECONDS);
        assertThat(c.readUntil("login: ")).isEqualTo("login: ");
        guest.dropClients();
        assertThat(c.closed.get(10, TimeUnit.SECONDS)).isEqualTo(WebSocket.NORMAL_CLOSURE);
    }

    @Test
    void refusesWithoutAValidTokenForThisHostsRunningGuest() {
        for (String token : new String[] {null, "", "bogus", "expired-or-unknown", "elsewhere", "novnc",
                "stopped"}) {
            assertThatThrownBy(() -> http.newWebSocketBuilder().buildAsync(url(token), new Client())
                    .get(10, TimeUnit.SECONDS))
                    .as("token %s", token)
                    .isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOfSatisfying(WebSocketHandshakeException.class,
                            e -> assertThat(e.getResponse().statusCode()).isBetween(400, 499));
        }
        assertThat(guest.connections).as("no refused client reached the console").isZero();
    }

    @Test
    void refusesABrowserPageFromAnotherOrigin() throws Exception {
        // Cross-site WebSocket hijacking: Helidon's upgrade refuses an Origin that is not the Host it was reached at.
        assertThatThrownBy(() -> http.newWebSocketBuilder().header("Origin", "http://evil.example")
                .buildAsync(url("good"), new Client()).get(10, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause().isInstanceOfSatisfying(WebSocketHandshakeException.class,
                        e -> assertThat(e.getResponse().statusCode()).isEqualTo(403));
        assertThat(guest.connections).as("the refused page never reached the console").isZero();
        Client same = new Client();
        http.newWebSocketBuilder().header("Origin", "http://127.0.0.1:" + proxy.port())
                .buildAsync(url("good"), same).get(10, TimeUnit.SECONDS);
        assertThat(same.readUntil("login: ")).as("a page served from the proxy's own address").isEqualTo("login: ");
    }

    /** Collects what the proxy sends. */
    static final class Client implements WebSocket.Listener {
        final LinkedBlockingQueue<String> chunks = new LinkedBlockingQueue<>();
        final CompletableFuture<Integer> closed = new CompletableFuture<>();
        volatile boolean binaryOnly = true;
        private final StringBuilder pending = new StringBuilder();

        @Override
        public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
            byte[] b = new byte[data.remaining()];
            data.get(b);
            chunks.add(new String(b, StandardCharsets.UTF_8));
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            binaryOnly = false;
            chunks.add(data.toString());
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int status, String reason) {
            closed.complete(status);
            return null;
        }

        /** What arrived up to and including {@code end}. */
        String readUntil(String end) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (pending.indexOf(end) < 0 && System.nanoTime() < deadline) {
                String c = chunks.poll(100, TimeUnit.MILLISECONDS);
                if (c != null) {
                    pending.append(c);
                }
            }
            int i = pending.indexOf(end);
            if (i < 0) {
                return pending.toString();
            }
            String out = pending.substring(0, i + end.length());
            pending.delete(0, i + end.length());
            return out;
        }
    }

    /** The guest's console: a UNIX socket server that prompts and echoes, one client at a time. */
    static final class EchoConsole implements AutoCloseable {
        final Path path;
        final ServerSocketChannel server;
        final List<SocketChannel> clients = new CopyOnWriteArrayList<>();
        final LinkedBlockingQueue<Boolean> disconnects = new LinkedBlockingQueue<>();
        volatile int connections;

        EchoConsole(Path path) throws IOException {
            this.path = path;
            server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            server.bind(UnixDomainSocketAddress.of(path));
            Thread.ofVirtual().start(this::serve);
        }

        private void serve() {
            while (server.isOpen()) {
                try {
                    SocketChannel c = server.accept();
                    connections++;
                    clients.add(c);
                    Thread.ofVirtual().start(() -> echo(c));
                } catch (IOException e) {
                    return;
                }
            }
        }

        private void echo(SocketChannel c) {
            try (c) {
                c.write(ByteBuffer.wrap("login: ".getBytes(StandardCharsets.UTF_8)));
                ByteBuffer buf = ByteBuffer.allocate(1024);
                while (c.read(buf) >= 0) {
                    buf.flip();
                    c.write(buf);
                    buf.clear();
                }
            } catch (IOException e) {
                // dropped
            }
            clients.remove(c);
            disconnects.add(true);
        }

        boolean awaitDisconnect() throws InterruptedException {
            return Boolean.TRUE.equals(disconnects.poll(10, TimeUnit.SECONDS));
        }

        void dropClients() throws IOException {
            for (SocketChannel c : clients) {
                c.close();
            }
        }

        @Override
        public void close() throws IOException {
            server.close();
            dropClients();
        }
    }
}
