package org.apiary.privhelper.server;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.concurrent.locks.ReentrantLock;
import org.apiary.privhelper.host.HostBackend;
import org.apiary.privhelper.ops.Op;
import org.apiary.privhelper.ops.OpCatalog;
import org.apiary.privhelper.protocol.ErrorCode;
import org.apiary.privhelper.protocol.HelperException;
import org.apiary.privhelper.protocol.Printable;
import org.apiary.privhelper.protocol.Wire;
import org.slf4j.LoggerFactory;

/**
 * Turns one request body into one response body: parse and validate, apply on the backend, audit.
 * Host changes are serialised (one lock), so two agents' ensure/delete never interleave on one
 * interface. Transport-independent, so the corpus and fuzz tests drive it directly.
 */
public final class HelperService {
    private final HostBackend backend;
    private final AuditLog audit;
    private final ReentrantLock hostLock = new ReentrantLock();

    public HelperService(HostBackend backend, AuditLog audit) {
        this.backend = backend;
        this.audit = audit;
    }

    public byte[] handle(Peer peer, byte[] body) {
        long start = System.nanoTime();
        String opName = "?";
        String args = "?";
        try {
            Op op = Wire.parseRequest(body);
            opName = OpCatalog.nameOf(op);
            args = Printable.of(op.toString(), 400);
            JsonNode result;
            hostLock.lock();
            try {
                result = backend.apply(op);
            } finally {
                hostLock.unlock();
            }
            audit.record(peer, opName, args, "ok", elapsed(start));
            return Wire.ok(result);
        } catch (HelperException e) {
            audit.record(peer, opName, args, e.code().wire() + ": " + Printable.of(e.getMessage(), 300), elapsed(start));
            return Wire.error(e.code(), e.getMessage());
        } catch (RuntimeException e) {
            LoggerFactory.getLogger(HelperService.class).error("helper bug handling {}", opName, e);
            audit.record(peer, opName, args, "internal", elapsed(start));
            return Wire.error(ErrorCode.INTERNAL, "internal error; see the helper's log");
        }
    }

    public void refusedPeer(Peer peer) {
        audit.record(peer, "-", "-", ErrorCode.FORBIDDEN_PEER.wire(), Duration.ZERO);
    }

    public void badFrame(Peer peer, String message) {
        audit.record(peer, "-", "-", ErrorCode.BAD_FRAME.wire() + ": " + message, Duration.ZERO);
    }

    private static Duration elapsed(long start) {
        return Duration.ofNanos(System.nanoTime() - start);
    }
}
