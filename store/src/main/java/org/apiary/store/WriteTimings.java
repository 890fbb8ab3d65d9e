package org.apiary.store;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where write-transaction time goes, per kind of write (the store method that ran it and its
 * caller), for profiling: with {@code -Dapiary.store.write-timings=true} every write is timed
 * (queueing for SQLite's writer, then running on it; on other engines the whole transaction
 * counts as running) and a table is logged at INFO every
 * {@code apiary.store.write-timings.seconds} (10) while writes happen. Off by default: the
 * stack walk that names the kind costs a few microseconds per write.
 */
final class WriteTimings {
    private static final Logger LOG = LoggerFactory.getLogger(WriteTimings.class);
    static final boolean ENABLED = Boolean.getBoolean("apiary.store.write-timings");
    private static final long PERIOD_NS = Long.getLong("apiary.store.write-timings.seconds", 10) * 1_000_000_000L;
    private static final StackWalker WALKER = StackWalker.getInstance();

    private record Kind(LongAdder count, LongAdder waitNs, LongAdder holdNs, LongAdder retries) {
        Kind() {
            this(new LongAdder(), new LongAdder(), new LongAdder(), new LongAdder());
        }
    }

    private static final Map<String, Kind> KINDS = new ConcurrentHashMap<>();
    private static volatile long lastReport = System.nanoTime();

    static {
        if (ENABLED) { // what the last period saw
            Runtime.getRuntime().addShutdownHook(new Thread(WriteTimings::report, "write-timings"));
        }
    }

    private WriteTimings() {}

    /** "SqlServerStore.update < BuildSteps.moved": the first two frames outside this package and the Tx helpers. */
    static String kind() {
        return WALKER.walk(frames -> frames
                .filter(f -> !f.getClassName().startsWith("org.apiary.store.")
                        && !f.getClassName().endsWith(".Tx") && !f.getClassName().contains("$$Lambda"))
                .limit(2)
                .map(f -> f.getClassName().substring(f.getClassName().lastIndexOf('.') + 1) + "." + f.getMethodName())
                .reduce((a, b) -> a + " < " + b).orElse("?"));
    }

    static void record(String kind, long waitNs, long holdNs, int attempts) {
        Kind k = KINDS.computeIfAbsent(kind, x -> new Kind());
        k.count().increment();
        k.waitNs().add(waitNs);
        k.holdNs().add(holdNs);
        k.retries().add(attempts - 1);
        long now = System.nanoTime();
        if (now - lastReport >= PERIOD_NS) {
            synchronized (WriteTimings.class) {
                if (now - lastReport >= PERIOD_NS) {
                    lastReport = now;
                    report();
                }
            }
        }
    }

    /** Logs the totals since the last report and starts over. */
    private static synchronized void report() {
        if (KINDS.isEmpty()) {
            return;
        }
        StringBuilder out = new StringBuilder("write transactions since the last report (count, hold ms total / mean, "
                + "wait ms mean, retries):");
        long allHold = 0;
        Map<String, long[]> sorted = new TreeMap<>();
        for (String name : KINDS.keySet()) {
            Kind k = KINDS.remove(name);
            if (k != null) {
                sorted.put(name, new long[] {k.count().sum(), k.holdNs().sum(), k.waitNs().sum(), k.retries().sum()});
            }
        }
        for (Map.Entry<String, long[]> e : sorted.entrySet()) {
            long[] v = e.getValue();
            allHold += v[1];
            out.append(String.format("%n  %-70s %6d  %9.1f / %6.3f  %8.2f  %d", e.getKey(), v[0], v[1] / 1e6,
                    v[1] / 1e6 / v[0], v[2] / 1e6 / v[0], v[3]));
        }
        out.append(String.format("%n  total hold %.1f ms", allHold / 1e6));
        LOG.info("{}", out);
    }
}
