package org.apiary.host.freebsd;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import org.apiary.privhelper.client.PrivilegedHelper;
import org.apiary.privhelper.freebsd.sim.FreeBsdSim;
import org.apiary.privhelper.host.HelperSettings;
import org.apiary.privhelper.ops.Op;
import org.apiary.privhelper.protocol.ErrorCode;
import org.apiary.privhelper.protocol.HelperException;
import org.apiary.privhelper.protocol.Wire;
import org.apiary.privhelper.server.AuditLog;
import org.apiary.privhelper.server.HelperService;
import org.apiary.privhelper.server.Peer;

/**
 * The real helper service with its FreeBSD backend, whose commands and bhyve processes run on the FreeBSD
 * host simulator: the driver's ops go through the same wire format, validation, argv building and error
 * codes as on a FreeBSD machine. Only the socket is left out.
 */
final class SimulatedFreeBsdHost implements PrivilegedHelper {
    final FreeBsdSim sim = new FreeBsdSim();
    final HelperSettings settings;
    private final HelperService service;

    /** Disks under {@code root/disks}, guest state under {@code root/guests}, files only (no ZFS dataset). */
    SimulatedFreeBsdHost(Path root) {
        this(root, null);
    }

    /** The same with {@code [helper] zfs_dataset} set: disks named zvol/NAME are volumes of that dataset. */
    SimulatedFreeBsdHost(Path root, String zfsDataset) {
        settings = new HelperSettings(root.resolve("state"), Set.of("em0"), root.resolve("disks"),
                root.resolve("guests"), zfsDataset, null);
        service = new HelperService(sim.backend(settings), new AuditLog());
    }

    @Override
    public JsonNode call(Op op) {
        try {
            JsonNode reply = Wire.MAPPER.readTree(service.handle(new Peer("apiary", "apiary"), Wire.request(op)));
            if (reply.path("ok").asBoolean(false)) {
                return reply.path("result");
            }
            JsonNode error = reply.path("error");
            throw new HelperException(ErrorCode.valueOf(error.path("code").asText().toUpperCase(Locale.ROOT)),
                    error.path("message").asText());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
