package org.apiary.placement.domain;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apiary.placement.domain.candidates.ProviderSource;
import org.apiary.placement.domain.candidates.ProviderView;
import org.apiary.placement.store.SnapshotStore;

/**
 * The candidates engine's view of all providers, kept in memory with the names of every resource
 * class and trait. Each {@link #snapshot()} costs one read of the two change counters; the
 * snapshot is rebuilt only when some write (on any node sharing the database) moved them, and the
 * same collection instance is returned while nothing changed. When only allocations changed (the
 * structure counter did not move), only usages and generations are reloaded and the rest of each
 * provider is kept. Counters are read before the data, so a snapshot is never stamped newer than
 * what it holds: at worst a write that lands during a rebuild causes one more rebuild.
 */
public final class CachedProviderSource implements ProviderSource {
    private record Snapshot(long counter, long structure, List<ProviderView> providers, Set<String> classes,
                            Set<String> traits) {}

    private final SnapshotStore store;
    private volatile Snapshot current = new Snapshot(-1, -1, List.of(), Set.of(), Set.of());

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
        SnapshotStore.Counters counters = store.counters();
        Snapshot s = current;
        if (s.counter() >= counters.any()) {
            return s;
        }
        synchronized (this) {
            s = current;
            if (s.counter() >= counters.any()) {
                return s;
            }
            Snapshot loaded = s.structure() >= 0 && s.structure() == counters.structure()
                    ? withUsages(s, counters.any(), store.loadUsages())
                    : new Snapshot(counters.any(), counters.structure(), List.copyOf(store.loadAll()),
                            store.resourceClassNames(), store.traitNames());
            current = loaded;
            return loaded;
        }
    }

    /** The same providers with the usages and generations allocation writes changed. */
    private static Snapshot withUsages(Snapshot s, long counter, SnapshotStore.Usages fresh) {
        List<ProviderView> providers = new ArrayList<>(s.providers().size());
        for (ProviderView p : s.providers()) {
            providers.add(new ProviderView(p.uuid(), p.name(), p.parentUuid(), p.rootUuid(),
                    fresh.generations().getOrDefault(p.uuid(), p.generation()), p.inventories(),
                    Map.copyOf(fresh.usages().getOrDefault(p.uuid(), Map.of())), p.traits(), p.aggregates()));
        }
        return new Snapshot(counter, s.structure(), List.copyOf(providers), s.classes(), s.traits());
    }
}
