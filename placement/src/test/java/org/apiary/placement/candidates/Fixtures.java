package org.apiary.placement.candidates;

import org.apiary.placement.domain.candidates.Inventory;

/** The provider layouts of upstream's gabbit fixtures (placement/tests/functional/fixtures/gabbits.py). */
final class Fixtures {
    static final String AGG = "14a5c8a3-5a99-4e8f-88be-00d85fcb1c17";
    static final String AGG_A = "aaaaaaaa-0000-4000-8000-00000000000a";
    static final String AGG_B = "bbbbbbbb-0000-4000-8000-00000000000b";
    static final String AGG_C = "cccccccc-0000-4000-8000-00000000000c";

    private Fixtures() {}

    static Inventory inv(long total, long reserved, double ratio) {
        return new Inventory(total, reserved, 1, total, 1, ratio);
    }

    static Inventory inv(long total, long reserved, long min, long max, long step, double ratio) {
        return new Inventory(total, reserved, min, max, step, ratio);
    }

    /**
     * SharedStorageFixture: cn1 (VCPU, RAM, SSE/SSE2) and cn2 (VCPU, RAM, local disk), both in
     * one aggregate with two sharing disk providers; each compute node has two NUMA children,
     * each with one PF child of 8 VFs.
     */
    static FakeProviders sharedStorage() {
        FakeProviders f = new FakeProviders()
                .provider("cn1", AGG).provider("cn2", AGG).provider("ss", AGG).provider("ss2", AGG)
                .child("numa1_1", "cn1").child("numa1_2", "cn1").child("numa2_1", "cn2").child("numa2_2", "cn2")
                .child("pf1_1", "numa1_1").child("pf1_2", "numa1_2").child("pf2_1", "numa2_1")
                .child("pf2_2", "numa2_2");
        for (String cn : new String[] {"cn1", "cn2"}) {
            f.inventory(cn, "VCPU", inv(24, 0, 16.0)).inventory(cn, "MEMORY_MB", inv(128 * 1024, 0, 1.5));
        }
        f.traits("cn1", "HW_CPU_X86_SSE", "HW_CPU_X86_SSE2");
        f.inventory("cn2", "DISK_GB", inv(2000, 100, 1.0));
        for (String ss : new String[] {"ss", "ss2"}) {
            f.inventory(ss, "DISK_GB", inv(2000, 100, 1.0)).traits(ss, "MISC_SHARES_VIA_AGGREGATE");
        }
        for (String pf : new String[] {"pf1_1", "pf1_2", "pf2_1", "pf2_2"}) {
            f.inventory(pf, "SRIOV_NET_VF", inv(8, 0, 1.0));
        }
        return f;
    }

    /** NUMAAggregateFixture: compute nodes without resources, VCPU on NUMA children, aggregates at several levels. */
    static FakeProviders numaAggregate() {
        FakeProviders f = new FakeProviders()
                .provider("cn1", AGG_A).provider("cn2", AGG_A, AGG_B).provider("ss1", AGG_A).provider("ss2", AGG_C)
                .child("numa1_1", "cn1", AGG_C).child("numa1_2", "cn1").child("numa2_1", "cn2")
                .child("numa2_2", "cn2");
        for (String numa : new String[] {"numa1_1", "numa1_2", "numa2_1", "numa2_2"}) {
            f.inventory(numa, "VCPU", inv(24, 0, 16.0));
        }
        for (String ss : new String[] {"ss1", "ss2"}) {
            f.inventory(ss, "DISK_GB", inv(2000, 100, 1.0)).traits(ss, "MISC_SHARES_VIA_AGGREGATE");
        }
        return f;
    }

    /** GranularFixture: three flat compute nodes and three sharing providers across aggregates A, B, C. */
    static FakeProviders granular() {
        FakeProviders f = new FakeProviders().customClass("CUSTOM_NET_MBPS");
        f.provider("cn_left", AGG_A);
        for (String[] rc : new String[][] {{"VCPU", "8"}, {"MEMORY_MB", "4096"}, {"DISK_GB", "500"}, {"VGPU", "8"},
                {"SRIOV_NET_VF", "8"}, {"CUSTOM_NET_MBPS", "4000"}}) {
            f.inventory("cn_left", rc[0], Long.parseLong(rc[1]));
        }
        f.traits("cn_left", "HW_CPU_X86_AVX", "HW_CPU_X86_AVX2", "HW_GPU_API_DXVA", "HW_NIC_DCB_PFC", "CUSTOM_FOO");
        f.provider("cn_middle", AGG_A, AGG_B);
        for (String[] rc : new String[][] {{"VCPU", "8"}, {"MEMORY_MB", "4096"}, {"SRIOV_NET_VF", "8"},
                {"CUSTOM_NET_MBPS", "4000"}}) {
            f.inventory("cn_middle", rc[0], Long.parseLong(rc[1]));
        }
        f.traits("cn_middle", "HW_CPU_X86_AVX", "HW_CPU_X86_AVX2", "HW_CPU_X86_SSE", "HW_NIC_ACCEL_TLS");
        f.provider("cn_right", AGG_B, AGG_C)
                .inventory("cn_right", "VCPU", 8).inventory("cn_right", "MEMORY_MB", 4096)
                .inventory("cn_right", "DISK_GB", 500).inventory("cn_right", "VGPU", inv(8, 0, 1, 2, 1, 1.0))
                .traits("cn_right", "HW_CPU_X86_MMX", "HW_GPU_API_DXVA", "CUSTOM_DISK_SSD");
        f.provider("shr_disk_1", AGG_A).inventory("shr_disk_1", "DISK_GB", 1000)
                .traits("shr_disk_1", "MISC_SHARES_VIA_AGGREGATE", "CUSTOM_DISK_SSD");
        f.provider("shr_disk_2", AGG_A, AGG_B).inventory("shr_disk_2", "DISK_GB", 1000)
                .traits("shr_disk_2", "MISC_SHARES_VIA_AGGREGATE");
        f.provider("shr_net", AGG_C).inventory("shr_net", "SRIOV_NET_VF", 16)
                .inventory("shr_net", "CUSTOM_NET_MBPS", 40000).traits("shr_net", "MISC_SHARES_VIA_AGGREGATE");
        return f;
    }

    /** NUMANetworkFixture (see the diagram upstream); {@code deep} adds gp1 → p1/p2 above cn1/cn2. */
    static FakeProviders numaNetwork(boolean deep) {
        FakeProviders f = new FakeProviders().customClass("CUSTOM_FPGA").customClass("CUSTOM_VF");
        if (deep) {
            f.provider("gp1").child("p1", "gp1").child("p2", "gp1").child("cn1", "p1").child("cn2", "p2");
        }
        f.provider("ss1", AGG_A).traits("ss1", "MISC_SHARES_VIA_AGGREGATE").inventory("ss1", "DISK_GB", 2000);
        if (!deep) {
            f.provider("cn1");
        }
        f.aggregates("cn1", AGG_A).traits("cn1", "COMPUTE_VOLUME_MULTI_ATTACH");
        f.child("numa0", "cn1").traits("numa0", "HW_NUMA_ROOT").inventory("numa0", "VCPU", 4);
        f.child("numa1", "cn1").traits("numa1", "HW_NUMA_ROOT", "CUSTOM_FOO").inventory("numa1", "VCPU", 4);
        f.inventory("numa0", "MEMORY_MB", inv(2048, 0, 512, 2048, 256, 1.0));
        f.inventory("numa1", "MEMORY_MB", inv(2048, 0, 256, 1024, 1, 1.0));
        f.used("numa0", "VCPU", 2);
        f.child("fpga0", "numa0").inventory("fpga0", "CUSTOM_FPGA", 1);
        f.child("pgpu0", "numa0").inventory("pgpu0", "VGPU", 8);
        f.child("fpga1_0", "numa1").inventory("fpga1_0", "CUSTOM_FPGA", 1);
        f.child("fpga1_1", "numa1").inventory("fpga1_1", "CUSTOM_FPGA", 1);
        f.child("sriov_agent", "cn1").traits("sriov_agent", "CUSTOM_VNIC_TYPE_DIRECT");
        f.child("esn1", "sriov_agent").traits("esn1", "CUSTOM_PHYSNET1")
                .inventory("esn1", "NET_BW_EGR_KILOBIT_PER_SEC", 10000);
        f.child("esn2", "sriov_agent").traits("esn2", "CUSTOM_PHYSNET2")
                .inventory("esn2", "NET_BW_EGR_KILOBIT_PER_SEC", 20000);
        f.child("ovs_agent", "cn1").traits("ovs_agent", "CUSTOM_VNIC_TYPE_NORMAL");
        f.child("br_int", "ovs_agent").traits("br_int", "CUSTOM_PHYSNET0")
                .inventory("br_int", "NET_BW_EGR_KILOBIT_PER_SEC", 1000);
        if (!deep) {
            f.provider("cn2");
        }
        f.aggregates("cn2", AGG_A).inventory("cn2", "VCPU", 8).used("cn2", "VCPU", 3)
                .inventory("cn2", "MEMORY_MB", inv(2048, 0, 1024, 2048, 128, 1.0)).inventory("cn2", "DISK_GB", 1000)
                .traits("cn2", "CUSTOM_FOO");
        for (int i = 1; i <= 3; i++) {
            f.child("nic" + i, "cn2").traits("nic" + i, "CUSTOM_HW_NIC_ROOT");
        }
        for (int i = 1; i <= 2; i++) {
            f.child("pf1_" + i, "nic1").traits("pf1_" + i, "CUSTOM_PHYSNET" + i).inventory("pf1_" + i, "CUSTOM_VF", 4);
        }
        for (int i = 0; i < 4; i++) {
            String pf = "pf2_" + (i + 1);
            f.child(pf, "nic2").traits(pf, "CUSTOM_PHYSNET" + (i % 2 + 1)).inventory(pf, "CUSTOM_VF", 2);
        }
        f.child("pf3_1", "nic3").traits("pf3_1", "CUSTOM_PHYSNET1").inventory("pf3_1", "CUSTOM_VF", 8);
        return f;
    }

    /** NonSharedStorageFixture: three flat compute nodes with local disk, no aggregates. */
    static FakeProviders nonSharedStorage() {
        FakeProviders f = new FakeProviders();
        for (String cn : new String[] {"cn1", "cn2", "cn3"}) {
            f.provider(cn).inventory(cn, "VCPU", 24).inventory(cn, "MEMORY_MB", 128 * 1024)
                    .inventory(cn, "DISK_GB", 2000);
        }
        return f;
    }

    /**
     * NeutronQoSMultiSegmentFixture: four compute trees (compute → OVS agent → br-ex bridges,
     * compute → NIC switch agent → PFs), compute0 on another physnet, compute1/2 on one segment
     * each, compute3 on both with little bandwidth.
     */
    static FakeProviders neutronMultiSegment() {
        FakeProviders f = new FakeProviders();
        String[] direct = {"CUSTOM_VNIC_TYPE_DIRECT", "CUSTOM_VNIC_TYPE_DIRECT_PHYSICAL", "CUSTOM_VNIC_TYPE_MACVTAP"};
        String[][] physnets = {{"CUSTOM_PHYSNET_OTHER"}, {"CUSTOM_PHYSNET_MSN_S1"}, {"CUSTOM_PHYSNET_MSN_S2"},
                {"CUSTOM_PHYSNET_MSN_S1", "CUSTOM_PHYSNET_MSN_S2"}};
        for (int c = 0; c < 4; c++) {
            String cn = "compute" + c;
            long bw = c == 3 ? 1000 : 5000;
            long pfBw = c == 3 ? 1000 : 10000;
            f.provider(cn).inventory(cn, "VCPU", 8).inventory(cn, "MEMORY_MB", 4096).inventory(cn, "DISK_GB", 500);
            f.child(cn + ":ovs_agent", cn).inventory(cn + ":ovs_agent", "NET_PACKET_RATE_KILOPACKET_PER_SEC", 1000)
                    .traits(cn + ":ovs_agent", "CUSTOM_VNIC_TYPE_NORMAL");
            f.child(cn + ":sriov_agent", cn).traits(cn + ":sriov_agent", direct);
            for (int i = 0; i < physnets[c].length; i++) {
                String br = cn + (i == 0 ? ":br_ex" : ":br_ex2");
                f.child(br, cn + ":ovs_agent").inventory(br, "NET_BW_EGR_KILOBIT_PER_SEC", bw)
                        .inventory(br, "NET_BW_IGR_KILOBIT_PER_SEC", bw)
                        .traits(br, "CUSTOM_VNIC_TYPE_NORMAL", physnets[c][i]);
                String pf = cn + ":pf" + i;
                f.child(pf, cn + ":sriov_agent").inventory(pf, "NET_BW_EGR_KILOBIT_PER_SEC", pfBw)
                        .inventory(pf, "NET_BW_IGR_KILOBIT_PER_SEC", pfBw)
                        .traits(pf, direct[0], direct[1], direct[2], physnets[c][i]);
            }
        }
        return f;
    }
}
