package org.apiary.placement.candidates;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apiary.placement.domain.candidates.Inventory;
import org.apiary.placement.domain.candidates.ProviderSource;
import org.apiary.placement.domain.candidates.ProviderView;

/**
 * An in-memory provider source built the way upstream's gabbit fixtures build theirs
 * ({@code tests/functional/db/test_base.py}: create_provider, add_inventory, set_traits,
 * set_allocation), so the fixtures read like their Python originals.
 */
final class FakeProviders implements ProviderSource {
    /** The standard resource classes the tests use (a subset of os-resource-classes). */
    static final Set<String> STANDARD_CLASSES = Set.of("VCPU", "MEMORY_MB", "DISK_GB", "PCI_DEVICE", "SRIOV_NET_VF",
            "NUMA_SOCKET", "NUMA_CORE", "NUMA_THREAD", "NUMA_MEMORY_MB", "IPV4_ADDRESS", "VGPU",
            "VGPU_DISPLAY_HEAD", "NET_BW_EGR_KILOBIT_PER_SEC", "NET_BW_IGR_KILOBIT_PER_SEC",
            "NET_PACKET_RATE_KILOPACKET_PER_SEC", "NET_PACKET_RATE_EGR_KILOPACKET_PER_SEC",
            "NET_PACKET_RATE_IGR_KILOPACKET_PER_SEC", "PMEM_NAMESPACE_SMALL", "FPGA", "PGPU", "MEM_ENCRYPTION_CONTEXT");
    /** The standard traits the tests use (a subset of os-traits). */
    static final Set<String> STANDARD_TRAITS = Set.of("MISC_SHARES_VIA_AGGREGATE", "HW_CPU_X86_SSE",
            "HW_CPU_X86_SSE2", "HW_CPU_X86_SSE3", "HW_CPU_X86_SSE42", "HW_CPU_X86_AVX", "HW_CPU_X86_AVX2",
            "HW_CPU_X86_AVX512F", "HW_CPU_X86_MMX", "HW_CPU_X86_VMX", "HW_GPU_API_DXVA", "HW_NIC_DCB_PFC",
            "HW_NIC_ACCEL_TLS", "HW_NIC_OFFLOAD_GENEVE", "HW_NUMA_ROOT", "STORAGE_DISK_SSD", "STORAGE_DISK_HDD",
            "COMPUTE_VOLUME_MULTI_ATTACH", "COMPUTE_STATUS_DISABLED", "HW_NIC_SRIOV");

    private static final class Rp {
        final String name;
        final String uuid;
        final Rp parent;
        final Map<String, Inventory> inventories = new LinkedHashMap<>();
        final Map<String, Long> usages = new HashMap<>();
        final Set<String> traits = new LinkedHashSet<>();
        final Set<String> aggregates = new LinkedHashSet<>();

        Rp(String name, String uuid, Rp parent) {
            this.name = name;
            this.uuid = uuid;
            this.parent = parent;
        }

        Rp root() {
            return parent == null ? this : parent.root();
        }
    }

    private final Map<String, Rp> byName = new LinkedHashMap<>();
    private final Set<String> customClasses = new LinkedHashSet<>();
    private final Set<String> customTraits = new LinkedHashSet<>();
    private List<ProviderView> snapshot;

    /** create_provider(name, *aggs): a root provider in the given aggregates. */
    FakeProviders provider(String name, String... aggregates) {
        return add(name, null, aggregates);
    }

    /** create_provider(name, *aggs, parent=...): a child provider. */
    FakeProviders child(String name, String parent, String... aggregates) {
        return add(name, byName.get(parent), aggregates);
    }

    private FakeProviders add(String name, Rp parent, String... aggregates) {
        if (byName.containsKey(name)) {
            throw new IllegalArgumentException("duplicate provider " + name);
        }
        Rp rp = new Rp(name, UUID.nameUUIDFromBytes(name.getBytes()).toString(), parent);
        rp.aggregates.addAll(List.of(aggregates));
        byName.put(name, rp);
        snapshot = null;
        return this;
    }

    /** add_inventory with upstream's defaults: reserved 0, min 1, max = total, step 1, ratio 1.0. */
    FakeProviders inventory(String name, String rc, long total) {
        return inventory(name, rc, new Inventory(total, 0, 1, total, 1, 1.0));
    }

    FakeProviders inventory(String name, String rc, Inventory inventory) {
        if (rc.startsWith("CUSTOM_")) {
            customClasses.add(rc);
        }
        rp(name).inventories.put(rc, inventory);
        snapshot = null;
        return this;
    }

    FakeProviders traits(String name, String... traits) {
        for (String t : traits) {
            if (t.startsWith("CUSTOM_")) {
                customTraits.add(t);
            }
        }
        rp(name).traits.clear();
        rp(name).traits.addAll(List.of(traits));
        snapshot = null;
        return this;
    }

    FakeProviders aggregates(String name, String... aggregates) {
        rp(name).aggregates.clear();
        rp(name).aggregates.addAll(List.of(aggregates));
        snapshot = null;
        return this;
    }

    /** set_allocation: usage of a class on a provider (summed over consumers). */
    FakeProviders used(String name, String rc, long amount) {
        rp(name).usages.merge(rc, amount, Long::sum);
        snapshot = null;
        return this;
    }

    FakeProviders customClass(String rc) {
        customClasses.add(rc);
        return this;
    }

    FakeProviders customTrait(String trait) {
        customTraits.add(trait);
        return this;
    }

    String uuid(String name) {
        return rp(name).uuid;
    }

    String nameOf(String uuid) {
        return byName.values().stream().filter(r -> r.uuid.equals(uuid)).findFirst().orElseThrow().name;
    }

    private Rp rp(String name) {
        Rp rp = byName.get(name);
        if (rp == null) {
            throw new IllegalArgumentException("no provider " + name);
        }
        return rp;
    }

    @Override
    public synchronized Collection<ProviderView> snapshot() {
        if (snapshot == null) {
            List<ProviderView> out = new ArrayList<>();
            for (Rp rp : byName.values()) {
                out.add(new ProviderView(rp.uuid, rp.name, rp.parent == null ? null : rp.parent.uuid, rp.root().uuid,
                        0, Map.copyOf(rp.inventories), Map.copyOf(rp.usages), Set.copyOf(rp.traits),
                        Set.copyOf(rp.aggregates)));
            }
            snapshot = List.copyOf(out);
        }
        return snapshot;
    }

    @Override
    public boolean resourceClassExists(String name) {
        return STANDARD_CLASSES.contains(name) || customClasses.contains(name);
    }

    @Override
    public boolean traitExists(String name) {
        return STANDARD_TRAITS.contains(name) || customTraits.contains(name);
    }
}
