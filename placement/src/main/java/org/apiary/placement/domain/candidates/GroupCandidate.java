package org.apiary.placement.domain.candidates;

/**
 * One way to satisfy one request group, before groups are combined (Placement's per-group
 * AllocationRequest). Provider numbers are {@link ProviderIndex} ids.
 *
 * @param anchor root of the tree this candidate belongs to; a sharing provider yields one
 *               candidate per tree it shares with, so groups only combine within a tree
 * @param providers the provider supplying each of the group's resources, in the group's
 *                  resource order (empty for a resourceless group)
 * @param mapped the distinct providers that satisfied the group, ascending (the 1.34 mapping)
 */
record GroupCandidate(int anchor, int[] providers, int[] mapped) {

    /** A candidate where one provider supplies everything (granular groups, simple trees). */
    static GroupCandidate single(int anchor, int provider, int resourceCount) {
        int[] ps = new int[resourceCount];
        java.util.Arrays.fill(ps, provider);
        return new GroupCandidate(anchor, ps, new int[] {provider});
    }
}
