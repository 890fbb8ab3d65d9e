package org.apiary.privhelper.server;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One line per call on the "apiary.helper.audit" logger: peer, operation, a summary of the
 * validated arguments (records print their own fields; unvalidated input is never echoed beyond
 * a bounded, printable prefix), result and duration.
 */
public final class AuditLog {
    private static final Logger LOG = LoggerFactory.getLogger("apiary.helper.audit");

    public interface Sink {
        void line(String line);
    }

    private final Sink sink;

    public AuditLog() {
        this(LOG::info);
    }

    public AuditLog(Sink sink) {
        this.sink = sink;
    }

    public void record(Peer peer, String op, String args, String result, Duration took) {
        sink.line("peer=" + peer + " op=" + op + " args=" + args + " result=" + result + " duration_ms="
                + took.toMillis());
    }
}
