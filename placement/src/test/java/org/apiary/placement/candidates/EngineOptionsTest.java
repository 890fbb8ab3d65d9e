package org.apiary.placement.candidates;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apiary.placement.domain.candidates.AllocationCandidateFinder;
import org.apiary.placement.domain.candidates.AllocationCandidates;
import org.apiary.placement.domain.candidates.CandidateOptions;
import org.apiary.placement.domain.candidates.CandidateRequest;
import org.apiary.placement.domain.candidates.RequestGroup;
import org.junit.jupiter.api.Test;

/** [placement] randomize_allocation_candidates and max_allocation_candidates, and limit's summaries. */
class EngineOptionsTest {
    private final FakeProviders f = Fixtures.granular();
    private final CandidateRequest disk = CandidateRequest.of(
            RequestGroup.of("1", Map.of("VCPU", 1L)), RequestGroup.of("2", Map.of("DISK_GB", 100L)));

    private static CandidateRequest withLimit(CandidateRequest r, Integer limit, boolean nestedAware) {
        return new CandidateRequest(r.groups(), limit, r.isolate(), r.rootRequired(), r.rootForbidden(),
                r.sameSubtrees(), nestedAware);
    }

    private static Set<String> keys(AllocationCandidates c) {
        Set<String> out = new HashSet<>();
        c.allocationRequests().forEach(ar -> out.add(CrossCheckTest.key(ar)));
        return out;
    }

    @Test
    void randomizedAnswersHoldTheSameCandidatesAndSampleUnderALimit() {
        AllocationCandidates ordered = new AllocationCandidateFinder(f).find(disk);
        assertThat(ordered.allocationRequests()).hasSize(7);
        AllocationCandidateFinder random = new AllocationCandidateFinder(f, new CandidateOptions(true, -1));
        assertThat(keys(random.find(disk))).isEqualTo(keys(ordered));
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            AllocationCandidates sample = random.find(withLimit(disk, 2, true));
            assertThat(sample.allocationRequests()).hasSize(2);
            assertThat(keys(ordered)).containsAll(keys(sample));
            seen.addAll(keys(sample));
        }
        // 200 random pairs out of 7 candidates reach every candidate.
        assertThat(seen).isEqualTo(keys(ordered));
    }

    @Test
    void maxCandidatesCapsGeneration() {
        AllocationCandidates capped = new AllocationCandidateFinder(f, new CandidateOptions(false, 3)).find(disk);
        assertThat(capped.allocationRequests()).hasSize(3);
        assertThat(new AllocationCandidateFinder(f, new CandidateOptions(false, 3)).find(withLimit(disk, 1, true))
                .allocationRequests()).hasSize(1);
    }

    @Test
    void limitBefore129KeepsSummariesOfTheKeptTreesOnly() {
        FakeProviders shared = Fixtures.sharedStorage();
        CandidateRequest vfs = withLimit(CandidateRequest.of(RequestGroup.of("", Map.of("SRIOV_NET_VF", 4L))), 1,
                false);
        AllocationCandidates one = new AllocationCandidateFinder(shared).find(vfs);
        assertThat(one.allocationRequests()).hasSize(1);
        String pf = one.allocationRequests().get(0).resources().get(0).providerUuid();
        String sibling = pf.equals(shared.uuid("pf1_1")) ? shared.uuid("pf1_2") : shared.uuid("pf1_1");
        // Upstream keeps the summaries of every provider used by any candidate whose tree a kept
        // candidate uses: the other PF of the same compute node stays, the other node's go.
        assertThat(one.providerSummaries().stream().map(p -> p.uuid()).toList())
                .containsExactlyInAnyOrder(pf, sibling);
        AllocationCandidates all = new AllocationCandidateFinder(shared).find(withLimit(vfs, null, false));
        assertThat(all.providerSummaries()).hasSize(4);
        assertThat(List.of(shared.uuid("pf1_1"), shared.uuid("pf1_2"))).contains(pf);
    }
}
