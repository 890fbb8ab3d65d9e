package org.apiary.placement.domain;

import java.util.Collection;
import java.util.List;
import org.apiary.placement.domain.candidates.ProviderSource;
import org.apiary.placement.domain.candidates.ProviderView;
import org.apiary.placement.store.SnapshotStore;

/**
 * The candidates engine's view of all providers, kept in memory. Each call costs one single-row
 * SELECT of the change counter; the snapshot is rebuilt only when some write (on any node sharing
 * the database) moved it. The counter is read before the data, so a snapshot is never stamped
 * newer than what it holds: at worst a write that lands during a rebuild causes one more rebuild.
 */
public final class CachedProviderSource implements ProviderSource {
    private record Snapshot(long counter, List<ProviderView> providers) {}

    private final SnapshotStore store;
    private volatile Snapshot current = new Snapshot(-1, List.of());

    public CachedProviderSource(SnapshotStore store) {
        this.store = store;
    }

    @Override
    public Collection<ProviderView> snapshot() {
        long counter = store.changeCounter();
        Snapshot s = current;
        if (s.counter() >= counter) {
            return s.providers();
        }
        synchronized (this) {
            s = current;
            if (s.counter() < counter) {
                // Another thread may have rebuilt meanwhile at a newer counter; never go backwards.
                List<ProviderView> loaded = List.copyOf(store.loadAll());
                if (counter > current.counter()) {
                    current = new Snapshot(counter, loaded);
                }
                return loaded;
            }
            return s.providers();
        }
    }
}
