package org.apiary.placement.domain.candidates;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Set;

/**
 * The unnamed group where trees or sharing providers exist (upstream
 * {@code get_trees_matching_all} + {@code _alloc_candidates_multiple_providers}): each
 * resource class may come from any provider of the anchor's tree or from a sharing provider
 * associated with it, as long as the chosen providers together carry the required traits and
 * none of them a forbidden one.
 *
 * <p>Which trees qualify is decided up front with bit sets (a tree needs a candidate for every
 * class); the combinations inside a tree are built only when the merge asks for that tree.
 */
final class MultipleProviders implements GroupPlan {
    private final ProviderIndex index;
    private final RequestGroup group;
    /** Per class: providers with room, before the per-anchor aggregate rules. */
    private final BitSet[] fits;
    /** Per class: sharing providers with room that may lend it to other trees. */
    private final int[][] lenders;
    private final BitSet inAggs;
    private final BitSet badAggs;
    private final BitSet trees;

    MultipleProviders(ProviderIndex index, RequestGroup group, BitSet[] fits, BitSet inAggs, int treeRoot,
                      BitSet anchorRoots) {
        this.index = index;
        this.group = group;
        this.fits = fits;
        this.inAggs = inAggs;
        this.badAggs = group.forbiddenAggregates().isEmpty() ? null
                : index.inAnyAggregate(group.forbiddenAggregates());
        this.lenders = new int[fits.length][];
        BitSet qualifying = null;
        for (int k = 0; k < fits.length; k++) {
            BitSet anchorsK = new BitSet(index.size);
            for (int p = fits[k].nextSetBit(0); p >= 0; p = fits[k].nextSetBit(p + 1)) {
                if (aggregatesAllow(p, index.root[p])) {
                    anchorsK.set(index.root[p]);
                }
            }
            // in_tree confines the group to one tree, so upstream lends nothing then; with
            // member_of only sharing providers in those aggregates lend.
            BitSet lend = new BitSet();
            if (treeRoot < 0) {
                lend = (BitSet) index.sharing.clone();
                if (inAggs != null) {
                    lend.and(inAggs);
                }
                lend.and(fits[k]);
            }
            lenders[k] = lend.stream().toArray();
            for (int s : lenders[k]) {
                BitSet anchors = index.anchorsOf(s);
                for (int a = anchors.nextSetBit(0); a >= 0; a = anchors.nextSetBit(a + 1)) {
                    if (aggregatesAllow(s, a)) {
                        anchorsK.set(a);
                    }
                }
            }
            if (anchorRoots != null) {
                anchorsK.and(anchorRoots);
            }
            if (qualifying == null) {
                qualifying = anchorsK;
            } else {
                qualifying.and(anchorsK);
            }
            if (qualifying.isEmpty()) {
                break;
            }
        }
        this.trees = qualifying == null ? new BitSet() : qualifying;
    }

    /** An aggregate on a root covers its whole tree, so either the provider or its anchor may match. */
    private boolean aggregatesAllow(int p, int anchor) {
        return (inAggs == null || inAggs.get(p) || inAggs.get(anchor))
                && (badAggs == null || !(badAggs.get(p) || badAggs.get(anchor)));
    }

    @Override
    public BitSet anchors() {
        return trees;
    }

    /** Whether any qualifying tree has a combination that satisfies the trait rules. */
    boolean hasAny() {
        for (int a = trees.nextSetBit(0); a >= 0; a = trees.nextSetBit(a + 1)) {
            if (!at(a).isEmpty()) {
                return true;
            }
        }
        return false;
    }

    @Override
    public List<GroupCandidate> at(int anchor) {
        int classes = fits.length;
        int[][] choices = new int[classes][];
        int[] members = index.treeMembers(anchor);
        for (int k = 0; k < classes; k++) {
            choices[k] = choicesFor(k, anchor, members);
            if (choices[k].length == 0) {
                return List.of();
            }
        }
        List<GroupCandidate> out = new ArrayList<>();
        int[] pick = new int[classes];
        while (true) {
            int[] providers = new int[classes];
            for (int k = 0; k < classes; k++) {
                providers[k] = choices[k][pick[k]];
            }
            int[] mapped = distinctSorted(providers);
            if (traitsSatisfied(mapped)) {
                out.add(new GroupCandidate(anchor, providers, mapped));
            }
            int k = classes - 1;
            while (k >= 0 && ++pick[k] == choices[k].length) {
                pick[k] = 0;
                k--;
            }
            if (k < 0) {
                return out;
            }
        }
    }

    /** The providers that may supply class k under this anchor, ascending and distinct. */
    private int[] choicesFor(int k, int anchor, int[] members) {
        int[] out = new int[members.length + lenders[k].length];
        int n = 0;
        int m = 0;
        int l = 0;
        while (m < members.length || l < lenders[k].length) {
            int p;
            boolean lent;
            if (l >= lenders[k].length || (m < members.length && members[m] <= lenders[k][l])) {
                p = members[m++];
                lent = false;
                if (l < lenders[k].length && lenders[k][l] == p) {
                    l++;
                }
            } else {
                p = lenders[k][l++];
                lent = true;
            }
            boolean ok = lent ? index.anchorsOf(p).get(anchor) : fits[k].get(p);
            if (ok && aggregatesAllow(p, anchor)) {
                out[n++] = p;
            }
        }
        return n == out.length ? out : java.util.Arrays.copyOf(out, n);
    }

    private static int[] distinctSorted(int[] providers) {
        int[] out = providers.clone();
        java.util.Arrays.sort(out);
        int n = 0;
        for (int i = 0; i < out.length; i++) {
            if (n == 0 || out[n - 1] != out[i]) {
                out[n++] = out[i];
            }
        }
        return n == out.length ? out : java.util.Arrays.copyOf(out, n);
    }

    /** No provider has a forbidden trait, and together they have one trait of every required set. */
    private boolean traitsSatisfied(int[] providers) {
        for (int p : providers) {
            if (index.hasAnyTrait(p, group.forbiddenTraits())) {
                return false;
            }
        }
        for (Set<String> anyOf : group.requiredTraits()) {
            boolean found = false;
            for (int p : providers) {
                if (index.hasAnyTrait(p, anyOf)) {
                    found = true;
                    break;
                }
            }
            if (!found) {
                return false;
            }
        }
        return true;
    }
}
