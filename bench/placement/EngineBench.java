package org.apiary.placement.api;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apiary.common.microversion.Microversion;
import org.apiary.placement.domain.candidates.AllocationCandidateFinder;
import org.apiary.placement.domain.candidates.AllocationCandidates;
import org.apiary.placement.domain.candidates.CandidateRequest;
import org.apiary.placement.domain.candidates.Inventory;
import org.apiary.placement.domain.candidates.ProviderSource;
import org.apiary.placement.domain.candidates.ProviderView;

/**
 * The allocation-candidates engine alone, in process: no HTTP, no database, no client. Builds
 * the perfload populations in memory and times parse + search ("find") and rendering the JSON
 * body ("render") per query, median of ITER runs after as many warm-up runs, plus the index
 * build after a snapshot change. Run as a single-file program on the placement classpath:
 *
 *   java -cp "$CP" bench/placement/EngineBench.java [flat:1000 nested:1000 flat:10000 ...]
 *
 * (CP: placement/target/classes plus `mvn -q -pl placement dependency:build-classpath`.)
 */
public final class EngineBench {
    private static final int ITER = Integer.getInteger("iter", 200);
    private static final String[] AGGS = {"14a5c8a3-5a99-4e8f-88be-00d85fcb1c17",
        "5d1c4d1e-0c0e-4d8a-9a29-3a0c0b0b6c01", "9e0a2c59-2f8c-4a5d-8b7e-0a1d6e0c9f02"};
    private static final String[] POOL = {"HW_CPU_X86_AVX2", "HW_CPU_X86_SSE42", "STORAGE_DISK_SSD",
        "HW_CPU_X86_AVX512F"};
    private static final String BASIC = "resources=VCPU:1,MEMORY_MB:1024,DISK_GB:10";

    @SuppressWarnings("unchecked")
    public static void main(String[] args) {
        List<String> scenarios = args.length > 0 ? List.of(args) : List.of("flat:1000", "nested:1000", "flat:10000");
        Map<String, String> queries = new LinkedHashMap<>();
        queries.put("basic", BASIC);
        queries.put("basic_limit10", BASIC + "&limit=10");
        queries.put("basic_required_trait", BASIC + "&required=HW_CPU_X86_AVX2");
        queries.put("gate_perfload", "resources=VCPU:1,DISK_GB:10,MEMORY_MB:256&member_of=" + AGGS[0]
                + "&required=HW_CPU_X86_AVX2");
        queries.put("granular_numa_vf", "resources=DISK_GB:10&resources_CPU=VCPU:1,MEMORY_MB:1024"
                + "&resources_NET=SRIOV_NET_VF:1&required_NET=CUSTOM_PHYSNET0&same_subtree=_CPU,_NET&group_policy=none");
        Microversion v = Microversion.of("1.39");
        for (String scenario : scenarios) {
            String[] kv = scenario.split(":");
            int count = Integer.parseInt(kv[1]);
            List<ProviderView> providers = kv[0].equals("nested") ? nested(count) : flat(count);
            List<ProviderView>[] current = new List[] {List.copyOf(providers)};
            ProviderSource source = new ProviderSource() {
                @Override
                public Collection<ProviderView> snapshot() {
                    return current[0];
                }

                @Override
                public boolean resourceClassExists(String name) {
                    return true;
                }

                @Override
                public boolean traitExists(String name) {
                    return true;
                }
            };
            AllocationCandidateFinder finder = new AllocationCandidateFinder(source);
            CandidatesView view = new CandidatesView();
            System.out.printf("%s (%d providers)%n", scenario, providers.size());
            for (Map.Entry<String, String> q : queries.entrySet()) {
                Map<String, List<String>> query = parse(q.getValue());
                long[] find = new long[ITER];
                long[] render = new long[ITER];
                int n = 0;
                int bytes = 0;
                for (int i = -ITER; i < ITER; i++) {
                    long t0 = System.nanoTime();
                    CandidateRequest request = CandidateQueryParser.parse(query, v);
                    AllocationCandidates found = finder.find(request);
                    long t1 = System.nanoTime();
                    byte[] body = view.render(found, request, v);
                    long t2 = System.nanoTime();
                    if (i >= 0) {
                        find[i] = t1 - t0;
                        render[i] = t2 - t1;
                        n = found.allocationRequests().size();
                        bytes = body.length;
                    }
                }
                System.out.printf("  %-22s %6d candidates %9d bytes  find %8.3f ms  render %8.3f ms%n", q.getKey(), n,
                        bytes, median(find), median(render));
            }
            // A write: a new snapshot object with one provider's usage changed, then the basic query.
            long[] after = new long[Math.min(ITER, 50)];
            Map<String, List<String>> basic = parse(BASIC);
            for (int i = 0; i < after.length; i++) {
                List<ProviderView> next = new ArrayList<>(current[0]);
                ProviderView p = next.get(i);
                next.set(i, new ProviderView(p.uuid(), p.name(), p.parentUuid(), p.rootUuid(), p.generation() + 1,
                        p.inventories(), Map.of("DISK_GB", 1L), p.traits(), p.aggregates()));
                current[0] = List.copyOf(next);
                long t0 = System.nanoTime();
                CandidateRequest request = CandidateQueryParser.parse(basic, v);
                view.render(finder.find(request), request, v);
                after[i] = System.nanoTime() - t0;
            }
            System.out.printf("  %-22s find + render right after a snapshot change %8.3f ms%n", "basic", median(after));
        }
    }

    private static double median(long[] nanos) {
        long[] s = nanos.clone();
        Arrays.sort(s);
        return s[s.length / 2] / 1e6;
    }

    private static Map<String, List<String>> parse(String q) {
        Map<String, List<String>> m = new LinkedHashMap<>();
        for (String p : q.split("&")) {
            int i = p.indexOf('=');
            m.computeIfAbsent(p.substring(0, i), k -> new ArrayList<>()).add(p.substring(i + 1));
        }
        return m;
    }

    private static Set<String> rootTraits(int i) {
        return i % 2 == 1 ? Set.of(POOL[(i / 2) % 4]) : new HashSet<>(List.of("HW_CPU_X86_AVX2", POOL[1 + i % 3]));
    }

    private static Inventory inv(long total) {
        return new Inventory(total, 0, 1, total, 1, 1.0);
    }

    /** perfload.py's flat population. */
    static List<ProviderView> flat(int n) {
        List<ProviderView> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String u = UUID.randomUUID().toString();
            out.add(new ProviderView(u, "p" + i, null, u, 1, Map.of("VCPU", inv(32), "MEMORY_MB", inv(131072),
                    "DISK_GB", inv(2000)), Map.of(), rootTraits(i), Set.of(AGGS[i % 3])));
        }
        return out;
    }

    /** perfload.py's nested population: per tree a compute node, 2 NUMA nodes, 4 PFs. */
    static List<ProviderView> nested(int trees) {
        List<ProviderView> out = new ArrayList<>();
        for (int i = 0; i < trees; i++) {
            String root = UUID.randomUUID().toString();
            out.add(new ProviderView(root, "cn" + i, null, root, 1, Map.of("DISK_GB", inv(2000)), Map.of(),
                    rootTraits(i), Set.of(AGGS[i % 3])));
            for (int n = 0; n < 2; n++) {
                String numa = UUID.randomUUID().toString();
                out.add(new ProviderView(numa, "cn" + i + "-numa" + n, root, root, 1, Map.of("VCPU", inv(16),
                        "MEMORY_MB", inv(65536)), Map.of(), Set.of("HW_NUMA_ROOT"), Set.of()));
                for (int k = 0; k < 2; k++) {
                    String pf = UUID.randomUUID().toString();
                    out.add(new ProviderView(pf, "cn" + i + "-numa" + n + "-pf" + k, numa, root, 1,
                            Map.of("SRIOV_NET_VF", inv(8)), Map.of(), Set.of("CUSTOM_PHYSNET" + k), Set.of()));
                }
            }
        }
        return out;
    }
}
