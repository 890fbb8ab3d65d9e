package org.apiary.placement.candidates;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apiary.placement.domain.candidates.CandidateRequest;
import org.apiary.placement.domain.candidates.Inventory;
import org.apiary.placement.domain.candidates.ProviderView;
import org.apiary.placement.domain.candidates.RequestGroup;

/**
 * A deliberately naive, line-by-line transcription of Placement 8.0.0's candidate search
 * (allocation_candidate.py + research_context.py + rp_candidates.py) over plain sets of uuids:
 * no index, no early exit, every filter a scan of every provider. It is the yardstick the
 * optimised engine is compared against on random provider forests.
 *
 * <p>One deliberate deviation, shared with the engine: upstream de-duplicates one group's
 * candidates across anchors with a Python set before merging, which makes results depend on
 * set iteration order when a sharing provider alone satisfies the unnamed group; both keep
 * every anchor and de-duplicate only the merged candidates.
 */
final class UpstreamReference {
    record Arr(String rp, String rc, long amount) {}

    record Areq(String anchor, List<Arr> arrs, Map<String, Set<String>> mappings, boolean sameProvider) {}

    /** Canonical candidates ("rp:rc:amount,...|suffix=[rps]...") and the summarised provider uuids. */
    record Result(Set<String> candidates, Set<String> summaries) {}

    private final Map<String, ProviderView> byUuid = new LinkedHashMap<>();
    private final boolean hasTrees;
    private final Set<String> sharing = new LinkedHashSet<>();

    UpstreamReference(Collection<ProviderView> providers) {
        providers.forEach(p -> byUuid.put(p.uuid(), p));
        hasTrees = providers.stream().anyMatch(p -> p.parentUuid() != null);
        providers.stream().filter(p -> p.traits().contains("MISC_SHARES_VIA_AGGREGATE")).forEach(p -> sharing.add(p.uuid()));
    }

    private String root(String rp) {
        return byUuid.get(rp).rootUuid();
    }

    Result find(CandidateRequest req) {
        Set<String> anchorRoots = null;
        if (!req.rootRequired().isEmpty() || !req.rootForbidden().isEmpty()) {
            anchorRoots = new HashSet<>();
            for (ProviderView p : byUuid.values()) {
                if (p.parentUuid() == null && p.traits().containsAll(req.rootRequired())
                        && req.rootForbidden().stream().noneMatch(p.traits()::contains)) {
                    anchorRoots.add(p.uuid());
                }
            }
            if (anchorRoots.isEmpty()) {
                return new Result(Set.of(), Set.of());
            }
        }
        Map<String, List<Areq>> candidates = new LinkedHashMap<>();
        for (RequestGroup g : req.groups()) {
            List<Areq> areqs = group(g, anchorRoots);
            if (areqs.isEmpty()) {
                return new Result(Set.of(), Set.of());
            }
            candidates.put(g.suffix(), areqs);
        }
        return merge(candidates, req);
    }

    private Set<String> inAggs(Collection<Set<String>> memberOf) {
        Set<String> out = new HashSet<>();
        for (ProviderView p : byUuid.values()) {
            if (memberOf.stream().allMatch(any -> any.stream().anyMatch(p.aggregates()::contains))) {
                out.add(p.uuid());
            }
        }
        return out;
    }

    private static boolean fits(ProviderView p, String rc, long amount) {
        Inventory inv = p.inventories().get(rc);
        return inv != null && p.used(rc) + amount <= (inv.total() - inv.reserved()) * inv.allocationRatio()
                && inv.minUnit() <= amount && inv.maxUnit() >= amount && amount % inv.stepSize() == 0;
    }

    private List<Areq> group(RequestGroup g, Set<String> anchorRoots) {
        Set<String> rpsInAggs = new HashSet<>();
        if (!g.memberOf().isEmpty()) {
            rpsInAggs = inAggs(g.memberOf());
            if (rpsInAggs.isEmpty()) {
                return List.of();
            }
        }
        String treeRoot = null;
        if (g.inTree() != null) {
            if (!byUuid.containsKey(g.inTree())) {
                return List.of();
            }
            treeRoot = root(g.inTree());
        }
        Map<String, Set<String>> withRes = new LinkedHashMap<>();
        for (Map.Entry<String, Long> e : g.resources().entrySet()) {
            Set<String> rps = new LinkedHashSet<>();
            for (ProviderView p : byUuid.values()) {
                if (fits(p, e.getKey(), e.getValue()) && (treeRoot == null || p.rootUuid().equals(treeRoot))) {
                    rps.add(p.uuid());
                }
            }
            if (rps.isEmpty()) {
                return List.of();
            }
            withRes.put(e.getKey(), rps);
        }
        if (!g.useSameProvider() && (!sharing.isEmpty() || hasTrees)) {
            return multi(g, rpsInAggs, treeRoot, withRes, anchorRoots);
        }
        return single(g, rpsInAggs, withRes, anchorRoots);
    }

    private Set<String> withAnyTrait(Set<String> traits) {
        Set<String> out = new HashSet<>();
        byUuid.values().stream().filter(p -> traits.stream().anyMatch(p.traits()::contains)).forEach(p -> out.add(p.uuid()));
        return out;
    }

    /** get_provider_ids_matching + _alloc_candidates_single_provider. */
    private List<Areq> single(RequestGroup g, Set<String> rpsInAggs, Map<String, Set<String>> withRes,
                              Set<String> anchorRoots) {
        Set<String> filtered = new HashSet<>();
        if (!g.requiredTraits().isEmpty()) {
            for (ProviderView p : byUuid.values()) {
                if (g.requiredTraits().stream().allMatch(any -> any.stream().anyMatch(p.traits()::contains))) {
                    filtered.add(p.uuid());
                }
            }
            if (filtered.isEmpty()) {
                return List.of();
            }
        }
        if (!g.memberOf().isEmpty()) {
            if (!filtered.isEmpty()) {
                filtered.retainAll(rpsInAggs);
            } else {
                filtered = new HashSet<>(rpsInAggs);
            }
            if (filtered.isEmpty()) {
                return List.of();
            }
        }
        Set<String> forbidden = new HashSet<>();
        List<Set<String>> bads = new ArrayList<>();
        if (!g.forbiddenAggregates().isEmpty()) {
            bads.add(inAggs(List.of(g.forbiddenAggregates())));
        }
        if (!g.forbiddenTraits().isEmpty()) {
            bads.add(withAnyTrait(g.forbiddenTraits()));
        }
        for (Set<String> bad : bads) {
            forbidden.addAll(bad);
            if (!filtered.isEmpty()) {
                filtered.removeAll(bad);
                if (filtered.isEmpty()) {
                    return List.of();
                }
            }
        }
        boolean first = true;
        for (Set<String> rcRps : withRes.values()) {
            if (first) {
                first = false;
                if (!filtered.isEmpty()) {
                    filtered.retainAll(rcRps);
                } else {
                    filtered = new HashSet<>(rcRps);
                    filtered.removeAll(forbidden);
                }
            } else {
                filtered.retainAll(rcRps);
            }
            if (filtered.isEmpty()) {
                return List.of();
            }
        }
        List<Areq> out = new ArrayList<>();
        for (String rp : byUuid.keySet()) {
            if (!filtered.contains(rp)) {
                continue;
            }
            List<Arr> arrs = new ArrayList<>();
            g.resources().forEach((rc, amount) -> arrs.add(new Arr(rp, rc, amount)));
            Map<String, Set<String>> mappings = Map.of(g.suffix(), Set.of(rp));
            if (anchorRoots == null || anchorRoots.contains(root(rp))) {
                out.add(new Areq(root(rp), arrs, mappings, g.useSameProvider()));
            }
            if (sharing.contains(rp)) {
                for (String anchor : anchorsFor(rp)) {
                    if (!anchor.equals(root(rp)) && (anchorRoots == null || anchorRoots.contains(anchor))) {
                        out.add(new Areq(anchor, arrs, mappings, g.useSameProvider()));
                    }
                }
            }
        }
        return out;
    }

    /** anchors_for_sharing_providers: roots of every provider sharing an aggregate with rp. */
    private Set<String> anchorsFor(String rp) {
        Set<String> out = new LinkedHashSet<>();
        for (ProviderView p : byUuid.values()) {
            if (p.aggregates().stream().anyMatch(byUuid.get(rp).aggregates()::contains)) {
                out.add(p.rootUuid());
            }
        }
        return out;
    }

    private record Cand(String rp, String root, String rc) {}

    /** get_trees_matching_all + _alloc_candidates_multiple_providers. */
    private List<Areq> multi(RequestGroup g, Set<String> rpsInAggs, String treeRoot, Map<String, Set<String>> withRes,
                             Set<String> anchorRoots) {
        Set<String> flat = new HashSet<>();
        g.requiredTraits().forEach(flat::addAll);
        if (!flat.isEmpty() && withAnyTrait(flat).isEmpty()) {
            return List.of();
        }
        Set<String> badAggs = g.forbiddenAggregates().isEmpty() ? Set.of() : inAggs(List.of(g.forbiddenAggregates()));
        Set<Cand> all = new LinkedHashSet<>();
        for (Map.Entry<String, Set<String>> e : withRes.entrySet()) {
            String rc = e.getKey();
            Set<Cand> rcCands = new LinkedHashSet<>();
            e.getValue().forEach(rp -> rcCands.add(new Cand(rp, root(rp), rc)));
            Set<String> shared = new HashSet<>(sharing);
            if (!rpsInAggs.isEmpty()) {
                shared.retainAll(rpsInAggs);
            }
            shared.retainAll(e.getValue());
            if (!shared.isEmpty() && treeRoot == null) {
                for (String sp : shared) {
                    anchorsFor(sp).forEach(a -> rcCands.add(new Cand(sp, a, rc)));
                }
            }
            if (anchorRoots != null) {
                rcCands.removeIf(c -> !anchorRoots.contains(c.root()));
            }
            if (!g.memberOf().isEmpty()) {
                rcCands.removeIf(c -> !(rpsInAggs.contains(c.rp()) || rpsInAggs.contains(c.root())));
            }
            if (!g.forbiddenAggregates().isEmpty()) {
                rcCands.removeIf(c -> badAggs.contains(c.rp()) || badAggs.contains(c.root()));
            }
            if (rcCands.isEmpty()) {
                return List.of();
            }
            if (all.isEmpty()) {
                all.addAll(rcCands);
            } else {
                Set<String> trees = new HashSet<>();
                all.forEach(c -> trees.add(c.root()));
                Set<String> other = new HashSet<>();
                rcCands.forEach(c -> other.add(c.root()));
                trees.retainAll(other);
                all.addAll(rcCands);
                all.removeIf(c -> !trees.contains(c.root()));
            }
            if (all.isEmpty()) {
                return List.of();
            }
        }
        Map<String, Map<String, List<String>>> treeDict = new LinkedHashMap<>();
        for (Cand c : all) {
            treeDict.computeIfAbsent(c.root(), k -> new HashMap<>()).computeIfAbsent(c.rc(), k -> new ArrayList<>())
                    .add(c.rp());
        }
        List<Areq> out = new ArrayList<>();
        List<String> rcs = new ArrayList<>(g.resources().keySet());
        for (Map.Entry<String, Map<String, List<String>>> tree : treeDict.entrySet()) {
            List<List<String>> lists = new ArrayList<>();
            rcs.forEach(rc -> lists.add(tree.getValue().getOrDefault(rc, List.of())));
            for (List<String> combo : product(lists)) {
                Set<String> traits = new HashSet<>();
                boolean ok = true;
                for (String rp : combo) {
                    Set<String> own = byUuid.get(rp).traits();
                    ok &= g.forbiddenTraits().stream().noneMatch(own::contains);
                    traits.addAll(own);
                }
                ok &= g.requiredTraits().stream().allMatch(any -> any.stream().anyMatch(traits::contains));
                if (ok) {
                    List<Arr> arrs = new ArrayList<>();
                    for (int i = 0; i < rcs.size(); i++) {
                        arrs.add(new Arr(combo.get(i), rcs.get(i), g.resources().get(rcs.get(i))));
                    }
                    out.add(new Areq(tree.getKey(), arrs, Map.of(g.suffix(), new HashSet<>(combo)), false));
                }
            }
        }
        return out;
    }

    static <T> List<List<T>> product(List<List<T>> lists) {
        List<List<T>> out = new ArrayList<>();
        out.add(new ArrayList<>());
        for (List<T> l : lists) {
            List<List<T>> next = new ArrayList<>();
            for (List<T> prefix : out) {
                for (T t : l) {
                    List<T> p = new ArrayList<>(prefix);
                    p.add(t);
                    next.add(p);
                }
            }
            out = next;
        }
        return out;
    }

    /** _merge_candidates + exclude_nested_providers (no limit). */
    private Result merge(Map<String, List<Areq>> candidates, CandidateRequest req) {
        Map<String, Map<String, List<Areq>>> byAnchor = new LinkedHashMap<>();
        candidates.forEach((suffix, areqs) -> areqs.forEach(a ->
                byAnchor.computeIfAbsent(a.anchor(), k -> new LinkedHashMap<>())
                        .computeIfAbsent(suffix, k -> new ArrayList<>()).add(a)));
        long granular = candidates.keySet().stream().filter(s -> !s.isEmpty()).count();
        Set<String> keys = new LinkedHashSet<>();
        Set<String> used = new HashSet<>();
        for (Map<String, List<Areq>> bySuffix : byAnchor.values()) {
            if (!bySuffix.keySet().equals(candidates.keySet())) {
                continue;
            }
            for (List<Areq> combo : product(new ArrayList<>(bySuffix.values()))) {
                if (req.isolate()) {
                    Set<String> distinct = new HashSet<>();
                    combo.stream().filter(Areq::sameProvider).forEach(a -> distinct.addAll(a.mappings().values()
                            .iterator().next()));
                    if (distinct.size() != granular) {
                        continue;
                    }
                }
                if (!sameSubtrees(combo, req.sameSubtrees())) {
                    continue;
                }
                Map<List<String>, Long> sums = new LinkedHashMap<>();
                Map<String, Set<String>> mappings = new TreeMap<>();
                for (Areq a : combo) {
                    a.arrs().forEach(arr -> sums.merge(List.of(arr.rp(), arr.rc()), arr.amount(), Long::sum));
                    a.mappings().forEach((s, rps) -> mappings.computeIfAbsent(s, k -> new TreeSet<>()).addAll(rps));
                }
                boolean exceeds = sums.entrySet().stream().anyMatch(e -> {
                    ProviderView p = byUuid.get(e.getKey().get(0));
                    Inventory inv = p.inventories().get(e.getKey().get(1));
                    return p.used(e.getKey().get(1)) + e.getValue() > inv.capacity() || e.getValue() > inv.maxUnit();
                });
                if (exceeds) {
                    continue;
                }
                Set<String> rps = new LinkedHashSet<>();
                sums.keySet().forEach(k -> rps.add(k.get(0)));
                Set<String> roots = new HashSet<>();
                rps.forEach(rp -> roots.add(root(rp)));
                if (!req.nestedAware() && hasTrees && roots.size() != rps.size()) {
                    continue;
                }
                keys.add(key(sums, mappings));
                used.addAll(rps);
            }
        }
        Set<String> summaries = new TreeSet<>();
        if (req.nestedAware() || !hasTrees) {
            Set<String> roots = new HashSet<>();
            used.forEach(rp -> roots.add(root(rp)));
            byUuid.values().stream().filter(p -> roots.contains(p.rootUuid())).forEach(p -> summaries.add(p.uuid()));
        } else {
            summaries.addAll(used);
        }
        return new Result(keys, keys.isEmpty() ? Set.of() : summaries);
    }

    static String key(Map<List<String>, Long> sums, Map<String, Set<String>> mappings) {
        List<String> parts = new ArrayList<>();
        sums.forEach((k, v) -> parts.add(k.get(0) + ":" + k.get(1) + ":" + v));
        parts.sort(null);
        return String.join(",", parts) + "|" + mappings;
    }

    private boolean sameSubtrees(List<Areq> combo, List<Set<String>> subtrees) {
        for (Set<String> suffixes : subtrees) {
            Set<String> rps = new HashSet<>();
            for (Areq a : combo) {
                for (String s : suffixes) {
                    if (a.mappings().get(s) != null) {
                        rps.addAll(a.mappings().get(s));
                    }
                }
            }
            if (rps.size() == 1) {
                continue;
            }
            Set<String> common = null;
            for (String rp : rps) {
                Set<String> ancestors = new HashSet<>();
                for (String p = rp; p != null; p = byUuid.get(p).parentUuid()) {
                    ancestors.add(p);
                }
                if (common == null) {
                    common = ancestors;
                } else {
                    common.retainAll(ancestors);
                }
            }
            if (Objects.requireNonNull(common).stream().noneMatch(rps::contains)) {
                return false;
            }
        }
        return true;
    }
}
