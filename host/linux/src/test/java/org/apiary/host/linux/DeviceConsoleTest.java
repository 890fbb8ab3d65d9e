package org.apiary.host.linux;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bhyve console reader against a terminal device, as nmdm(4) is one: a pseudo-terminal whose master side a
 * small Python "guest" holds (raw mode, like bhyve's com port). The guest prints a banner, then answers every line
 * it reads in upper case.
 */
class DeviceConsoleTest {
    static final String GUEST = String.join("\n",
            "import os, pty, sys, tty",
            "m, s = pty.openpty()",
            "tty.setraw(s)",
            "print(os.ttyname(s), flush=True)",
            "sys.stdin.readline()",  // the test opened the device
            "os.write(m, b'FreeBSD/amd64 (guest) (ttyu0)\\r\\n\\r\\nlogin: ')",
            "buf = b''",
            "while True:",
            "    d = os.read(m, 65536)",
            "    if not d: break",
            "    buf += d",
            "    while b'\\n' in buf:",
            "        line, buf = buf.split(b'\\n', 1)",
            "        os.write(m, line.upper() + b'\\r\\n')");

    @TempDir
    Path tmp;
    Process guest;
    Path device;

    @BeforeEach
    void startGuest() throws IOException {
        guest = new ProcessBuilder("python3", "-c", GUEST).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        device = Path.of(new BufferedReader(new InputStreamReader(guest.getInputStream(), StandardCharsets.UTF_8))
                .readLine());
        assertThat(device.toString()).startsWith("/dev/pts/");
    }

    @AfterEach
    void stopGuest() throws InterruptedException {
        guest.destroy();
        guest.waitFor(5, TimeUnit.SECONDS);
    }

    void guestGo() throws IOException {
        guest.getOutputStream().write('\n');
        guest.getOutputStream().flush();
    }

    @Test
    void logsTheGuestAndRelaysOneSessionBothWays() throws Exception {
        Path dir = tmp.resolve("consoles");
        try (DeviceConsole c = DeviceConsole.open("g1", device, dir.resolve("g1.log"), dir.resolve("g1.sock"),
                DeviceConsole.LOG_CAP)) {
            assertThat(Files.getPosixFilePermissions(c.socket()))
                    .isEqualTo(PosixFilePermissions.fromString("rw-------"));
            guestGo();
            awaitLog(c.log(), "login: ");
            try (SocketChannel session = connect(c.socket())) {
                session.write(ByteBuffer.wrap("root\n".getBytes(StandardCharsets.UTF_8)));
                assertThat(readUntil(session, "ROOT\r\n")).endsWith("ROOT\r\n");
                // A second session while one is connected is refused: closed at once.
                try (SocketChannel second = connect(c.socket())) {
                    assertThat(second.read(ByteBuffer.allocate(16))).isEqualTo(-1);
                }
                session.write(ByteBuffer.wrap("uname -s\n".getBytes(StandardCharsets.UTF_8)));
                assertThat(readUntil(session, "UNAME -S\r\n")).contains("UNAME -S");
            }
            // The log has everything the guest wrote, with or without a session.
            awaitLog(c.log(), "UNAME -S\r\n");
            assertThat(Files.readString(c.log())).startsWith("FreeBSD/amd64 (guest) (ttyu0)\r\n\r\nlogin: ROOT\r\n");
            // Once the relay saw the session close, a new one may connect.
            String answer = "";
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!answer.endsWith("AGAIN\r\n") && System.nanoTime() < deadline) {
                try (SocketChannel again = connect(c.socket())) {
                    again.write(ByteBuffer.wrap("again\n".getBytes(StandardCharsets.UTF_8)));
                    answer = readUntil(again, "AGAIN\r\n");
                } catch (IOException refused) {
                    Thread.sleep(20);
                }
            }
            assertThat(answer).endsWith("AGAIN\r\n");
        }
        assertThat(dir.resolve("g1.sock")).doesNotExist();
        assertThat(dir.resolve("g1.log")).exists();
    }

    @Test
    void keepsOnlyTheLastBytesOfALongLog() throws Exception {
        Path dir = tmp.resolve("consoles");
        long cap = 4096;
        try (DeviceConsole c = DeviceConsole.open("g2", device, dir.resolve("g2.log"), dir.resolve("g2.sock"), cap);
             SocketChannel session = connect(c.socket())) {
            guestGo();
            for (int i = 0; i < 40; i++) { // 40 lines of 300 bytes, echoed: about 12 KiB of output
                session.write(ByteBuffer.wrap((String.format("%04d", i) + "x".repeat(295) + "\n")
                        .getBytes(StandardCharsets.UTF_8)));
                readUntil(session, "\r\n");
            }
            awaitLog(c.log(), "0039" + "X".repeat(295) + "\r\n");
            long size = Files.size(c.log());
            assertThat(size).isLessThanOrEqualTo(cap + cap / 2);
            assertThat(size).isGreaterThanOrEqualTo(cap);
            assertThat(Files.readString(c.log())).doesNotContain("login: ").doesNotContain("0000X");
        }
    }

    @Test
    void endsWhenTheGuestSideCloses() throws Exception {
        Path dir = tmp.resolve("consoles");
        try (DeviceConsole c = DeviceConsole.open("g3", device, dir.resolve("g3.log"), dir.resolve("g3.sock"),
                DeviceConsole.LOG_CAP)) {
            guestGo();
            awaitLog(c.log(), "login: ");
            guest.destroy();
            guest.waitFor(5, TimeUnit.SECONDS);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (c.alive() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(c.alive()).isFalse();
            assertThat(c.socket()).doesNotExist();
        }
    }

    static SocketChannel connect(Path socket) throws IOException {
        SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
        ch.connect(UnixDomainSocketAddress.of(socket));
        return ch;
    }

    static String readUntil(SocketChannel ch, String end) throws IOException {
        StringBuilder got = new StringBuilder();
        ByteBuffer buf = ByteBuffer.allocate(4096);
        while (!got.toString().endsWith(end)) {
            buf.clear();
            if (ch.read(buf) < 0) { // closed: a refused second session
                break;
            }
            got.append(new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8));
        }
        return got.toString();
    }

    static void awaitLog(Path log, String text) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            if (Files.exists(log) && Files.readString(log).contains(text)) {
                return;
            }
            Thread.sleep(20);
        }
        assertThat(Files.exists(log) ? Files.readString(log) : "(no log)").contains(text);
    }
}
