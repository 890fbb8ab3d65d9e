package org.apiary.placement.domain.candidates;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Combines the per-group candidates into whole allocation requests, as Placement 8.0.0's
 * {@code _merge_candidates}: within each anchor tree, every combination of one candidate per
 * group, kept if it passes group_policy=isolate, same_subtree, the capacity of the summed
 * amounts and (below 1.29) the one-provider-per-tree rule; then de-duplicated.
 *
 * <p>Combinations come out in a stable order (anchor ascending, then the last group varying
 * fastest), so when the caller only wants the first N the generation stops at N instead of
 * building every combination and slicing, which is where the product explodes.
 */
final class CandidateMerger {

    /** A merged candidate plus the ids of the providers it allocates from (for summaries). */
    record Merged(AllocationRequest request, int[] providers) {}

    private final ProviderIndex index;
    private final List<RequestGroup> groups;
    private final boolean isolate;
    private final int granularCount;
    private final int[][] subtreeGroups;
    private final boolean excludeNested;
    private final int stopAt;
    private final String[][] classes;
    private final long[][] amounts;
    private final Set<String> seenSharedOnly = new HashSet<>();

    /** @param stopAt stop after this many merged candidates (Integer.MAX_VALUE for all) */
    CandidateMerger(ProviderIndex index, CandidateRequest request, int stopAt) {
        this.index = index;
        this.groups = request.groups();
        this.isolate = request.isolate();
        this.granularCount = (int) groups.stream().filter(RequestGroup::useSameProvider).count();
        this.subtreeGroups = request.sameSubtrees().stream().map(this::groupIndexes).toArray(int[][]::new);
        this.excludeNested = !request.nestedAware() && index.hasTrees;
        this.stopAt = stopAt;
        this.classes = new String[groups.size()][];
        this.amounts = new long[groups.size()][];
        for (int g = 0; g < groups.size(); g++) {
            Map<String, Long> res = groups.get(g).resources();
            classes[g] = res.keySet().toArray(new String[0]);
            amounts[g] = res.values().stream().mapToLong(Long::longValue).toArray();
        }
    }

    private int[] groupIndexes(Set<String> suffixes) {
        List<Integer> out = new ArrayList<>();
        for (int g = 0; g < groups.size(); g++) {
            if (suffixes.contains(groups.get(g).suffix())) {
                out.add(g);
            }
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    /** @param plans each group's plan, in group order */
    List<Merged> merge(List<GroupPlan> plans) {
        int n = plans.size();
        BitSet anchors = (BitSet) plans.get(0).anchors().clone();
        for (GroupPlan p : plans) {
            anchors.and(p.anchors());
        }
        List<Merged> out = new ArrayList<>();
        GroupCandidate[][] lists = new GroupCandidate[n][];
        GroupCandidate[] combo = new GroupCandidate[n];
        int[] pick = new int[n];
        outer:
        for (int anchor = anchors.nextSetBit(0); anchor >= 0; anchor = anchors.nextSetBit(anchor + 1)) {
            for (int g = 0; g < n; g++) {
                lists[g] = plans.get(g).at(anchor).toArray(new GroupCandidate[0]);
                if (lists[g].length == 0) {
                    continue outer;
                }
            }
            java.util.Arrays.fill(pick, 0);
            while (true) {
                for (int g = 0; g < n; g++) {
                    combo[g] = lists[g][pick[g]];
                }
                Merged m = combine(combo);
                if (m != null) {
                    out.add(m);
                    if (out.size() >= stopAt) {
                        break outer;
                    }
                }
                int g = n - 1;
                while (g >= 0 && ++pick[g] == lists[g].length) {
                    pick[g] = 0;
                    g--;
                }
                if (g < 0) {
                    break;
                }
            }
        }
        return out;
    }

    /** One candidate per group → a merged candidate, or null when the combination is not viable. */
    private Merged combine(GroupCandidate[] combo) {
        if (isolate && !isolated(combo)) {
            return null;
        }
        for (int[] subtree : subtreeGroups) {
            if (!sameSubtree(combo, subtree)) {
                return null;
            }
        }
        int total = 0;
        for (GroupCandidate c : combo) {
            total += c.providers().length;
        }
        int[] prov = new int[total];
        String[] rc = new String[total];
        long[] amt = new long[total];
        int size = 0;
        boolean summed = false;
        for (int g = 0; g < combo.length; g++) {
            int[] ps = combo[g].providers();
            for (int k = 0; k < ps.length; k++) {
                int at = find(prov, rc, size, ps[k], classes[g][k]);
                if (at >= 0) {
                    amt[at] += amounts[g][k];
                    summed = true;
                } else {
                    prov[size] = ps[k];
                    rc[size] = classes[g][k];
                    amt[size++] = amounts[g][k];
                }
            }
        }
        // Each part passed its own capacity check; only amounts summed across groups need another.
        if (summed && exceedsCapacity(prov, rc, amt, size)) {
            return null;
        }
        int[] providers = distinct(prov, size);
        if (excludeNested && sharesATree(providers)) {
            return null;
        }
        if (sharedOnly(providers, combo) && !seenSharedOnly.add(key(prov, rc, amt, size, combo))) {
            return null;
        }
        return new Merged(toRequest(prov, rc, amt, size, providers, combo), providers);
    }

    /** The distinct values of the first {@code size} entries, in first-appearance order. */
    private static int[] distinct(int[] values, int size) {
        int[] out = new int[size];
        int n = 0;
        outer:
        for (int i = 0; i < size; i++) {
            for (int j = 0; j < n; j++) {
                if (out[j] == values[i]) {
                    continue outer;
                }
            }
            out[n++] = values[i];
        }
        return n == size ? out : Arrays.copyOf(out, n);
    }

    private static int find(int[] prov, String[] rc, int size, int p, String cls) {
        for (int i = 0; i < size; i++) {
            if (prov[i] == p && rc[i].equals(cls)) {
                return i;
            }
        }
        return -1;
    }

    /** group_policy=isolate: the granular groups' providers are pairwise distinct. */
    private boolean isolated(GroupCandidate[] combo) {
        int[] seen = new int[granularCount];
        int n = 0;
        for (int g = 0; g < combo.length; g++) {
            if (groups.get(g).useSameProvider()) {
                seen[n++] = combo[g].mapped()[0];
            }
        }
        return distinct(seen, n).length == granularCount;
    }

    /** same_subtree: one of the groups' providers is an ancestor-or-self of all the others. */
    private boolean sameSubtree(GroupCandidate[] combo, int[] subtree) {
        int total = 0;
        for (int g : subtree) {
            total += combo[g].mapped().length;
        }
        int[] all = new int[total];
        int n = 0;
        for (int g : subtree) {
            for (int p : combo[g].mapped()) {
                all[n++] = p;
            }
        }
        int[] members = distinct(all, n);
        if (members.length <= 1) {
            return true;
        }
        for (int top : members) {
            boolean coversAll = true;
            for (int p : members) {
                if (!index.isAncestorOrSelf(top, p)) {
                    coversAll = false;
                    break;
                }
            }
            if (coversAll) {
                return true;
            }
        }
        return false;
    }

    private boolean exceedsCapacity(int[] prov, String[] rc, long[] amt, int size) {
        for (int i = 0; i < size; i++) {
            ProviderView v = index.views[prov[i]];
            Inventory inv = v.inventories().get(rc[i]);
            if (v.used(rc[i]) + amt[i] > inv.capacity() || amt[i] > inv.maxUnit()) {
                return true;
            }
        }
        return false;
    }

    /** Below 1.29 a candidate may not take from two providers of the same tree. */
    private boolean sharesATree(int[] providers) {
        for (int i = 0; i < providers.length; i++) {
            for (int j = i + 1; j < providers.length; j++) {
                if (index.root[providers[i]] == index.root[providers[j]]) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Whether every provider involved is a sharing provider. Only such a candidate can be
     * produced under several anchors (a non-sharing provider belongs to its own tree alone), so
     * only those need the duplicate check upstream does with a set.
     */
    private boolean sharedOnly(int[] providers, GroupCandidate[] combo) {
        for (int p : providers) {
            if (!index.sharing.get(p)) {
                return false;
            }
        }
        for (GroupCandidate c : combo) {
            for (int p : c.mapped()) {
                if (!index.sharing.get(p)) {
                    return false;
                }
            }
        }
        return true;
    }

    private String key(int[] prov, String[] rc, long[] amt, int size, GroupCandidate[] combo) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            parts.add(prov[i] + ":" + rc[i] + ":" + amt[i]);
        }
        parts.sort(null);
        StringBuilder sb = new StringBuilder(String.join(",", parts));
        for (int g = 0; g < combo.length; g++) {
            sb.append('|').append(groups.get(g).suffix()).append('=').append(Arrays.toString(combo[g].mapped()));
        }
        return sb.toString();
    }

    private List<String> uuids(int[] providers) {
        if (providers.length == 1) {
            return List.of(index.uuid(providers[0]));
        }
        String[] out = new String[providers.length];
        for (int i = 0; i < providers.length; i++) {
            out[i] = index.uuid(providers[i]);
        }
        return List.of(out);
    }

    private AllocationRequest toRequest(int[] prov, String[] rc, long[] amt, int size, int[] providers,
                                        GroupCandidate[] combo) {
        List<AllocationRequest.ResourceAmount> resources = new ArrayList<>(size);
        for (int p : providers) {
            String uuid = index.uuid(p);
            for (int i = 0; i < size; i++) {
                if (prov[i] == p) {
                    resources.add(new AllocationRequest.ResourceAmount(uuid, rc[i], amt[i]));
                }
            }
        }
        Map<String, List<String>> mappings;
        if (combo.length == 1) {
            mappings = Map.of(groups.get(0).suffix(), uuids(combo[0].mapped()));
        } else {
            mappings = new LinkedHashMap<>();
            for (int g = 0; g < combo.length; g++) {
                mappings.put(groups.get(g).suffix(), uuids(combo[g].mapped()));
            }
        }
        return new AllocationRequest(resources, mappings);
    }
}
