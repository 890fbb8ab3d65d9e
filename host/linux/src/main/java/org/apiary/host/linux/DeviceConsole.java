package org.apiary.host.linux;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A guest console that is a terminal device (bhyve's nmdm(4) B side), held open by the agent: everything the guest
 * writes is appended to a log the agent owns (the last {@code logCap} bytes are kept) and copied to the one relay
 * session connected to an agent-owned UNIX socket (mode 0600), whose input goes to the device. So the console
 * proxy reaches a bhyve guest the same way as a QEMU one (a UNIX socket), and the guest's output is logged whether
 * or not anyone watches. A second session while one is connected is refused (closed at once).
 *
 * <p>The device is opened as it is: the helper's console_open made it group-accessible; its line discipline is the
 * host's business (nmdm(4) pairs are raw for bhyve).
 */
final class DeviceConsole implements AutoCloseable {
    /** The log keeps this much of the guest's most recent output (compacted when it grows half as much again). */
    static final long LOG_CAP = 1L << 20;
    private static final Logger LOG = LoggerFactory.getLogger(DeviceConsole.class);

    private final String uuid;
    private final Path device;
    private final Path log;
    private final Path socket;
    private final long logCap;
    private final Object logLock = new Object();
    /** Read and written through two channels: a FileChannel serialises its reads and writes. */
    private final FileChannel ttyIn;
    private final FileChannel ttyOut;
    private final ServerSocketChannel server;
    private FileChannel logFile;
    private volatile SocketChannel session;
    private volatile boolean closed;
    private volatile boolean ended;

    private DeviceConsole(String uuid, Path device, Path log, Path socket, long logCap) throws IOException {
        this.uuid = uuid;
        this.device = device;
        this.log = log;
        this.socket = socket;
        this.logCap = logCap;
        Files.createDirectories(socket.getParent());
        Files.deleteIfExists(socket); // left by an agent that stopped without closing
        this.ttyIn = FileChannel.open(device, StandardOpenOption.READ);
        FileChannel out = null;
        try {
            out = FileChannel.open(device, StandardOpenOption.WRITE);
            this.logFile = FileChannel.open(log, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND);
            this.server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            server.bind(UnixDomainSocketAddress.of(socket));
            Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-------"));
            this.ttyOut = out;
        } catch (IOException | RuntimeException e) {
            ttyIn.close();
            if (out != null) {
                out.close();
            }
            if (logFile != null) {
                logFile.close();
            }
            throw e;
        }
    }

    /** Opens {@code device} and starts logging it and serving {@code socket}. */
    static DeviceConsole open(String uuid, Path device, Path log, Path socket, long logCap) throws IOException {
        DeviceConsole c = new DeviceConsole(uuid, device, log, socket, logCap);
        thread("console-read-" + uuid, c::readDevice);
        thread("console-accept-" + uuid, c::acceptSessions);
        return c;
    }

    Path device() {
        return device;
    }

    Path socket() {
        return socket;
    }

    Path log() {
        return log;
    }

    /**
     * False once the device ended (the guest's side closed) or the console was closed, and the close finished
     * (socket removed, log closed): callers that see false may rely on that.
     */
    boolean alive() {
        return !ended;
    }

    /** Guest → log and session, until the device ends or the console is closed. */
    private void readDevice() {
        ByteBuffer buf = ByteBuffer.allocate(8192);
        try {
            while (!closed) {
                buf.clear();
                int n = ttyIn.read(buf);
                if (n < 0) {
                    break;
                }
                if (n == 0) {
                    continue;
                }
                buf.flip();
                appendToLog(buf.duplicate());
                SocketChannel s = session;
                if (s != null) {
                    try {
                        while (buf.hasRemaining()) {
                            s.write(buf);
                        }
                    } catch (IOException e) {
                        endSession(s);
                    }
                }
            }
        } catch (IOException e) {
            if (!closed) {
                LOG.info("guest {}: console device {} ended: {}", uuid, device, e.getMessage());
            }
        }
        close();
    }

    private void acceptSessions() {
        while (!closed) {
            SocketChannel s;
            try {
                s = server.accept();
            } catch (IOException e) {
                break; // closed
            }
            if (session != null) {
                closeQuietly(s); // one session at a time
                continue;
            }
            session = s;
            thread("console-write-" + uuid, () -> relayInput(s));
        }
    }

    /** Session → device, until the session ends. */
    private void relayInput(SocketChannel s) {
        ByteBuffer buf = ByteBuffer.allocate(4096);
        try {
            while (s.read(buf) >= 0) {
                buf.flip();
                while (buf.hasRemaining()) {
                    ttyOut.write(buf);
                }
                buf.clear();
            }
        } catch (IOException e) {
            LOG.debug("guest {}: console session ended: {}", uuid, e.getMessage());
        }
        endSession(s);
    }

    private void endSession(SocketChannel s) {
        if (session == s) {
            session = null;
        }
        closeQuietly(s);
    }

    private void appendToLog(ByteBuffer bytes) {
        synchronized (logLock) {
            try {
                while (bytes.hasRemaining()) {
                    logFile.write(bytes);
                }
                if (logFile.size() > logCap + logCap / 2) {
                    compactLog();
                }
            } catch (IOException e) {
                LOG.warn("guest {}: cannot write console log {}: {}", uuid, log, e.getMessage());
            }
        }
    }

    /** Keeps the last {@code logCap} bytes: written to a new file that replaces the log. */
    private void compactLog() throws IOException {
        long size = logFile.size();
        ByteBuffer tail = ByteBuffer.allocate((int) logCap);
        try (FileChannel in = FileChannel.open(log, StandardOpenOption.READ)) {
            in.position(size - logCap);
            while (tail.hasRemaining() && in.read(tail) >= 0) {
                // read the whole tail
            }
        }
        tail.flip();
        Path tmp = log.resolveSibling(log.getFileName() + ".tmp");
        try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            while (tail.hasRemaining()) {
                out.write(tail);
            }
        }
        logFile.close();
        Files.move(tmp, log, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        logFile = FileChannel.open(log, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    }

    /** Stops reading and serving; the log stays (console output of a stopped guest). */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        SocketChannel s = session;
        if (s != null) {
            closeQuietly(s);
        }
        closeQuietly(server);
        closeQuietly(ttyIn); // also wakes the reader blocked in read(2)
        closeQuietly(ttyOut);
        try {
            Files.deleteIfExists(socket);
        } catch (IOException e) {
            LOG.debug("cannot remove {}: {}", socket, e.getMessage());
        }
        synchronized (logLock) {
            closeQuietly(logFile);
        }
        ended = true;
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            LOG.debug("close: {}", e.getMessage());
        }
    }

    private static void thread(String name, Runnable r) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        t.start();
    }
}
