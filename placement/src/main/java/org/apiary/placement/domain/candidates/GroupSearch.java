package org.apiary.placement.domain.candidates;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apiary.common.error.ServiceException;

/**
 * Plans the candidates of one request group, following Placement 8.0.0's
 * {@code RequestGroupSearchContext} and {@code AllocationCandidates._get_by_one_request}
 * step by step (including the order in which it validates and gives up), but on the
 * {@link ProviderIndex} bit sets instead of SQL.
 *
 * <p>Two paths, as upstream: a granular group — or any group when the deployment has neither
 * trees nor sharing providers — needs one provider with everything ({@link SingleProvider});
 * the unnamed group otherwise may take each resource class from a different provider of one
 * tree or from a sharing provider associated with that tree ({@link MultipleProviders}).
 */
final class GroupSearch {
    private final ProviderIndex index;
    private final ProviderSource source;
    /** Roots allowed by root_required, or null when any root will do. */
    private final BitSet anchorRoots;

    GroupSearch(ProviderIndex index, ProviderSource source, BitSet anchorRoots) {
        this.index = index;
        this.source = source;
        this.anchorRoots = anchorRoots;
    }

    /**
     * The group's plan, or null when it matches nothing (which makes the whole answer empty).
     * Unknown resource classes and traits are 400s.
     */
    GroupPlan search(RequestGroup g) {
        List<String> classes = List.copyOf(g.resources().keySet());
        for (String rc : classes) {
            // A class someone has inventory of exists; only unknown names cost a look-up.
            if (index.column(rc) == null && !source.resourceClassExists(rc)) {
                throw ServiceException.badRequest(
                        "Invalid resource class in resources parameter: No such resource class " + rc + ".");
            }
        }
        BitSet inAggs = null;
        if (!g.memberOf().isEmpty()) {
            inAggs = index.inAllAggregateSets(g.memberOf());
            if (inAggs.isEmpty()) {
                return null;
            }
        }
        for (Set<String> anyOf : g.requiredTraits()) {
            anyOf.forEach(this::requireTrait);
        }
        g.forbiddenTraits().forEach(this::requireTrait);
        int treeRoot = -1;
        if (g.inTree() != null) {
            int id = index.id(g.inTree());
            if (id < 0) {
                return null;
            }
            treeRoot = index.root[id];
        }
        BitSet[] fits = new BitSet[classes.size()];
        for (int k = 0; k < fits.length; k++) {
            fits[k] = providersWithRoom(classes.get(k), g.resources().get(classes.get(k)), treeRoot);
            if (fits[k].isEmpty()) {
                return null;
            }
        }
        if (!g.useSameProvider() && (!index.sharing.isEmpty() || index.hasTrees)) {
            if (!g.requiredTraits().isEmpty()) {
                Set<String> any = new HashSet<>();
                g.requiredTraits().forEach(any::addAll);
                if (index.withAnyTrait(any).isEmpty()) {
                    return null;
                }
            }
            MultipleProviders plan = new MultipleProviders(index, g, fits, inAggs, treeRoot, anchorRoots);
            return plan.anchors().isEmpty() || !plan.hasAny() ? null : plan;
        }
        BitSet matching = singleProviderMatches(g, fits, inAggs);
        if (matching == null) {
            return null;
        }
        SingleProvider plan = new SingleProvider(index, matching, fits.length, anchorRoots);
        return plan.anchors().isEmpty() ? null : plan;
    }

    private void requireTrait(String trait) {
        if (index.withTrait(trait).isEmpty() && !source.traitExists(trait)) {
            throw ServiceException.badRequest("No such trait(s): " + trait + ".");
        }
    }

    /** Providers (of the in_tree tree, if any) that can take {@code amount} more of a class. */
    private BitSet providersWithRoom(String rc, long amount, int treeRoot) {
        BitSet out = new BitSet(index.size);
        ProviderIndex.ClassColumn c = index.column(rc);
        if (c == null) {
            return out;
        }
        for (int k = 0; k < c.ids.length; k++) {
            int p = c.ids[k];
            if ((treeRoot < 0 || index.root[p] == treeRoot) && c.fits(k, amount)) {
                out.set(p);
            }
        }
        return out;
    }

    /**
     * The providers that alone have all the group's resources, traits and aggregates (upstream
     * {@code get_provider_ids_matching}), or null for none.
     */
    private BitSet singleProviderMatches(RequestGroup g, BitSet[] fits, BitSet inAggs) {
        // Upstream keeps "no filter yet" (an empty set) apart from "filtered to nothing" (a
        // return); null plays the first role here. The difference shows for a resourceless
        // group without required traits or member_of: it matches nothing.
        BitSet filtered = null;
        BitSet forbidden = new BitSet(index.size);
        if (!g.requiredTraits().isEmpty()) {
            filtered = index.withRequiredTraits(g.requiredTraits());
            if (filtered.isEmpty()) {
                return null;
            }
        }
        if (inAggs != null) {
            if (filtered == null) {
                filtered = (BitSet) inAggs.clone();
            } else {
                filtered.and(inAggs);
            }
            if (filtered.isEmpty()) {
                return null;
            }
        }
        for (BitSet bad : List.of(index.inAnyAggregate(g.forbiddenAggregates()),
                index.withAnyTrait(g.forbiddenTraits()))) {
            forbidden.or(bad);
            if (filtered != null) {
                filtered.andNot(bad);
                if (filtered.isEmpty()) {
                    return null;
                }
            }
        }
        for (BitSet fit : fits) {
            if (filtered == null) {
                filtered = (BitSet) fit.clone();
                filtered.andNot(forbidden);
            } else {
                filtered.and(fit);
            }
            if (filtered.isEmpty()) {
                return null;
            }
        }
        return filtered;
    }

    /**
     * Upstream {@code _alloc_candidates_single_provider}: each matching provider anchored at its
     * own root and, for a sharing provider, at every tree it shares an aggregate with.
     */
    static final class SingleProvider implements GroupPlan {
        private final ProviderIndex index;
        private final BitSet matching;
        private final int resourceCount;
        private final int[] lenders;
        private final BitSet anchors;

        SingleProvider(ProviderIndex index, BitSet matching, int resourceCount, BitSet anchorRoots) {
            this.index = index;
            this.matching = matching;
            this.resourceCount = resourceCount;
            BitSet shared = (BitSet) matching.clone();
            shared.and(index.sharing);
            this.lenders = shared.stream().toArray();
            anchors = new BitSet(index.size);
            for (int p = matching.nextSetBit(0); p >= 0; p = matching.nextSetBit(p + 1)) {
                anchors.set(index.root[p]);
            }
            for (int s : lenders) {
                anchors.or(index.anchorsOf(s));
            }
            if (anchorRoots != null) {
                anchors.and(anchorRoots);
            }
        }

        @Override
        public BitSet anchors() {
            return anchors;
        }

        @Override
        public List<GroupCandidate> at(int anchor) {
            List<GroupCandidate> out = new ArrayList<>(2);
            int[] members = index.treeMembers(anchor);
            int m = 0;
            int l = 0;
            // Tree members and lenders from other trees, merged in provider order.
            while (m < members.length || l < lenders.length) {
                int p;
                if (l >= lenders.length || (m < members.length && members[m] < lenders[l])) {
                    p = members[m++];
                    if (!matching.get(p)) {
                        continue;
                    }
                } else {
                    p = lenders[l++];
                    if (index.root[p] == anchor || !index.anchorsOf(p).get(anchor)) {
                        continue;
                    }
                }
                out.add(GroupCandidate.single(anchor, p, resourceCount));
            }
            return out;
        }
    }
}
