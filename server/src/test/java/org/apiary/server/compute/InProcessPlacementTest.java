package org.apiary.server.compute;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apiary.compute.domain.external.PlacementApi;
import org.apiary.compute.domain.external.PlacementApi.Candidate;
import org.apiary.compute.domain.external.PlacementApi.Claim;
import org.apiary.compute.domain.external.PlacementApi.Inventory;
import org.apiary.compute.domain.external.PlacementApi.Query;
import org.apiary.placement.domain.NamedItem;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class InProcessPlacementTest {
    private static final String HOST_A = "7a0e6d5e-0a51-4f5e-9d56-0000000000aa";
    private static final String HOST_B = "7a0e6d5e-0a51-4f5e-9d56-0000000000bb";
    private static final String PROJECT = "project-1";
    private static final String USER = "user-1";

    private Services services;
    private PlacementApi placement;

    @BeforeEach
    void start() throws Exception {
        services = new Services();
        placement = new InProcessPlacement(services.placement);
    }

    @AfterEach
    void stop() throws Exception {
        services.close();
    }

    private static Inventory inv(long total, long reserved, double ratio) {
        return new Inventory(total, reserved, 1, total, 1, ratio);
    }

    /** host-a: 4 VCPU at 4.0, 8 GiB with 512 MiB reserved, CUSTOM_FAST; host-b: 2 VCPU, 2 GiB. */
    private void twoHosts() {
        placement.syncProvider(HOST_A, "host-a", Map.of("VCPU", inv(4, 0, 4.0), "MEMORY_MB", inv(8192, 512, 1.0),
                "DISK_GB", inv(100, 0, 1.0)), Set.of("COMPUTE_ARCH_X86_64", "CUSTOM_FAST"));
        placement.syncProvider(HOST_B, "host-b", Map.of("VCPU", inv(2, 0, 1.0), "MEMORY_MB", inv(2048, 0, 1.0),
                "DISK_GB", inv(20, 0, 1.0)), Set.of("COMPUTE_ARCH_X86_64"));
    }

    private static Query query(Map<String, Long> resources, Set<String> required, Set<String> forbidden,
                               String inTree) {
        return new Query(resources, required, forbidden, inTree);
    }

    private static Map<String, Long> flavor(long vcpu, long ram) {
        return Map.of("VCPU", vcpu, "MEMORY_MB", ram);
    }

    private static Set<String> roots(List<Candidate> candidates) {
        return Set.copyOf(candidates.stream().map(Candidate::rootProvider).toList());
    }

    private List<Candidate> find(Map<String, Long> resources) {
        return placement.candidates(query(resources, Set.of(), Set.of(), null), 0);
    }

    @Test
    void candidatesCarryTheAllocationAndTheRootCapacityLeft() {
        twoHosts();
        List<Candidate> all = find(flavor(2, 1024));
        assertThat(roots(all)).containsExactlyInAnyOrder(HOST_A, HOST_B);
        Candidate a = all.stream().filter(c -> c.rootProvider().equals(HOST_A)).findFirst().orElseThrow();
        assertThat(a.allocations()).isEqualTo(Map.of(HOST_A, Map.of("VCPU", 2L, "MEMORY_MB", 1024L)));
        // (total - reserved) * ratio - used
        assertThat(a.capacity()).isEqualTo(Map.of("VCPU", 16L, "MEMORY_MB", 7680L, "DISK_GB", 100L));

        assertThat(find(flavor(3, 1024))).extracting(Candidate::rootProvider).containsExactly(HOST_A);
        assertThat(placement.candidates(query(flavor(1, 512), Set.of(), Set.of(), null), 1)).hasSize(1);
        // a zero amount is no request (Nova drops them too)
        assertThat(roots(find(Map.of("VCPU", 1L, "VGPU", 0L)))).containsExactlyInAnyOrder(HOST_A, HOST_B);
    }

    @Test
    void traitsAndInTreeNarrowTheCandidates() {
        twoHosts();
        assertThat(roots(placement.candidates(query(flavor(1, 512), Set.of("CUSTOM_FAST"), Set.of(), null), 0)))
                .containsExactly(HOST_A);
        assertThat(roots(placement.candidates(query(flavor(1, 512), Set.of(), Set.of("CUSTOM_FAST"), null), 0)))
                .containsExactly(HOST_B);
        assertThat(roots(placement.candidates(query(flavor(1, 512), Set.of("COMPUTE_ARCH_X86_64"), Set.of(),
                HOST_B), 0))).containsExactly(HOST_B);
        assertThat(placement.candidates(query(flavor(1, 512), Set.of("COMPUTE_ARCH_AARCH64"), Set.of(), null), 0))
                .isEmpty();
        assertThat(placement.candidates(query(flavor(1, 512), Set.of(), Set.of(), UUID.randomUUID().toString()), 0))
                .isEmpty();
    }

    @Test
    void unknownClassesAndTraitsGiveNoCandidatesRatherThanAnError() {
        twoHosts();
        assertThat(find(Map.of("CUSTOM_NOT_THERE", 1L))).isEmpty();
        assertThat(find(Map.of("NOT_A_CLASS", 1L))).isEmpty();
        assertThat(placement.candidates(query(flavor(1, 512), Set.of("CUSTOM_NOBODY"), Set.of(), null), 0)).isEmpty();
        assertThat(placement.candidates(query(flavor(1, 512), Set.of(), Set.of("NOT_A_TRAIT"), null), 0)).isEmpty();
        // a known class nobody has inventory of simply matches nothing
        assertThat(find(Map.of("VGPU", 1L))).isEmpty();
    }

    @Test
    void claimConflictAndRelease() {
        twoHosts();
        String server = UUID.randomUUID().toString();
        Map<String, Map<String, Long>> onB = Map.of(HOST_B, Map.of("VCPU", 2L, "MEMORY_MB", 1024L));
        assertThat(placement.claim(List.of(new Claim(server, PROJECT, USER, null, onB)))).isTrue();
        PlacementApi.Holding held = placement.allocations(server);
        assertThat(held.allocations()).isEqualTo(onB);
        assertThat(held.generation()).isNotNull();
        // host-b has no VCPU left: it is no longer a candidate, and host-a's capacity did not move
        List<Candidate> after = find(flavor(1, 512));
        assertThat(roots(after)).containsExactly(HOST_A);
        assertThat(after.get(0).capacity().get("VCPU")).isEqualTo(16L);

        // capacity conflict
        String other = UUID.randomUUID().toString();
        assertThat(placement.claim(List.of(new Claim(other, PROJECT, USER, null,
                Map.of(HOST_B, Map.of("VCPU", 1L)))))).isFalse();
        assertThat(placement.allocations(other).allocations()).isEmpty();
        // consumer generation conflict: the consumer exists, the claim says "new"
        assertThat(placement.claim(List.of(new Claim(server, PROJECT, USER, null,
                Map.of(HOST_A, Map.of("VCPU", 1L)))))).isFalse();
        assertThat(placement.allocations(server).allocations()).isEqualTo(onB);
        // with the generation seen, the consumer's allocations are replaced (a move)
        assertThat(placement.claim(List.of(new Claim(server, PROJECT, USER, held.generation(),
                Map.of(HOST_A, Map.of("VCPU", 1L)))))).isTrue();
        assertThat(placement.allocations(server).allocations()).isEqualTo(Map.of(HOST_A, Map.of("VCPU", 1L)));
        assertThat(placement.allocations(server).generation()).isGreaterThan(held.generation());

        placement.release(server);
        assertThat(placement.allocations(server)).isEqualTo(new PlacementApi.Holding(null, Map.of()));
        placement.release(server); // nothing held: no-op
        placement.release(UUID.randomUUID().toString());
    }

    @Test
    void aClaimOfSeveralConsumersIsAllOrNothing() {
        twoHosts();
        String first = UUID.randomUUID().toString();
        String second = UUID.randomUUID().toString();
        assertThat(placement.claim(List.of(
                new Claim(first, PROJECT, USER, null, Map.of(HOST_A, Map.of("VCPU", 1L))),
                new Claim(second, PROJECT, USER, null, Map.of(HOST_B, Map.of("VCPU", 3L)))))).isFalse();
        assertThat(placement.allocations(first).allocations()).isEmpty();
        assertThat(placement.claim(List.of(
                new Claim(first, PROJECT, USER, null, Map.of(HOST_A, Map.of("VCPU", 1L))),
                new Claim(second, PROJECT, USER, null, Map.of(HOST_B, Map.of("VCPU", 2L)))))).isTrue();
        assertThat(placement.allocations(first).allocations()).containsKey(HOST_A);
        assertThat(placement.allocations(second).allocations()).containsKey(HOST_B);
    }

    @Test
    void syncingTheSameStateTwiceWritesNothing() {
        Map<String, Inventory> inventory = Map.of("VCPU", inv(8, 0, 16.0), "MEMORY_MB", inv(4096, 256, 1.5));
        placement.syncProvider(HOST_A, "host-a", inventory, Set.of("COMPUTE_ARCH_X86_64", "CUSTOM_FAST"));
        long generation = services.placement.providers().get(HOST_A).generation();
        Object snapshot = services.placement.providerSource().snapshot();

        placement.syncProvider(HOST_A, "host-a", new LinkedHashMap<>(inventory),
                Set.of("CUSTOM_FAST", "COMPUTE_ARCH_X86_64"));
        assertThat(services.placement.providers().get(HOST_A).generation()).isEqualTo(generation);
        // no change counter moved: the candidates engine keeps the very same snapshot
        assertThat(services.placement.providerSource().snapshot()).isSameAs(snapshot);

        placement.syncProvider(HOST_A, "host-a", Map.of("VCPU", inv(16, 0, 16.0), "MEMORY_MB", inv(4096, 256, 1.5)),
                Set.of("COMPUTE_ARCH_X86_64", "CUSTOM_FAST"));
        assertThat(services.placement.providers().get(HOST_A).generation()).isGreaterThan(generation);
        assertThat(services.placement.inventories().get(HOST_A).byClass().get("VCPU").total()).isEqualTo(16);
        assertThat(services.placement.providerSource().snapshot()).isNotSameAs(snapshot);
        assertThat(find(Map.of("VCPU", 8L))).extracting(Candidate::capacity)
                .containsExactly(Map.of("VCPU", 256L, "MEMORY_MB", 5760L));
    }

    @Test
    void syncCreatesCustomNamesRenamesAndKeepsOperatorTraits() {
        placement.syncProvider(HOST_A, "old-name", Map.of("VCPU", inv(4, 0, 1.0), "CUSTOM_FPGA", inv(2, 0, 1.0)),
                Set.of("COMPUTE_ARCH_X86_64", "COMPUTE_FIRMWARE_UEFI", "CUSTOM_FAST", "NOT_AN_OS_TRAIT"));
        assertThat(traits()).containsExactlyInAnyOrder("COMPUTE_ARCH_X86_64", "COMPUTE_FIRMWARE_UEFI", "CUSTOM_FAST");
        assertThat(services.placement.catalog().trait("CUSTOM_FAST").name()).isEqualTo("CUSTOM_FAST");
        assertThat(services.placement.catalog().resourceClass("CUSTOM_FPGA").name()).isEqualTo("CUSTOM_FPGA");
        assertThat(roots(find(Map.of("CUSTOM_FPGA", 1L)))).containsExactly(HOST_A);

        // An operator tags the node; the host stops reporting UEFI.
        services.placement.catalog().ensureTrait("CUSTOM_OPERATOR_PICK");
        Set<String> withOperator = new java.util.HashSet<>(traits());
        withOperator.add("CUSTOM_OPERATOR_PICK");
        services.placement.providers().setTraits(HOST_A, null, withOperator);
        placement.syncProvider(HOST_A, "new-name", Map.of("VCPU", inv(4, 0, 1.0), "CUSTOM_FPGA", inv(2, 0, 1.0)),
                Set.of("COMPUTE_ARCH_X86_64", "CUSTOM_FAST"));
        assertThat(traits()).containsExactlyInAnyOrder("COMPUTE_ARCH_X86_64", "CUSTOM_FAST", "CUSTOM_OPERATOR_PICK");
        assertThat(services.placement.providers().get(HOST_A).name()).isEqualTo("new-name");
    }

    private List<String> traits() {
        return services.placement.providers().traits(HOST_A).stream().map(NamedItem::name).toList();
    }
}
