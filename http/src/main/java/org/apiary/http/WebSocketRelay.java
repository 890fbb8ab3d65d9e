package org.apiary.http;

import io.helidon.common.buffers.BufferData;
import io.helidon.http.HeaderNames;
import io.helidon.http.HttpPrologue;
import io.helidon.http.WritableHeaders;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.websocket.WsRouting;
import io.helidon.websocket.WsCloseCodes;
import io.helidon.websocket.WsListener;
import io.helidon.websocket.WsSession;
import io.helidon.websocket.WsUpgradeException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A WebSocket endpoint that joins each connection to a byte stream an {@link Opener} grants for it, as websockify
 * does for Nova's console proxies: what the far end writes goes to the client in binary frames, what the client
 * sends (binary or text frames) goes to the far end, and either side closing closes the other. The opener decides
 * at the HTTP upgrade, from the request's query, so a refused connection never becomes a WebSocket (Helidon
 * answers the upgrade with a 4xx). The {@code binary} subprotocol is accepted when the client offers it.
 * This is the only place besides {@link ApiServer} that sees Helidon.
 */
public final class WebSocketRelay implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WebSocketRelay.class);
    static final String BINARY = "binary";

    /** The far end of one connection. */
    public interface Stream extends AutoCloseable {
        /** Reads the far end until it ends, handing every chunk to {@code sink}; then returns. */
        void pump(Consumer<ByteBuffer> sink) throws IOException;

        void write(ByteBuffer bytes) throws IOException;

        @Override
        void close();
    }

    /** Grants a stream for a connection, or refuses it. */
    @FunctionalInterface
    public interface Opener {
        /** @param query the upgrade request's query parameters (first value of each) */
        Stream open(Map<String, String> query) throws Refused;
    }

    /** A refused connection; the message is logged, not sent (it may name hosts or guests). */
    public static final class Refused extends Exception {
        public Refused(String message) {
            super(message);
        }
    }

    private final WebServer server;

    private WebSocketRelay(WebServer server) {
        this.server = server;
    }

    /** Listens on {@code host:port} (0: any free port) and relays connections to any path. */
    public static WebSocketRelay start(String host, int port, String name, Opener opener) {
        WebServer ws = WebServer.builder()
                .host(host)
                .port(port)
                .shutdownHook(false)
                .addRouting(WsRouting.builder().endpoint("/*", () -> new Connection(opener, name)))
                .build()
                .start();
        if (!ws.isRunning() || ws.port() <= 0) {
            ws.stop();
            throw new IllegalStateException("cannot listen on " + host + ":" + port + " for the " + name
                    + " (address in use or not permitted)");
        }
        return new WebSocketRelay(ws);
    }

    public int port() {
        return server.port();
    }

    @Override
    public void close() {
        server.stop();
    }

    /** One WebSocket connection: its stream is granted at the upgrade, pumped from the open on. */
    private static final class Connection implements WsListener {
        private final Opener opener;
        private final String name;
        private volatile Stream stream;

        Connection(Opener opener, String name) {
            this.opener = opener;
            this.name = name;
        }

        @Override
        public Optional<io.helidon.http.Headers> onHttpUpgrade(HttpPrologue prologue, io.helidon.http.Headers headers)
                throws WsUpgradeException {
            Map<String, String> query = new LinkedHashMap<>();
            for (String n : prologue.query().names()) {
                query.put(n, prologue.query().get(n));
            }
            try {
                stream = opener.open(query);
            } catch (Refused e) {
                LOG.info("{}: connection refused: {}", name, e.getMessage());
                throw new WsUpgradeException("refused");
            }
            boolean binary = headers.first(HeaderNames.create("Sec-WebSocket-Protocol"))
                    .map(v -> Arrays.stream(v.split(",")).map(String::strip).anyMatch(BINARY::equals)).orElse(false);
            if (!binary) {
                return Optional.empty();
            }
            WritableHeaders<?> out = WritableHeaders.create();
            out.set(HeaderNames.create("Sec-WebSocket-Protocol"), BINARY);
            return Optional.of(out);
        }

        @Override
        public void onOpen(WsSession session) {
            Stream s = stream;
            if (s == null) {
                session.close(WsCloseCodes.VIOLATED_POLICY, "no console");
                return;
            }
            Thread.ofVirtual().name(name + "-relay").start(() -> {
                try {
                    s.pump(chunk -> {
                        byte[] b = new byte[chunk.remaining()];
                        chunk.get(b);
                        synchronized (session) {
                            session.send(BufferData.create(b), true);
                        }
                    });
                } catch (IOException | RuntimeException e) {
                    LOG.debug("{}: far end ended: {}", name, e.toString());
                }
                s.close();
                synchronized (session) {
                    try {
                        session.close(WsCloseCodes.NORMAL_CLOSE, "console closed");
                    } catch (RuntimeException e) {
                        LOG.debug("{}: closing a closed session: {}", name, e.toString());
                    }
                }
            });
        }

        @Override
        public void onMessage(WsSession session, BufferData data, boolean last) {
            byte[] b = new byte[data.available()];
            data.read(b);
            forward(session, ByteBuffer.wrap(b));
        }

        @Override
        public void onMessage(WsSession session, String text, boolean last) {
            forward(session, ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
        }

        private void forward(WsSession session, ByteBuffer bytes) {
            try {
                stream.write(bytes);
            } catch (IOException e) {
                stream.close();
                synchronized (session) {
                    session.close(WsCloseCodes.NORMAL_CLOSE, "console closed");
                }
            }
        }

        @Override
        public void onClose(WsSession session, int status, String reason) {
            Stream s = stream;
            if (s != null) {
                s.close();
            }
        }

        @Override
        public void onError(WsSession session, Throwable t) {
            LOG.debug("{}: connection error: {}", name, t.toString());
            onClose(session, WsCloseCodes.UNEXPECTED_CONDITION, "error");
        }
    }
}
