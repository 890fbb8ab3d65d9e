package org.apiary.placement.api;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apiary.common.microversion.Microversion;
import org.apiary.placement.domain.candidates.AllocationCandidateFinder;
import org.apiary.placement.domain.candidates.CandidateRequest;
import org.apiary.placement.domain.candidates.Inventory;
import org.apiary.placement.domain.candidates.ProviderSource;
import org.apiary.placement.domain.candidates.ProviderView;

/**
 * Runs the candidates path (parse → search → render) over a synthetic provider population a few
 * hundred times in the background at start-up, so that the JIT has compiled it before the first
 * real query: otherwise the first scheduler queries after a restart run interpreted, an order of
 * magnitude slower. Touches no real data; uses its own engine and view instances.
 */
final class CandidatesWarmup implements Runnable {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(CandidatesWarmup.class);
    private static final int ROUNDS = 100;
    private static final List<String> QUERIES = List.of(
            "resources=VCPU:1,MEMORY_MB:1024,DISK_GB:10",
            "resources=VCPU:1,MEMORY_MB:1024,DISK_GB:10&limit=10",
            "resources=VCPU:1,MEMORY_MB:256,DISK_GB:10&member_of=00000000-0000-4000-8000-000000000001"
                    + "&required=HW_CPU_X86_AVX2",
            "resources=DISK_GB:10&resources_CPU=VCPU:1,MEMORY_MB:1024&resources_NET=SRIOV_NET_VF:1"
                    + "&required_NET=CUSTOM_PHYSNET0&same_subtree=_CPU,_NET&group_policy=isolate");

    private static final java.util.concurrent.atomic.AtomicBoolean STARTED =
            new java.util.concurrent.atomic.AtomicBoolean();

    /** Starts the warm-up on a low-priority daemon thread, once per JVM. */
    static void startOnce() {
        if (!STARTED.compareAndSet(false, true)) {
            return;
        }
        Thread t = new Thread(new CandidatesWarmup(), "placement-candidates-warmup");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        t.start();
    }

    @Override
    public void run() {
        Collection<ProviderView> providers = population();
        ProviderSource source = new ProviderSource() {
            @Override
            public Collection<ProviderView> snapshot() {
                return providers;
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
        Microversion latest = Microversion.of("1.39");
        Microversion old = Microversion.of("1.12");
        try {
            for (int round = 0; round < ROUNDS; round++) {
                for (String q : QUERIES) {
                    // Now and then the pre-1.12 list form of the plain query, to compile that writer too.
                    Microversion v = round % 10 == 0 && q.equals(QUERIES.get(0)) ? old : latest;
                    CandidateRequest request = CandidateQueryParser.parse(query(q), v);
                    view.render(finder.find(request), request, v);
                }
            }
        } catch (RuntimeException e) {
            // Only speed is lost; real queries take the same path and report their own errors.
            LOG.warn("allocation candidates warm-up stopped: {}", e.toString());
        }
    }

    private static Map<String, List<String>> query(String text) {
        Map<String, List<String>> out = new java.util.LinkedHashMap<>();
        for (String pair : text.split("&")) {
            int eq = pair.indexOf('=');
            out.computeIfAbsent(pair.substring(0, eq), k -> new ArrayList<>()).add(pair.substring(eq + 1));
        }
        return out;
    }

    /** 200 flat compute nodes, 25 trees of 7 and a sharing disk provider. */
    private static List<ProviderView> population() {
        List<ProviderView> out = new ArrayList<>();
        String agg = "00000000-0000-4000-8000-000000000001";
        for (int i = 0; i < 200; i++) {
            String u = uuid(i);
            out.add(new ProviderView(u, "cn" + i, null, u, 1, Map.of("VCPU", inv(32), "MEMORY_MB", inv(131072),
                    "DISK_GB", inv(2000)), Map.of("VCPU", 1L), Set.of(i % 2 == 0 ? "HW_CPU_X86_AVX2" : "X"),
                    Set.of(agg)));
        }
        for (int t = 0; t < 25; t++) {
            String root = uuid(1000 + t * 10);
            out.add(new ProviderView(root, "tree" + t, null, root, 1, Map.of("DISK_GB", inv(2000)), Map.of(),
                    Set.of("HW_CPU_X86_AVX2"), Set.of(agg)));
            for (int n = 0; n < 2; n++) {
                String numa = uuid(1000 + t * 10 + 1 + n * 3);
                out.add(new ProviderView(numa, "numa", root, root, 1, Map.of("VCPU", inv(16), "MEMORY_MB",
                        inv(65536)), Map.of(), Set.of("HW_NUMA_ROOT"), Set.of()));
                for (int k = 0; k < 2; k++) {
                    String pf = uuid(1000 + t * 10 + 2 + n * 3 + k);
                    out.add(new ProviderView(pf, "pf", numa, root, 1, Map.of("SRIOV_NET_VF", inv(8)), Map.of(),
                            Set.of("CUSTOM_PHYSNET" + k), Set.of()));
                }
            }
        }
        String shared = uuid(9999);
        out.add(new ProviderView(shared, "shared", null, shared, 1, Map.of("DISK_GB", inv(100000)), Map.of(),
                Set.of("MISC_SHARES_VIA_AGGREGATE"), Set.of(agg)));
        return out;
    }

    private static Inventory inv(long total) {
        return new Inventory(total, 0, 1, total, 1, 1.0);
    }

    private static String uuid(int i) {
        return String.format("00000000-0000-4000-8000-%012d", i);
    }
}
