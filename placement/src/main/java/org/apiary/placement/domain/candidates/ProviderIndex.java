package org.apiary.placement.domain.candidates;

import java.util.BitSet;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A provider snapshot indexed for the candidates search: providers get dense ids (snapshot
 * order), and everything a query filters on — resource class, trait, aggregate, tree — is a
 * precomputed id list or bit set, so a query intersects sets instead of scanning providers.
 * Immutable once built; built once per snapshot and shared by concurrent queries.
 */
final class ProviderIndex {
    static final String SHARING_TRAIT = "MISC_SHARES_VIA_AGGREGATE";

    /** The providers holding inventory of one resource class, with what a fit check needs. */
    static final class ClassColumn {
        final int[] ids;
        /** (total - reserved) * allocation_ratio, unrounded: Placement's SQL compares against this. */
        final double[] room;
        final long[] used;
        final long[] minUnit;
        final long[] maxUnit;
        final long[] stepSize;

        ClassColumn(int n) {
            this(new int[n], new double[n], new long[n], new long[n], new long[n], new long[n]);
        }

        private ClassColumn(int[] ids, double[] room, long[] used, long[] minUnit, long[] maxUnit, long[] stepSize) {
            this.ids = ids;
            this.room = room;
            this.used = used;
            this.minUnit = minUnit;
            this.maxUnit = maxUnit;
            this.stepSize = stepSize;
        }

        void set(int k, int provider, Inventory inv, long usedNow) {
            ids[k] = provider;
            room[k] = (inv.total() - inv.reserved()) * inv.allocationRatio();
            used[k] = usedNow;
            minUnit[k] = inv.minUnit();
            maxUnit[k] = inv.maxUnit();
            stepSize[k] = inv.stepSize();
        }

        ClassColumn grown() {
            return resized(ids.length * 2);
        }

        ClassColumn trimmed(int n) {
            return n == ids.length ? this : resized(n);
        }

        private ClassColumn resized(int n) {
            return new ClassColumn(java.util.Arrays.copyOf(ids, n), java.util.Arrays.copyOf(room, n),
                    java.util.Arrays.copyOf(used, n), java.util.Arrays.copyOf(minUnit, n),
                    java.util.Arrays.copyOf(maxUnit, n), java.util.Arrays.copyOf(stepSize, n));
        }

        /** Placement's capacity clause for one more allocation of {@code amount}. */
        boolean fits(int k, long amount) {
            return used[k] + amount <= room[k] && minUnit[k] <= amount && maxUnit[k] >= amount
                    && stepSize[k] > 0 && amount % stepSize[k] == 0;
        }
    }

    final Collection<ProviderView> snapshot;
    final ProviderView[] views;
    final int size;
    final int[] parent;
    final int[] root;
    final boolean hasTrees;
    final BitSet sharing;
    final BitSet roots;
    private final Map<String, Integer> idByUuid;
    private final Map<String, ClassColumn> byClass;
    private final Map<String, BitSet> byTrait;
    private final Map<String, BitSet> byAggregate;
    private final int[][] treeMembers;
    private final Map<Integer, BitSet> anchorsOfSharing = new ConcurrentHashMap<>();

    ProviderIndex(Collection<ProviderView> snapshot) {
        this.snapshot = snapshot;
        this.views = snapshot.toArray(new ProviderView[0]);
        this.size = views.length;
        this.idByUuid = new HashMap<>(size * 2);
        for (int i = 0; i < size; i++) {
            idByUuid.put(views[i].uuid(), i);
        }
        this.parent = new int[size];
        this.root = new int[size];
        this.roots = new BitSet(size);
        boolean trees = false;
        for (int i = 0; i < size; i++) {
            ProviderView v = views[i];
            parent[i] = v.parentUuid() == null ? -1 : idByUuid.getOrDefault(v.parentUuid(), -1);
            root[i] = v.rootUuid() == null ? i : idByUuid.getOrDefault(v.rootUuid(), i);
            trees |= parent[i] >= 0;
            if (parent[i] < 0) {
                roots.set(i);
            }
        }
        this.hasTrees = trees;
        this.byClass = buildColumns();
        this.byTrait = new HashMap<>();
        this.byAggregate = new HashMap<>();
        for (int i = 0; i < size; i++) {
            for (String t : views[i].traits()) {
                byTrait.computeIfAbsent(t, k -> new BitSet(size)).set(i);
            }
            for (String a : views[i].aggregates()) {
                byAggregate.computeIfAbsent(a, k -> new BitSet(size)).set(i);
            }
        }
        this.sharing = (BitSet) withTrait(SHARING_TRAIT).clone();
        this.treeMembers = buildTrees();
    }

    private Map<String, ClassColumn> buildColumns() {
        // One pass over every inventory, appending to growable per-class columns: no second
        // look-up of the inventory, no boxed id lists (this runs on every snapshot change).
        Map<String, ClassColumn> out = new HashMap<>();
        Map<String, int[]> fill = new HashMap<>();
        for (int p = 0; p < size; p++) {
            ProviderView v = views[p];
            for (Map.Entry<String, Inventory> e : v.inventories().entrySet()) {
                ClassColumn c = out.get(e.getKey());
                int[] n = fill.get(e.getKey());
                if (c == null) {
                    c = new ClassColumn(16);
                    n = new int[1];
                    out.put(e.getKey(), c);
                    fill.put(e.getKey(), n);
                } else if (n[0] == c.ids.length) {
                    c = c.grown();
                    out.put(e.getKey(), c);
                }
                c.set(n[0]++, p, e.getValue(), v.used(e.getKey()));
            }
        }
        out.replaceAll((rc, c) -> c.trimmed(fill.get(rc)[0]));
        return out;
    }

    private int[][] buildTrees() {
        int[] counts = new int[size];
        for (int i = 0; i < size; i++) {
            counts[root[i]]++;
        }
        int[][] members = new int[size][];
        for (int i = 0; i < size; i++) {
            if (counts[i] > 0) {
                members[i] = new int[counts[i]];
                counts[i] = 0;
            }
        }
        for (int i = 0; i < size; i++) {
            int r = root[i];
            members[r][counts[r]++] = i;
        }
        return members;
    }

    /** The dense id of a provider, or -1 when the snapshot has no such uuid. */
    int id(String uuid) {
        Integer i = idByUuid.get(uuid);
        return i == null ? -1 : i;
    }

    String uuid(int id) {
        return views[id].uuid();
    }

    /** The providers with inventory of a resource class, or null when none has any. */
    ClassColumn column(String resourceClass) {
        return byClass.get(resourceClass);
    }

    /** Providers having the trait; shared, never modify. */
    BitSet withTrait(String trait) {
        BitSet b = byTrait.get(trait);
        return b == null ? new BitSet() : b;
    }

    /** Providers having at least one of the traits (a fresh set). */
    BitSet withAnyTrait(Collection<String> traits) {
        BitSet out = new BitSet(size);
        for (String t : traits) {
            out.or(withTrait(t));
        }
        return out;
    }

    /** Providers having, for every set, at least one of its traits (a fresh set). */
    BitSet withRequiredTraits(List<Set<String>> anyOfSets) {
        BitSet out = null;
        for (Set<String> anyOf : anyOfSets) {
            BitSet some = withAnyTrait(anyOf);
            if (out == null) {
                out = some;
            } else {
                out.and(some);
            }
        }
        return out == null ? new BitSet() : out;
    }

    /** Providers directly associated with at least one of the aggregates (a fresh set). */
    BitSet inAnyAggregate(Collection<String> aggregates) {
        BitSet out = new BitSet(size);
        for (String a : aggregates) {
            BitSet b = byAggregate.get(a);
            if (b != null) {
                out.or(b);
            }
        }
        return out;
    }

    /** Providers directly in, for every set, at least one of its aggregates (a fresh set). */
    BitSet inAllAggregateSets(List<Set<String>> memberOf) {
        BitSet out = null;
        for (Set<String> anyOf : memberOf) {
            BitSet some = inAnyAggregate(anyOf);
            if (out == null) {
                out = some;
            } else {
                out.and(some);
            }
        }
        return out == null ? new BitSet() : out;
    }

    /**
     * The roots a sharing provider can anchor to: the root of every provider that shares an
     * aggregate with it (its own root included when it is in any aggregate). Placement's
     * {@code anchors_for_sharing_providers}; cached because it is the same for every query.
     */
    BitSet anchorsOf(int sharingProvider) {
        return anchorsOfSharing.computeIfAbsent(sharingProvider, sp -> {
            BitSet anchors = new BitSet(size);
            for (String agg : views[sp].aggregates()) {
                BitSet members = byAggregate.get(agg);
                for (int m = members.nextSetBit(0); m >= 0; m = members.nextSetBit(m + 1)) {
                    anchors.set(root[m]);
                }
            }
            return anchors;
        });
    }

    /** Every provider of the tree rooted at {@code rootId}, in snapshot order. */
    int[] treeMembers(int rootId) {
        int[] m = treeMembers[rootId];
        return m == null ? new int[0] : m;
    }

    boolean hasAnyTrait(int provider, Set<String> traits) {
        Set<String> own = views[provider].traits();
        for (String t : traits) {
            if (own.contains(t)) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code ancestor} is {@code provider} itself or one of its ancestors. */
    boolean isAncestorOrSelf(int ancestor, int provider) {
        for (int p = provider; p >= 0; p = parent[p]) {
            if (p == ancestor) {
                return true;
            }
        }
        return false;
    }
}
