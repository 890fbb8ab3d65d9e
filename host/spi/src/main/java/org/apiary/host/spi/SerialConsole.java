package org.apiary.host.spi;

import java.nio.file.Path;

/**
 * A running guest's serial console as the agent reaches it: a UNIX stream socket whose bytes are the guest's
 * serial port, both ways (QEMU's chardev socket, or the agent's own relay in front of an nmdm(4) device).
 *
 * @param socket  the socket to connect to
 * @param backing what is behind it, for log lines ({@code qemu chardev}, {@code /dev/nmdm0B})
 */
public record SerialConsole(Path socket, String backing) {
    public SerialConsole {
        if (socket == null || backing == null) {
            throw new IllegalArgumentException("a serial console needs a socket and a description of its backing");
        }
    }
}
