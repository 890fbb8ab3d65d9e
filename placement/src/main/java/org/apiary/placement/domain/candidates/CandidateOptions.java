package org.apiary.placement.domain.candidates;

import org.apiary.common.config.Config;
import org.apiary.common.config.ConfigOption;

/**
 * Operator knobs of the candidates engine, from the [placement] section.
 *
 * @param randomize shuffle candidates (and sample them under a limit) instead of the stable order
 * @param maxCandidates stop generating after this many candidates; -1 = no cap
 */
public record CandidateOptions(boolean randomize, int maxCandidates) {

    public static final ConfigOption<Boolean> RANDOMIZE = ConfigOption.bool("placement",
            "randomize_allocation_candidates", false,
            "If true, GET /allocation_candidates returns its candidates in random order, and a limit picks a "
                    + "random sample; if false (default) the order is stable and a limit keeps the first ones.");

    public static final ConfigOption<Integer> MAX_CANDIDATES = ConfigOption.integer("placement",
            "max_allocation_candidates", -1,
            "Upper bound on the candidates one GET /allocation_candidates generates, protecting the server from "
                    + "combinatorial explosion in large provider trees; -1 means no bound (as upstream Zed).");

    public static final CandidateOptions DEFAULTS = new CandidateOptions(false, -1);

    /** Every option declared here, for the sample configuration. */
    public static final java.util.List<ConfigOption<?>> OPTIONS = java.util.List.of(RANDOMIZE, MAX_CANDIDATES);

    public static CandidateOptions from(Config config) {
        return new CandidateOptions(config.get(RANDOMIZE), config.get(MAX_CANDIDATES));
    }
}
