package org.apiary.agent;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Set;
import org.apiary.privhelper.client.PrivilegedHelper;
import org.apiary.privhelper.freebsd.FreeBsdBackend;
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
 * The real helper service with its FreeBSD backend, whose commands run on the FreeBSD host
 * simulator instead of a host: the agent's ops go through the same wire format, validation,
 * argv building and error codes as on a FreeBSD machine. Only the socket is left out.
 */
final class SimulatedFreeBsdHelper implements PrivilegedHelper {
    final FreeBsdSim sim = new FreeBsdSim();
    private final HelperService service;

    SimulatedFreeBsdHelper(Path stateDir, Set<String> physicalInterfaces) {
        service = new HelperService(new FreeBsdBackend(sim, new HelperSettings(stateDir, physicalInterfaces)),
                new AuditLog());
    }

    @Override
    public JsonNode call(Op op) {
        try {
            JsonNode reply = Wire.MAPPER.readTree(service.handle(new Peer("apiary", "apiary"), Wire.request(op)));
            if (reply.path("ok").asBoolean(false)) {
                return reply.path("result");
            }
            JsonNode error = reply.path("error");
            throw new HelperException(ErrorCode.valueOf(error.path("code").asText().toUpperCase(java.util.Locale.ROOT)),
                    error.path("message").asText());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
