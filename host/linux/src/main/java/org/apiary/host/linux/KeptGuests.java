package org.apiary.host.linux;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.apiary.privhelper.ops.GuestSpec;
import org.apiary.privhelper.ops.GuestStart;
import org.apiary.privhelper.ops.Op;
import org.apiary.privhelper.protocol.HelperException;
import org.apiary.privhelper.protocol.Wire;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the driver must remember of each guest to start it again (power on, restart after an in-guest
 * reboot, resize): the helper's guest spec and the disk sizes it was made with. Kept in memory and, when a
 * state directory is configured, in {@code <dir>/<uuid>.json} (written atomically), so an agent restart
 * loses nothing. A file is read back through the helper's own request parser, so a damaged or edited file
 * is refused like a bad request, never started.
 */
final class KeptGuests {
    private static final Logger LOG = LoggerFactory.getLogger(KeptGuests.class);

    /** One guest: its spec and the sizes (GiB, GiB, MiB) its disks were made with. */
    record Kept(GuestSpec spec, int rootGb, int ephemeralGb, int swapMb) {}

    private static final Pattern UUID =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private final Path dir;
    private final Map<String, Kept> kept = new ConcurrentHashMap<>();

    /** @param dir null: memory only (an agent restart forgets the guests' specs) */
    KeptGuests(Path dir) {
        this.dir = dir;
        if (dir != null) {
            try {
                Files.createDirectories(dir);
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot create the hypervisor driver's state directory " + dir + ": "
                        + e.getMessage(), e);
            }
        }
    }

    Optional<Kept> get(String uuid) {
        Kept k = kept.get(uuid);
        if (k == null && dir != null) {
            k = read(uuid);
            if (k != null) {
                kept.put(uuid, k);
            }
        }
        return Optional.ofNullable(k);
    }

    void put(String uuid, Kept k) {
        if (dir != null) {
            ObjectNode n = Wire.MAPPER.createObjectNode();
            try {
                n.set("start", Wire.MAPPER.readTree(Wire.request(new GuestStart(k.spec()))));
                n.put("rootGb", k.rootGb()).put("ephemeralGb", k.ephemeralGb()).put("swapMb", k.swapMb());
                Path tmp = dir.resolve(uuid + ".json.tmp");
                Files.write(tmp, Wire.bytes(n));
                Files.move(tmp, file(uuid), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot keep guest " + uuid + "'s definition in " + dir, e);
            }
        }
        kept.put(uuid, k);
    }

    void remove(String uuid) {
        kept.remove(uuid);
        if (dir != null) {
            try {
                Files.deleteIfExists(file(uuid));
            } catch (IOException e) {
                LOG.warn("cannot remove {}: {}", file(uuid), e.toString());
            }
        }
    }

    private Kept read(String uuid) {
        if (!UUID.matcher(uuid).matches()) {
            return null;
        }
        Path f = file(uuid);
        if (!Files.isRegularFile(f)) {
            return null;
        }
        try {
            JsonNode n = Wire.MAPPER.readTree(Files.readAllBytes(f));
            Op op = Wire.parseRequest(Wire.bytes(n.path("start")));
            if (!(op instanceof GuestStart start) || !start.spec().name().equals(uuid)) {
                LOG.warn("{} does not hold guest {}'s start request; ignored", f, uuid);
                return null;
            }
            return new Kept(start.spec(), n.path("rootGb").asInt(0), n.path("ephemeralGb").asInt(0),
                    n.path("swapMb").asInt(0));
        } catch (IOException | HelperException e) {
            LOG.warn("cannot read guest {}'s kept definition {}: {}", uuid, f, e.getMessage());
            return null;
        }
    }

    /** Only canonical uuids name files (the helper accepts nothing else as a guest name either). */
    private Path file(String uuid) {
        if (!UUID.matcher(uuid).matches()) {
            throw new IllegalArgumentException("'" + uuid + "' is not a lower-case guest uuid");
        }
        return dir.resolve(uuid + ".json");
    }
}
