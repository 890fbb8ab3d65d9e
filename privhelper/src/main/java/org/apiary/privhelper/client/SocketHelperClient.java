package org.apiary.privhelper.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.Locale;
import org.apiary.privhelper.ops.Op;
import org.apiary.privhelper.protocol.ErrorCode;
import org.apiary.privhelper.protocol.Frames;
import org.apiary.privhelper.protocol.HelperException;
import org.apiary.privhelper.protocol.Wire;

/** The agent side of the socket: one connection, one request at a time, reconnecting when closed. */
public final class SocketHelperClient implements PrivilegedHelper {
    private final Path socket;
    private SocketChannel channel;

    public SocketHelperClient(Path socket) {
        this.socket = socket;
    }

    @Override
    public synchronized JsonNode call(Op op) {
        return send(Wire.request(op));
    }

    /** Sends raw bytes as one frame; for tests and the CLI. */
    public synchronized JsonNode send(byte[] body) {
        try {
            if (channel == null || !channel.isOpen()) {
                channel = SocketChannel.open(StandardProtocolFamily.UNIX);
                channel.connect(UnixDomainSocketAddress.of(socket));
            }
            IOException writeFailure = null;
            try {
                Frames.write(channel, body);
            } catch (IOException e) {
                // The helper may have answered and closed before reading (e.g. forbidden_peer):
                // its reply is still readable and says more than "broken pipe".
                writeFailure = e;
            }
            byte[] reply;
            try {
                reply = Frames.read(channel, 16 * 1024 * 1024);
            } catch (IOException | HelperException e) {
                if (writeFailure != null) {
                    throw writeFailure;
                }
                throw e;
            }
            if (reply == null) {
                close();
                throw new HelperException(ErrorCode.BAD_FRAME, "the helper closed the connection");
            }
            JsonNode n = Wire.MAPPER.readTree(reply);
            if (n.path("ok").asBoolean(false)) {
                return n.path("result");
            }
            if (!n.path("ok").isBoolean()) {
                throw new HelperException(ErrorCode.BAD_FRAME, "malformed reply from the helper");
            }
            JsonNode e = n.path("error");
            throw new HelperException(code(e.path("code").asText()), e.path("message").asText());
        } catch (IOException e) {
            close();
            throw new HelperException(ErrorCode.HOST_COMMAND_FAILED, "helper at " + socket + " unreachable: " + e);
        }
    }

    private static ErrorCode code(String wire) {
        try {
            return ErrorCode.valueOf(wire.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return ErrorCode.INTERNAL;
        }
    }

    @Override
    public synchronized void close() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // nothing to do
            }
            channel = null;
        }
    }
}
