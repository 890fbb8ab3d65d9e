package org.apiary.placement.domain;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.apiary.placement.domain.candidates.ProviderSource;
import org.apiary.placement.domain.candidates.ProviderView;
import org.apiary.placement.store.SnapshotStore;

/**
 * The candidates engine's view of all providers, kept in memory with the names of every resource
 * class and trait. Each {@link #snapshot()} costs one single-row SELECT of the change counter; the
 * snapshot is rebuilt only when some write (on any node sharing the database) moved it, and the
 * same collection instance is returned while nothing changed. The counter is read before the
 * data, so a snapshot is never stamped newer than what it holds: at worst a write that lands
 * during a rebuild causes one more rebuild.
 */
public final class CachedProviderSource implements ProviderSource {
    private record Snapshot(long counter, List<ProviderView> providers, Set<String> classes, Set<String> traits) {}

    private final SnapshotStore store;
    private volatile Snapshot current = new Snapshot(-1, List.of(), Set.of(), Set.of());

    public CachedProviderSource(SnapshotStore store) {
        this.store = store;
    }

    @Override
    public Collection<ProviderView> snapshot() {
        return fresh().providers();
    }

    /** Known from the latest snapshot; checked against the database only when it looks unknown. */
    @Override
    public boolean resourceClassExists(String name) {
        return current.classes().contains(name) || fresh().classes().contains(name);
    }

    @Override
    public boolean traitExists(String name) {
        return current.traits().contains(name) || fresh().traits().contains(name);
    }

    private Snapshot fresh() {
        long counter = store.changeCounter();
        Snapshot s = current;
        if (s.counter() >= counter) {
            return s;
        }
        synchronized (this) {
            s = current;
            if (s.counter() >= counter) {
                return s;
            }
            Snapshot loaded = new Snapshot(counter, List.copyOf(store.loadAll()), store.resourceClassNames(),
                    store.traitNames());
            current = loaded;
            return loaded;
        }
    }
}
