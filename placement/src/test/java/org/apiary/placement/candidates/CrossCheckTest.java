package org.apiary.placement.candidates;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apiary.placement.domain.candidates.AllocationCandidateFinder;
import org.apiary.placement.domain.candidates.AllocationCandidates;
import org.apiary.placement.domain.candidates.AllocationRequest;
import org.apiary.placement.domain.candidates.CandidateRequest;
import org.apiary.placement.domain.candidates.Inventory;
import org.apiary.placement.domain.candidates.ProviderView;
import org.apiary.placement.domain.candidates.RequestGroup;
import org.junit.jupiter.api.Test;

/**
 * Property test of the fast path: on thousands of random provider forests (nesting, sharing
 * providers, aggregates, traits, usage, odd min/max/step units) and random requests, the
 * indexed engine must return exactly the candidates and summaries of the naive transcription of
 * upstream in {@link UpstreamReference}, without duplicates, and a limit must keep a prefix.
 */
class CrossCheckTest {
    private static final String[] CLASSES = {"VCPU", "MEMORY_MB", "DISK_GB", "CUSTOM_A"};
    private static final String[] TRAITS = {"CUSTOM_T1", "CUSTOM_T2", "CUSTOM_T3", "MISC_SHARES_VIA_AGGREGATE"};
    private static final String[] AGGS = {Fixtures.AGG_A, Fixtures.AGG_B, Fixtures.AGG_C};
    private static final int CASES = 2500;

    @Test
    void engineMatchesTheNaiveReference() {
        int nonEmpty = 0;
        for (int seed = 0; seed < CASES; seed++) {
            Random rnd = new Random(seed);
            FakeProviders f = forest(rnd);
            List<ProviderView> providers = new ArrayList<>(f.snapshot());
            CandidateRequest req = request(rnd, providers);
            if (req == null) {
                continue;
            }
            AllocationCandidates got = new AllocationCandidateFinder(f).find(req);
            UpstreamReference.Result want = new UpstreamReference(providers).find(req);
            List<String> keys = got.allocationRequests().stream().map(CrossCheckTest::key).toList();
            assertThat(new HashSet<>(keys)).as("no duplicates, seed %d", seed).hasSize(keys.size());
            assertThat(new LinkedHashSet<>(keys)).as("candidates, seed %d: %s", seed, req)
                    .isEqualTo(want.candidates());
            Set<String> summaries = new TreeSet<>();
            got.providerSummaries().forEach(p -> summaries.add(p.uuid()));
            assertThat(summaries).as("summaries, seed %d", seed).isEqualTo(want.summaries());
            if (!keys.isEmpty()) {
                nonEmpty++;
                int limit = 1 + rnd.nextInt(keys.size());
                CandidateRequest limited = new CandidateRequest(req.groups(), limit, req.isolate(), req.rootRequired(),
                        req.rootForbidden(), req.sameSubtrees(), req.nestedAware());
                List<String> prefix = new AllocationCandidateFinder(f).find(limited).allocationRequests().stream()
                        .map(CrossCheckTest::key).toList();
                assertThat(prefix).as("limit keeps a prefix, seed %d", seed).isEqualTo(keys.subList(0, limit));
            }
        }
        // The generator must exercise the interesting cases, not only empty answers.
        assertThat(nonEmpty).isGreaterThan(CASES / 3);
    }

    static String key(AllocationRequest ar) {
        Map<List<String>, Long> sums = new LinkedHashMap<>();
        ar.resources().forEach(r -> sums.put(List.of(r.providerUuid(), r.resourceClass()), r.amount()));
        Map<String, Set<String>> mappings = new TreeMap<>();
        ar.mappings().forEach((s, rps) -> mappings.put(s, new TreeSet<>(rps)));
        return UpstreamReference.key(sums, mappings);
    }

    private static FakeProviders forest(Random rnd) {
        FakeProviders f = new FakeProviders().customClass("CUSTOM_A").customTrait("CUSTOM_T1")
                .customTrait("CUSTOM_T2").customTrait("CUSTOM_T3");
        int roots = 1 + rnd.nextInt(5);
        List<String> all = new ArrayList<>();
        for (int r = 0; r < roots; r++) {
            String name = "r" + r;
            f.provider(name, aggs(rnd));
            all.add(name);
            grow(f, rnd, name, 1, all);
        }
        for (String p : all) {
            for (String rc : CLASSES) {
                if (rnd.nextInt(100) < 55) {
                    long total = 1 + rnd.nextInt(8);
                    long reserved = rnd.nextInt(4) == 0 ? rnd.nextInt(3) : 0;
                    long min = 1 + (rnd.nextInt(4) == 0 ? 1 : 0);
                    long max = rnd.nextInt(3) == 0 ? 1 + rnd.nextInt((int) total) : total;
                    long step = rnd.nextInt(5) == 0 ? 2 : 1;
                    double ratio = rnd.nextInt(3) == 0 ? 1.5 : 1.0;
                    f.inventory(p, rc, new Inventory(total, reserved, min, max, step, ratio));
                    if (rnd.nextInt(3) == 0) {
                        f.used(p, rc, rnd.nextInt((int) total + 1));
                    }
                }
            }
            List<String> traits = new ArrayList<>();
            for (String t : TRAITS) {
                int chance = t.startsWith("MISC") ? (p.contains("_") ? 8 : 30) : 30;
                if (rnd.nextInt(100) < chance) {
                    traits.add(t);
                }
            }
            f.traits(p, traits.toArray(new String[0]));
        }
        return f;
    }

    private static void grow(FakeProviders f, Random rnd, String parent, int depth, List<String> all) {
        if (depth > 3) {
            return;
        }
        int children = rnd.nextInt(depth == 1 ? 4 : 3);
        for (int c = 0; c < children; c++) {
            String name = parent + "_" + c;
            f.child(name, parent, aggs(rnd));
            all.add(name);
            grow(f, rnd, name, depth + 1, all);
        }
    }

    private static String[] aggs(Random rnd) {
        List<String> out = new ArrayList<>();
        for (String a : AGGS) {
            if (rnd.nextInt(100) < 30) {
                out.add(a);
            }
        }
        return out.toArray(new String[0]);
    }

    private static CandidateRequest request(Random rnd, List<ProviderView> providers) {
        List<RequestGroup> groups = new ArrayList<>();
        if (rnd.nextInt(10) < 7) {
            groups.add(group(rnd, "", providers, false));
        }
        int granular = rnd.nextInt(4);
        String[] suffixes = {"1", "2", "_x"};
        for (int i = 0; i < granular; i++) {
            groups.add(group(rnd, suffixes[i], providers, rnd.nextInt(7) == 0));
        }
        if (groups.stream().allMatch(g -> g.resources().isEmpty())) {
            return null;
        }
        List<Set<String>> sameSubtrees = new ArrayList<>();
        if (granular > 1 && rnd.nextInt(5) == 0) {
            Set<String> s = new LinkedHashSet<>();
            for (int i = 0; i < granular; i++) {
                if (rnd.nextBoolean() || s.isEmpty()) {
                    s.add(suffixes[i]);
                }
            }
            sameSubtrees.add(s);
        }
        Set<String> rootRequired = new HashSet<>();
        Set<String> rootForbidden = new HashSet<>();
        if (rnd.nextInt(7) == 0) {
            (rnd.nextBoolean() ? rootRequired : rootForbidden).add(TRAITS[rnd.nextInt(TRAITS.length)]);
        }
        return new CandidateRequest(groups, null, rnd.nextBoolean(), rootRequired, rootForbidden, sameSubtrees,
                rnd.nextInt(5) != 0);
    }

    private static RequestGroup group(Random rnd, String suffix, List<ProviderView> providers, boolean resourceless) {
        Map<String, Long> resources = new LinkedHashMap<>();
        if (!resourceless) {
            int n = 1 + rnd.nextInt(suffix.isEmpty() ? 3 : 2);
            for (int i = 0; i < n; i++) {
                resources.put(CLASSES[rnd.nextInt(CLASSES.length)], 1L + rnd.nextInt(3));
            }
        }
        List<Set<String>> required = new ArrayList<>();
        if (resourceless || rnd.nextInt(10) < 3) {
            int sets = 1 + rnd.nextInt(2);
            for (int i = 0; i < sets; i++) {
                Set<String> any = new HashSet<>();
                any.add(TRAITS[rnd.nextInt(3)]);
                if (rnd.nextBoolean()) {
                    any.add(TRAITS[rnd.nextInt(3)]);
                }
                required.add(any);
            }
        }
        Set<String> forbidden = new HashSet<>();
        if (rnd.nextInt(5) == 0) {
            forbidden.add(TRAITS[rnd.nextInt(TRAITS.length)]);
        }
        List<Set<String>> memberOf = new ArrayList<>();
        if (rnd.nextInt(5) == 0) {
            memberOf.add(rnd.nextBoolean() ? Set.of(AGGS[rnd.nextInt(3)]) : Set.of(AGGS[0], AGGS[1 + rnd.nextInt(2)]));
        }
        Set<String> forbiddenAggs = new HashSet<>();
        if (rnd.nextInt(7) == 0) {
            forbiddenAggs.add(AGGS[rnd.nextInt(3)]);
        }
        String inTree = rnd.nextInt(10) == 0 ? providers.get(rnd.nextInt(providers.size())).uuid() : null;
        return new RequestGroup(suffix, resources, required, forbidden, memberOf, forbiddenAggs, inTree);
    }
}
