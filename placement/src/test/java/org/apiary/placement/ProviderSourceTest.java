package org.apiary.placement;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collection;
import org.apiary.common.config.Config;
import org.apiary.placement.domain.candidates.ProviderView;
import org.junit.jupiter.api.Test;

/** The candidates engine's snapshot: reused while nothing changes, rebuilt after any write on any node. */
class ProviderSourceTest extends PlacementTestBase {

    @Test
    void snapshotIsReusedUntilTheChangeCounterMoves() throws Exception {
        String rp = cloud.createProvider("snap", null);
        cloud.setInventory(rp, "\"VCPU\": {\"total\": 8}");
        var source = cloud.placement().providerSource();
        Collection<ProviderView> first = source.snapshot();
        assertThat(source.snapshot()).isSameAs(first);
        ProviderView v = first.iterator().next();
        assertThat(v.uuid()).isEqualTo(rp);
        assertThat(v.inventories().get("VCPU").total()).isEqualTo(8);
        assertThat(v.rootUuid()).isEqualTo(rp);

        // A second node on the same database sees this node's writes, and the other way round.
        PlacementModule otherNode = new PlacementModule(Config.empty(), cloud.database());
        assertThat(otherNode.providerSource().snapshot()).hasSize(1);
        expect(cloud.send("PUT", "/resource_providers/" + rp + "/traits", null,
                "{\"resource_provider_generation\": 1, \"traits\": [\"HW_CPU_X86_SSE\"]}"), 200);
        Collection<ProviderView> after = otherNode.providerSource().snapshot();
        assertThat(after.iterator().next().traits()).containsExactly("HW_CPU_X86_SSE");
        assertThat(source.snapshot()).isNotSameAs(first);
        expect(cloud.send("PUT", "/allocations/" + uuid(), "1.28", "{\"allocations\": {\"" + rp + "\": {\"resources\": "
                + "{\"VCPU\": 3}}}, \"project_id\": \"p\", \"user_id\": \"u\", \"consumer_generation\": null}"), 204);
        assertThat(otherNode.providerSource().snapshot().iterator().next().used("VCPU")).isEqualTo(3);
    }

    @Test
    void allocationWritesRefreshUsagesAndGenerationsAndKeepTheRest() throws Exception {
        String rp = cloud.createProvider("usage-only", null);
        cloud.setInventory(rp, "\"VCPU\": {\"total\": 8}");
        var source = cloud.placement().providerSource();
        ProviderView before = source.snapshot().iterator().next();
        String consumer = uuid();
        expect(cloud.send("PUT", "/allocations/" + consumer, "1.28", "{\"allocations\": {\"" + rp
                + "\": {\"resources\": {\"VCPU\": 2}}}, \"project_id\": \"p\", \"user_id\": \"u\", "
                + "\"consumer_generation\": null}"), 204);
        ProviderView after = source.snapshot().iterator().next();
        assertThat(after.used("VCPU")).isEqualTo(2);
        assertThat(after.generation()).isEqualTo(before.generation() + 1);
        // Only usages and generations were reloaded: the rest is the very same objects.
        assertThat(after.inventories()).isSameAs(before.inventories());
        assertThat(after.traits()).isSameAs(before.traits());
        expect(cloud.send("DELETE", "/allocations/" + consumer, null, null), 204);
        ProviderView freed = source.snapshot().iterator().next();
        assertThat(freed.used("VCPU")).isZero();
        // A structural write after that reloads everything again.
        expect(cloud.send("PUT", "/resource_providers/" + rp + "/traits", null,
                "{\"resource_provider_generation\": " + freed.generation()
                        + ", \"traits\": [\"HW_CPU_X86_SSE\"]}"), 200);
        ProviderView structural = source.snapshot().iterator().next();
        assertThat(structural.traits()).containsExactly("HW_CPU_X86_SSE");
        assertThat(structural.inventories()).isNotSameAs(before.inventories());
    }

    @Test
    void knowsEveryClassAndTraitNotOnlyThoseInUse() {
        var source = cloud.placement().providerSource();
        assertThat(source.traitExists("HW_CPU_X86_AVX2")).isTrue();
        assertThat(source.resourceClassExists("PCI_DEVICE")).isTrue();
        assertThat(source.traitExists("CUSTOM_LATE")).isFalse();
        expect(cloud.send("PUT", "/traits/CUSTOM_LATE", null, null), 201);
        expect(cloud.send("PUT", "/resource_classes/CUSTOM_LATE", null, null), 201);
        assertThat(source.traitExists("CUSTOM_LATE")).isTrue();
        assertThat(source.resourceClassExists("CUSTOM_LATE")).isTrue();
    }
}
