package org.apiary.compute.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apiary.compute.domain.FlavorSnapshot;
import org.apiary.compute.domain.RequestSpec;
import org.apiary.compute.domain.Server;
import org.apiary.compute.domain.ServerGroup;
import org.apiary.compute.domain.external.PlacementApi;
import org.junit.jupiter.api.Test;

/** The filter scheduler over a Placement double: query building, filters, weighing, claim races. */
class SchedulerTest {
    private static final FlavorSnapshot SMALL = new FlavorSnapshot("1", "small", 2, 2048, 10, 5, 1536, 1.0, true,
            null, Map.of());

    /** Candidates are every host with room; a claim may be refused a given number of times per host. */
    static final class Placement implements PlacementApi {
        final Map<String, Long> freeRam = new HashMap<>();
        final Map<String, Integer> refusals = new HashMap<>();
        final List<Query> queries = new ArrayList<>();
        final List<List<Claim>> claims = new ArrayList<>();

        @Override
        public List<Candidate> candidates(Query query, int limit) {
            queries.add(query);
            List<Candidate> out = new ArrayList<>();
            freeRam.forEach((rp, ram) -> {
                if (ram >= query.resources().getOrDefault("MEMORY_MB", 0L)) {
                    out.add(new Candidate(rp, Map.of(rp, query.resources()), Map.of("MEMORY_MB", ram)));
                }
            });
            return out;
        }

        @Override
        public boolean claim(List<Claim> claim) {
            claims.add(claim);
            String rp = claim.get(claim.size() - 1).allocations().keySet().iterator().next();
            int left = refusals.getOrDefault(rp, 0);
            if (left > 0) {
                refusals.put(rp, left - 1);
                return false;
            }
            return true;
        }

        @Override
        public Holding allocations(String consumerUuid) {
            return new Holding(null, Map.of());
        }

        @Override
        public void release(String consumerUuid) {
        }

        @Override
        public void syncProvider(String uuid, String name, Map<String, Inventory> inventory, Set<String> traits) {
        }

        final Map<String, Set<String>> aggregates = new HashMap<>();

        @Override
        public void addToAggregate(String providerUuid, String aggregateUuid) {
            aggregates.computeIfAbsent(providerUuid, k -> new java.util.HashSet<>()).add(aggregateUuid);
        }

        @Override
        public void removeFromAggregate(String providerUuid, String aggregateUuid) {
            aggregates.getOrDefault(providerUuid, new java.util.HashSet<>()).remove(aggregateUuid);
        }
    }

    private final Placement placement = new Placement();
    private final List<HostCatalog.HostState> hosts = new ArrayList<>();
    private ServerGroup group;
    private List<String> memberHosts = List.of();

    private Scheduler scheduler() {
        return new Scheduler(placement, () -> hosts, new Scheduler.GroupView() {
            @Override
            public ServerGroup group(String groupUuid) {
                return group;
            }

            @Override
            public List<String> memberHosts(String groupUuid, String exceptServer) {
                return memberHosts;
            }
        }, 2);
    }

    private void host(String name, long freeRam, boolean enabled, boolean up) {
        hosts.add(new HostCatalog.HostState(name, name + ".node", "rp-" + name, "nova", enabled, up));
        placement.freeRam.put("rp-" + name, freeRam);
    }

    private static Server server(RequestSpec spec, FlavorSnapshot flavor) {
        return new Server("s-1", "p", "u", "vm", "vm", null, "img", flavor, null, null, null, null, null, false,
                "nova", null, null, "building", "scheduling", 0, "r-1", 0, null, null, null, null, spec, List.of(),
                Map.of(), List.of(), 0, 0, null, null, null, null, 0);
    }

    private static RequestSpec spec(String group, String host, List<String> ignore, Map<String, String> imageProps) {
        return new RequestSpec("none", List.of(), List.of(), group, host, null, imageProps, ignore);
    }

    @Test
    void theQueryComesFromTheFlavorItsExtraSpecsAndTheImage() {
        FlavorSnapshot f = new FlavorSnapshot("2", "gpu", 4, 4096, 20, 0, 0, 1.0, true, null, Map.of(
                "resources:VCPU", "0", "resources:PCPU", "4", "resources:CUSTOM_GPU", "1",
                "trait:HW_CPU_X86_AVX2", "required", "trait:CUSTOM_SLOW", "forbidden"));
        PlacementApi.Query q = FlavorResources.query(f, Map.of("trait:COMPUTE_IMAGE_TYPE_QCOW2", "required",
                "trait:CUSTOM_SLOW", "required"), null);
        assertThat(q.resources()).containsOnly(Map.entry("MEMORY_MB", 4096L), Map.entry("DISK_GB", 20L),
                Map.entry("PCPU", 4L), Map.entry("CUSTOM_GPU", 1L));
        assertThat(q.requiredTraits()).containsOnly("HW_CPU_X86_AVX2", "COMPUTE_IMAGE_TYPE_QCOW2");
        // The flavor's "forbidden" wins over the image's "required".
        assertThat(q.forbiddenTraits()).containsOnly("CUSTOM_SLOW");
        // Swap in MiB rounds up to whole GiB on top of root and ephemeral disks.
        assertThat(FlavorResources.query(SMALL, Map.of(), null).resources()).containsEntry("DISK_GB", 17L);
    }

    @Test
    void theHostWithTheMostFreeMemoryWinsAmongThoseUpAndEnabled() {
        host("a", 4096, true, true);
        host("b", 16384, true, true);
        host("c", 65536, false, true);
        host("d", 65536, true, false);
        Scheduler.Selection s = scheduler().select(server(spec(null, null, List.of(), Map.of()), SMALL), SMALL, "s-1",
                null, List.of());
        assertThat(s.host()).isEqualTo("b");
        assertThat(s.nodeUuid()).isEqualTo("rp-b");
    }

    @Test
    void aLostClaimMovesToTheNextHostAndRequestedOrIgnoredHostsAreHonoured() {
        host("a", 4096, true, true);
        host("b", 16384, true, true);
        placement.refusals.put("rp-b", 1);
        assertThat(scheduler().select(server(spec(null, null, List.of(), Map.of()), SMALL), SMALL, "s-1", null,
                List.of()).host()).isEqualTo("a");
        assertThat(scheduler().select(server(spec(null, "a", List.of(), Map.of()), SMALL), SMALL, "s-1", null,
                List.of()).host()).isEqualTo("a");
        assertThat(scheduler().select(server(spec(null, null, List.of("b"), Map.of()), SMALL), SMALL, "s-1", null,
                List.of()).host()).isEqualTo("a");
    }

    @Test
    void serverGroupsKeepMembersTogetherOrApart() {
        host("a", 4096, true, true);
        host("b", 16384, true, true);
        memberHosts = List.of("a");
        group = new ServerGroup(1, "g", "p", "u", "g", "affinity", null, List.of(), 0);
        assertThat(scheduler().select(server(spec("g", null, List.of(), Map.of()), SMALL), SMALL, "s-1", null,
                List.of()).host()).isEqualTo("a");
        memberHosts = List.of("b");
        group = new ServerGroup(1, "g", "p", "u", "g", "anti-affinity", null, List.of(), 0);
        assertThat(scheduler().select(server(spec("g", null, List.of(), Map.of()), SMALL), SMALL, "s-1", null,
                List.of()).host()).isEqualTo("a");
        memberHosts = List.of("a", "b");
        assertThatThrownBy(() -> scheduler().select(server(spec("g", null, List.of(), Map.of()), SMALL), SMALL, "s-1",
                null, List.of())).isInstanceOf(NoValidHost.class).hasMessageStartingWith("No valid host was found.");
    }

    @Test
    void noRoomAnywhereIsNoValidHostAfterTheRetries() {
        host("a", 1024, true, true);
        assertThatThrownBy(() -> scheduler().select(server(spec(null, null, List.of(), Map.of()), SMALL), SMALL,
                "s-1", null, List.of())).isInstanceOf(NoValidHost.class);
        placement.freeRam.put("rp-a", 8192L);
        placement.refusals.put("rp-a", 5);
        assertThatThrownBy(() -> scheduler().select(server(spec(null, null, List.of(), Map.of()), SMALL), SMALL,
                "s-1", null, List.of())).isInstanceOf(NoValidHost.class).hasMessageContaining("retries");
        assertThat(placement.claims).hasSize(2); // max_attempts = 2 here
    }
}
