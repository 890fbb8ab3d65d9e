package org.apiary.placement.domain.candidates;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.apiary.common.error.ServiceException;

/**
 * GET /allocation_candidates without HTTP: Placement 8.0.0's
 * {@code AllocationCandidates.get_by_requests}, on an in-memory index of the provider snapshot.
 *
 * <p>The index is rebuilt only when the {@link ProviderSource} hands out a different snapshot,
 * so a query costs set intersections over the providers that hold the requested classes plus
 * the combinations it returns — no database round trip, no per-query scan of every provider.
 */
public final class AllocationCandidateFinder {
    private final ProviderSource source;
    private final CandidateOptions options;
    private volatile ProviderIndex cached;

    public AllocationCandidateFinder(ProviderSource source, CandidateOptions options) {
        this.source = source;
        this.options = options;
    }

    public AllocationCandidateFinder(ProviderSource source) {
        this(source, CandidateOptions.DEFAULTS);
    }

    /** The candidates for a parsed request; unknown resource classes or traits are 400s. */
    public AllocationCandidates find(CandidateRequest request) {
        ProviderIndex index = index();
        BitSet anchorRoots = null;
        if (!request.rootRequired().isEmpty() || !request.rootForbidden().isEmpty()) {
            anchorRoots = rootsWithTraits(index, request.rootRequired(), request.rootForbidden());
            if (anchorRoots.isEmpty()) {
                return AllocationCandidates.NONE;
            }
        }
        GroupSearch search = new GroupSearch(index, source, anchorRoots);
        List<GroupPlan> perGroup = new ArrayList<>();
        for (RequestGroup g : request.groups()) {
            GroupPlan plan = search.search(g);
            if (plan == null) {
                // As upstream: one unsatisfiable group ends the search, later groups unvalidated.
                return AllocationCandidates.NONE;
            }
            perGroup.add(plan);
        }
        if (perGroup.isEmpty()) {
            return AllocationCandidates.NONE;
        }
        Integer limit = request.limit();
        // Below 1.29 with trees the summaries depend on every candidate, not only the kept ones,
        // so generation may only stop early when that cannot matter.
        boolean stopEarly = limit != null && !options.randomize() && (request.nestedAware() || !index.hasTrees);
        int stopAt = stopEarly ? limit : Integer.MAX_VALUE;
        if (options.maxCandidates() > 0) {
            stopAt = Math.min(stopAt, options.maxCandidates());
        }
        List<CandidateMerger.Merged> all = new CandidateMerger(index, request, stopAt).merge(perGroup);
        if (all.isEmpty()) {
            return AllocationCandidates.NONE;
        }
        List<CandidateMerger.Merged> kept = limitResults(all, limit);
        List<ProviderView> summaries = request.nestedAware() || !index.hasTrees
                ? wholeTrees(index, kept)
                : providersUsed(index, all, kept, kept.size() < all.size());
        List<AllocationRequest> requests = new ArrayList<>(kept.size());
        kept.forEach(m -> requests.add(m.request()));
        return new AllocationCandidates(requests, summaries, index.snapshot);
    }

    private ProviderIndex index() {
        Collection<ProviderView> snapshot = source.snapshot();
        ProviderIndex current = cached;
        if (current == null || current.snapshot != snapshot) {
            current = new ProviderIndex(snapshot);
            cached = current;
        }
        return current;
    }

    /** root_required: roots with every required trait and no forbidden one. */
    private BitSet rootsWithTraits(ProviderIndex index, Set<String> required, Set<String> forbidden) {
        for (String t : required) {
            requireTrait(index, t);
        }
        for (String t : forbidden) {
            requireTrait(index, t);
        }
        BitSet out = (BitSet) index.roots.clone();
        for (String t : required) {
            out.and(index.withTrait(t));
        }
        out.andNot(index.withAnyTrait(forbidden));
        return out;
    }

    private void requireTrait(ProviderIndex index, String trait) {
        if (index.withTrait(trait).isEmpty() && !source.traitExists(trait)) {
            throw ServiceException.badRequest("No such trait(s): " + trait + ".");
        }
    }

    private List<CandidateMerger.Merged> limitResults(List<CandidateMerger.Merged> all, Integer limit) {
        if (!options.randomize()) {
            return limit != null && limit < all.size() ? all.subList(0, limit) : all;
        }
        List<CandidateMerger.Merged> shuffled = new ArrayList<>(all);
        Collections.shuffle(shuffled, ThreadLocalRandom.current());
        return limit != null && limit < shuffled.size() ? shuffled.subList(0, limit) : shuffled;
    }

    /** 1.29+: every provider of every tree a kept candidate allocates from. */
    private static List<ProviderView> wholeTrees(ProviderIndex index, List<CandidateMerger.Merged> kept) {
        BitSet seen = new BitSet(index.size);
        List<ProviderView> out = new ArrayList<>();
        for (CandidateMerger.Merged m : kept) {
            for (int p : m.providers()) {
                int r = index.root[p];
                if (!seen.get(r)) {
                    seen.set(r);
                    for (int member : index.treeMembers(r)) {
                        out.add(index.views[member]);
                    }
                }
            }
        }
        return out;
    }

    /**
     * Below 1.29 with trees (upstream {@code exclude_nested_providers} then
     * {@code limit_results}): the providers any candidate allocates from, and under a limit only
     * those whose tree a kept candidate uses.
     */
    private static List<ProviderView> providersUsed(ProviderIndex index, List<CandidateMerger.Merged> all,
                                                    List<CandidateMerger.Merged> kept, boolean limited) {
        BitSet used = new BitSet(index.size);
        all.forEach(m -> Arrays.stream(m.providers()).forEach(used::set));
        BitSet keptRoots = new BitSet(index.size);
        kept.forEach(m -> Arrays.stream(m.providers()).forEach(p -> keptRoots.set(index.root[p])));
        List<ProviderView> out = new ArrayList<>();
        for (int p = used.nextSetBit(0); p >= 0; p = used.nextSetBit(p + 1)) {
            if (!limited || keptRoots.get(index.root[p])) {
                out.add(index.views[p]);
            }
        }
        return out;
    }
}
