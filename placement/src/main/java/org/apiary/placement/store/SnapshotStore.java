package org.apiary.placement.store;

import java.util.List;
import java.util.Set;
import org.apiary.placement.domain.candidates.ProviderView;

/** What the in-memory provider snapshot is built from. */
public interface SnapshotStore {
    /** The change counter every write transaction bumps: one indexed single-row read. */
    long changeCounter();

    /** Every provider with inventories, usages, traits and aggregates, in a handful of queries. */
    List<ProviderView> loadAll();

    /** Names of every resource class that exists (standard and CUSTOM_*). */
    Set<String> resourceClassNames();

    /** Names of every trait that exists (standard and CUSTOM_*). */
    Set<String> traitNames();

    /** Deletes every provider, consumer and custom class/trait (the test-only reset). */
    void reset();
}
