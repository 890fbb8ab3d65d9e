package org.apiary.placement.domain.candidates;

import java.util.BitSet;
import java.util.List;

/**
 * One request group's candidates, produced tree by tree on demand: the merge walks anchors in
 * order and asks each group only for the trees it reaches, so a query with a limit costs the
 * trees it returns rather than every tree in the deployment.
 */
interface GroupPlan {
    /** Every anchor (tree root) the group may have candidates under; never empty. */
    BitSet anchors();

    /** The group's candidates under one anchor, in a stable order; empty when there are none. */
    List<GroupCandidate> at(int anchor);
}
