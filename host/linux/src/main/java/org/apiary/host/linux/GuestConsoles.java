package org.apiary.host.linux;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apiary.host.spi.SerialConsole;
import org.apiary.privhelper.client.PrivilegedHelper;
import org.apiary.privhelper.ops.ConsoleOpen;
import org.apiary.privhelper.protocol.ErrorCode;
import org.apiary.privhelper.protocol.HelperException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Guests' serial consoles: their logs, and where the console proxy reaches them. console_open (running guests
 * only) makes the console reachable by the agent group and answers what it is; the driver calls it at every start
 * and remembers the answer, so a stopped guest's log stays readable.
 * <ul>
 *   <li>QEMU writes the serial port to {@code console.log} in the helper's per-guest state directory and serves it
 *       on the chardev socket {@code console.sock} ({@code {"name","socket","log"}}). After an agent restart the
 *       log's path is rebuilt from {@code [helper] guest_state_dir} when that is configured.</li>
 *   <li>bhyve's serial port is an nmdm(4) pair only ({@code {"name","device"}}): the agent holds the B side open
 *       with a {@link DeviceConsole}, which logs it to {@code <console_dir>/<uuid>.log} (the last
 *       {@link DeviceConsole#LOG_CAP} bytes) and relays one proxy session through {@code <console_dir>/<uuid>.sock}.</li>
 * </ul>
 */
final class GuestConsoles implements AutoCloseable {
    /** Nova's libvirt driver also answers at most the last 100 KiB (MAX_CONSOLE_BYTES). */
    static final int MAX_BYTES = 100 * 1024;
    private static final Logger LOG = LoggerFactory.getLogger(GuestConsoles.class);

    private final PrivilegedHelper helper;
    private final Path guestStateDir;
    private final Path consoleDir;
    private final Map<String, Path> logs = new ConcurrentHashMap<>();
    private final Map<String, Path> sockets = new ConcurrentHashMap<>();
    private final Map<String, DeviceConsole> devices = new ConcurrentHashMap<>();

    /**
     * @param guestStateDir the helper's per-guest directories, or null when not configured
     * @param consoleDir    where the agent keeps device consoles' logs and relay sockets (its own directory); null
     *                      (no {@code [compute] state_dir}): device consoles are neither logged nor relayed
     */
    GuestConsoles(PrivilegedHelper helper, Path guestStateDir, Path consoleDir) {
        this.helper = helper;
        this.guestStateDir = guestStateDir;
        this.consoleDir = consoleDir;
    }

    /** console_open for a guest just started; a guest that already stopped again has no console to open. */
    void open(String uuid) {
        try {
            JsonNode c = helper.call(new ConsoleOpen(uuid));
            if (c.hasNonNull("log")) {
                logs.put(uuid, Path.of(c.get("log").asText()));
            }
            if (c.hasNonNull("socket")) {
                sockets.put(uuid, Path.of(c.get("socket").asText()));
            }
            if (c.hasNonNull("device")) {
                holdDevice(uuid, Path.of(c.get("device").asText()));
            }
        } catch (HelperException e) {
            if (e.code() != ErrorCode.CONFLICT) {
                throw e;
            }
            LOG.info("guest {} stopped right after its start; no console to open", uuid);
        }
    }

    /** Keeps one live reader per guest: a restarted guest may have got another nmdm unit. */
    private synchronized void holdDevice(String uuid, Path device) {
        if (consoleDir == null) {
            LOG.warn("guest {}: no [compute] state_dir, so its console device {} is not held (no log, no proxy)", uuid,
                    device);
            return;
        }
        DeviceConsole held = devices.get(uuid);
        if (held != null && held.alive() && held.device().equals(device)) {
            return;
        }
        if (held != null) {
            held.close();
        }
        try {
            devices.put(uuid, DeviceConsole.open(uuid, device, deviceLog(uuid), consoleDir.resolve(uuid + ".sock"),
                    DeviceConsole.LOG_CAP));
        } catch (IOException e) {
            devices.remove(uuid);
            LOG.warn("guest {}: cannot hold its console device {}: {}; its output is not logged", uuid, device,
                    e.getMessage());
        }
    }

    /** Where the proxy reaches a running guest's console (console_open is renewed first). */
    Optional<SerialConsole> serial(String uuid) {
        open(uuid);
        DeviceConsole d = devices.get(uuid);
        if (d != null && d.alive()) {
            return Optional.of(new SerialConsole(d.socket(), d.device().toString()));
        }
        Path s = sockets.get(uuid);
        return s == null || !Files.exists(s) ? Optional.empty() : Optional.of(new SerialConsole(s, "qemu chardev"));
    }

    /** The last {@link #MAX_BYTES} of the log; empty when the guest never wrote to its console. */
    String output(String uuid, boolean running) {
        if (running) {
            open(uuid); // also renews the log's group access
        }
        Path log = logs.get(uuid);
        if (log == null && consoleDir != null && Files.exists(deviceLog(uuid))) {
            log = deviceLog(uuid);
        }
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

    /** The guest is gone: stop holding its device and remove the log the agent kept. */
    void forget(String uuid) {
        logs.remove(uuid);
        sockets.remove(uuid);
        DeviceConsole d = devices.remove(uuid);
        if (d != null) {
            d.close();
        }
        if (consoleDir == null) {
            return;
        }
        try {
            Files.deleteIfExists(deviceLog(uuid));
        } catch (IOException e) {
            LOG.warn("cannot remove guest {}'s console log: {}", uuid, e.getMessage());
        }
    }

    private Path deviceLog(String uuid) {
        return consoleDir.resolve(uuid + ".log");
    }

    /** Stops holding every device; the logs stay for the next agent. */
    @Override
    public void close() {
        devices.values().forEach(DeviceConsole::close);
        devices.clear();
    }
}
