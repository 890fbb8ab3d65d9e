package org.apiary.agent.compute;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apiary.host.spi.GuestState;

/**
 * What the agent last knew of each guest, and which guests it is acting on. The power-state sync compares
 * the hypervisor with this and must not mistake an operation of ours (in flight, or finished while it was
 * looking) for a change behind our back; so every operation stamps its guest with a sequence number at its
 * start and end, and the sync skips guests stamped after it took its snapshot.
 */
final class GuestTracker {
    private final AtomicLong sequence = new AtomicLong();
    private final Map<String, Integer> inFlight = new ConcurrentHashMap<>();
    private final Map<String, Long> stamps = new ConcurrentHashMap<>();
    private final Map<String, GuestState> lastKnown = new ConcurrentHashMap<>();

    void begin(String uuid) {
        inFlight.merge(uuid, 1, Integer::sum);
        stamps.put(uuid, sequence.incrementAndGet());
    }

    /** Ends an operation; {@code state} null means the guest is gone. */
    void end(String uuid, GuestState state) {
        record(uuid, state);
        stamps.put(uuid, sequence.incrementAndGet());
        inFlight.computeIfPresent(uuid, (k, n) -> n == 1 ? null : n - 1);
    }

    /** Ends an operation that failed: what we knew stays, but the guest is stamped. */
    void abort(String uuid) {
        stamps.put(uuid, sequence.incrementAndGet());
        inFlight.computeIfPresent(uuid, (k, n) -> n == 1 ? null : n - 1);
    }

    void record(String uuid, GuestState state) {
        if (state == null) {
            lastKnown.remove(uuid);
        } else {
            lastKnown.put(uuid, state);
        }
    }

    /** A point in time to compare stamps with. */
    long snapshot() {
        return sequence.get();
    }

    /** Whether nothing of ours touched the guest since {@code snapshot}. */
    boolean quietSince(String uuid, long snapshot) {
        return !inFlight.containsKey(uuid) && stamps.getOrDefault(uuid, 0L) <= snapshot;
    }

    GuestState lastKnown(String uuid) {
        return lastKnown.get(uuid);
    }

    Set<String> known() {
        return Set.copyOf(lastKnown.keySet());
    }
}
