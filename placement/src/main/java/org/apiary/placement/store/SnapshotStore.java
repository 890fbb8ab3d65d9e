package org.apiary.placement.store;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apiary.placement.domain.candidates.ProviderView;

/** What the in-memory provider snapshot is built from. */
public interface SnapshotStore {
    /**
     * The two change counters, in one read of a two-row table: {@code any} moves with every write,
     * {@code structure} with every write except allocation writes.
     */
    Counters counters();

    record Counters(long any, long structure) {}

    /** What allocation writes change: every provider's generation and usages, by provider uuid. */
    record Usages(Map<String, Long> generations, Map<String, Map<String, Long>> usages) {}

    /** Usages and generations only: what a snapshot needs after allocation writes. */
    Usages loadUsages();

    /** Every provider with inventories, usages, traits and aggregates, in a handful of queries. */
    List<ProviderView> loadAll();

    /** Names of every resource class that exists (standard and CUSTOM_*). */
    Set<String> resourceClassNames();

    /** Names of every trait that exists (standard and CUSTOM_*). */
    Set<String> traitNames();

    /** Deletes every provider, consumer and custom class/trait (the test-only reset). */
    void reset();
}
