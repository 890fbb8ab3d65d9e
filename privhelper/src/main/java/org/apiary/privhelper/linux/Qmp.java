package org.apiary.privhelper.linux;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apiary.privhelper.protocol.ErrorCode;
import org.apiary.privhelper.protocol.HelperException;
import org.apiary.privhelper.protocol.Printable;
import org.apiary.privhelper.protocol.Wire;

/**
 * The helper's one connection to a QEMU's QMP socket (QEMU serves one client at a time, so the
 * helper keeps it for the guest's life): greeting, qmp_capabilities, then commands answered in
 * order. A reader thread keeps the last SHUTDOWN event's reason ("guest-reset", "guest-shutdown",
 * "host-qmp-system-reset", …), which tells a reboot from a power-off when QEMU exits
 * (-no-reboot makes both exit 0).
 */
final class Qmp implements AutoCloseable {
    private final SocketChannel channel;
    private final BlockingQueue<JsonNode> replies = new LinkedBlockingQueue<>();
    private volatile String shutdownReason;

    private Qmp(SocketChannel channel) {
        this.channel = channel;
    }

    /** Connects once the socket accepts, or gives up when the deadline passes or {@code alive} turns false. */
    static Qmp connect(Path socket, Duration wait, java.util.function.BooleanSupplier alive) {
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            try {
                SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
                try {
                    ch.connect(UnixDomainSocketAddress.of(socket));
                } catch (IOException e) {
                    ch.close();
                    throw e;
                }
                Qmp q = new Qmp(ch);
                q.handshake();
                return q;
            } catch (IOException e) {
                if (System.nanoTime() > deadline || !alive.getAsBoolean()) {
                    throw new HelperException(ErrorCode.HOST_COMMAND_FAILED, "QMP socket " + socket + " did not answer: "
                            + e.getMessage());
                }
                try {
                    Thread.sleep(50);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw new HelperException(ErrorCode.HOST_COMMAND_FAILED, "interrupted waiting for QMP");
                }
            }
        }
    }

    private void handshake() throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(Channels.newInputStream(channel),
                StandardCharsets.UTF_8));
        String greeting = in.readLine();
        if (greeting == null || !greeting.contains("\"QMP\"")) {
            throw new IOException("no QMP greeting");
        }
        Thread.ofVirtual().name("qmp-reader").start(() -> readLoop(in));
        execute("qmp_capabilities");
    }

    private void readLoop(BufferedReader in) {
        try {
            String line;
            while ((line = in.readLine()) != null) {
                JsonNode n = Wire.MAPPER.readTree(line);
                if (n.has("event")) {
                    if ("SHUTDOWN".equals(n.path("event").asText())) {
                        shutdownReason = n.path("data").path("reason").asText(null);
                    }
                } else if (n.has("return") || n.has("error")) {
                    replies.add(n);
                }
            }
        } catch (IOException e) {
            // QEMU exited or we closed: nothing more to read
        }
    }

    /** Runs one QMP command without arguments and waits for its answer. */
    synchronized JsonNode execute(String command) {
        try {
            byte[] msg = ("{\"execute\":\"" + command + "\"}\n").getBytes(StandardCharsets.UTF_8);
            ByteBuffer b = ByteBuffer.wrap(msg);
            while (b.hasRemaining()) {
                channel.write(b);
            }
            JsonNode reply = replies.poll(10, TimeUnit.SECONDS);
            if (reply == null) {
                throw new HelperException(ErrorCode.HOST_COMMAND_FAILED, "QMP " + command + ": no answer in 10s");
            }
            if (reply.has("error")) {
                throw new HelperException(ErrorCode.HOST_COMMAND_FAILED, "QMP " + command + ": "
                        + Printable.of(reply.path("error").path("desc").asText(), 200));
            }
            return reply.get("return");
        } catch (IOException e) {
            throw new HelperException(ErrorCode.HOST_COMMAND_FAILED, "QMP " + command + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HelperException(ErrorCode.HOST_COMMAND_FAILED, "interrupted during QMP " + command);
        }
    }

    String shutdownReason() {
        return shutdownReason;
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // closing a dead connection
        }
    }
}
