package org.apiary.host.linux;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apiary.privhelper.client.PrivilegedHelper;
import org.apiary.privhelper.ops.ConsoleOpen;
import org.apiary.privhelper.protocol.ErrorCode;
import org.apiary.privhelper.protocol.HelperException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Guests' serial console logs. QEMU writes the serial port to {@code console.log} in the helper's per-guest
 * state directory; console_open (running guests only) makes it readable by the agent group and answers its
 * path ({@code {"name","socket","log"}}). The driver opens it at every start and remembers the path, so a
 * stopped guest's log stays readable; after an agent restart the path is rebuilt from
 * {@code [helper] guest_state_dir} when that is configured. The agent only reads the file.
 *
 * <p>bhyve writes the serial port to an nmdm(4) pair only: its console_open answers the device
 * ({@code {"name","device"}}) and no log, so a bhyve guest has no log here and its output is empty.
 */
final class GuestConsoles {
    /** Nova's libvirt driver also answers at most the last 100 KiB (MAX_CONSOLE_BYTES). */
    static final int MAX_BYTES = 100 * 1024;
    private static final Logger LOG = LoggerFactory.getLogger(GuestConsoles.class);

    private final PrivilegedHelper helper;
    private final Path guestStateDir;
    private final Map<String, Path> logs = new ConcurrentHashMap<>();

    GuestConsoles(PrivilegedHelper helper, Path guestStateDir) {
        this.helper = helper;
        this.guestStateDir = guestStateDir;
    }

    /** console_open for a guest just started; a guest that already stopped again has no console to open. */
    void open(String uuid) {
        try {
            JsonNode c = helper.call(new ConsoleOpen(uuid));
            if (c.hasNonNull("log")) {
                logs.put(uuid, Path.of(c.get("log").asText()));
            }
        } catch (HelperException e) {
            if (e.code() != ErrorCode.CONFLICT) {
                throw e;
            }
            LOG.info("guest {} stopped right after its start; no console to open", uuid);
        }
    }

    /** The last {@link #MAX_BYTES} of the log; empty when the guest never wrote to its console. */
    String output(String uuid, boolean running) {
        if (running) {
            open(uuid); // also renews the log's group access
        }
        Path log = logs.get(uuid);
        if (log == null && guestStateDir != null) {
            log = guestStateDir.resolve(uuid).resolve("console.log");
        }
        if (log == null || !Files.exists(log)) {
            return "";
        }
        try (RandomAccessFile f = new RandomAccessFile(log.toFile(), "r")) {
            long length = f.length(); // QEMU may be writing: read up to what is there now
            long start = Math.max(0, length - MAX_BYTES);
            byte[] b = new byte[(int) (length - start)];
            f.seek(start);
            f.readFully(b);
            return new String(b, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read guest " + uuid + "'s console log " + log + ": "
                    + e.getMessage(), e);
        }
    }

    void forget(String uuid) {
        logs.remove(uuid);
    }
}
