package org.apiary.agent.console;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.apiary.http.WebSocketRelay;

/** A guest's console reached through a UNIX stream socket (QEMU's chardev, or the agent's nmdm relay). */
final class UnixConsoleStream implements WebSocketRelay.Stream {
    private final SocketChannel channel;

    private UnixConsoleStream(SocketChannel channel) {
        this.channel = channel;
    }

    static UnixConsoleStream connect(Path socket) throws IOException {
        SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            ch.connect(UnixDomainSocketAddress.of(socket));
        } catch (IOException e) {
            ch.close();
            throw e;
        }
        return new UnixConsoleStream(ch);
    }

    @Override
    public void pump(Consumer<ByteBuffer> sink) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(8192);
        while (channel.read(buf) >= 0) {
            buf.flip();
            if (buf.hasRemaining()) {
                sink.accept(buf);
            }
            buf.clear();
        }
    }

    @Override
    public void write(ByteBuffer bytes) throws IOException {
        synchronized (channel) {
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
        }
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            // closing is all that is left to do
        }
    }
}
