package org.apiary.placement.candidates;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Port of upstream gabbits/granular-same-subtree.yaml and same-subtree-deep.yaml (NUMANetworkFixture). */
class SameSubtreeTest {
    private final FakeProviders f = Fixtures.numaNetwork(false);
    private final CandidatesApi api = new CandidatesApi(f);

    private String u(String name) {
        return f.uuid(name);
    }

    private CandidatesApi.Response get(String query) {
        return api.get("/allocation_candidates?" + query, "1.36");
    }

    private static List<String> mapped(CandidatesApi.Response r, String suffix) {
        List<String> out = new ArrayList<>();
        for (JsonNode ar : r.body().get("allocation_requests")) {
            out.add(ar.get("mappings").get(suffix).get(0).asText());
        }
        return out;
    }

    @Test
    void validation() {
        CandidatesApi.Response r = get("resources1=VCPU:1&required2=COMPUTE_VOLUME_MULTI_ATTACH&group_policy=none");
        assertThat(r.errorDetail()).contains("Resourceless suffixed group request should be specified in "
                + "`same_subtree` query param");
        assertThat(r.errorCode()).isEqualTo("placement.query.bad_value");
        r = get("resources1=VCPU:1&member_of2=" + Fixtures.AGG_A + "&group_policy=none");
        assertThat(r.errorCode()).isEqualTo("placement.query.bad_value");
        r = get("member_of1=" + Fixtures.AGG_A + "&group_policy=none");
        assertThat(r.errorDetail()).contains("There must be at least one resources or resources[$S] parameter.");
        assertThat(r.errorCode()).isEqualTo("placement.query.missing_value");
        r = get("resources_COMPUTE=VCPU:1&resources_ACCEL=CUSTOM_FPGA:1&same_subtree=COMPUTE,_ACCEL&group_policy=none");
        assertThat(r.errorDetail()).contains("Real suffixes should be specified in `same_subtree`:");
        assertThat(r.errorCode()).isEqualTo("placement.query.bad_value");
        r = get("resources_COMPUTE=VCPU:1&resources_ACCEL=CUSTOM_FPGA:1&same_subtree=_COMPUTE,,_ACCEL"
                + "&group_policy=none");
        assertThat(r.errorDetail()).contains("Empty string (unsuffixed group) can not be specified in `same_subtree`");
        assertThat(r.errorCode()).isEqualTo("placement.query.bad_value");
        assertThat(r.body().at("/errors/0/title").asText()).isEqualTo("Bad Request");
    }

    @Test
    void resourcefulGroups() {
        for (String subtree : new String[] {"", "&same_subtree=_COMPUTE"}) {
            CandidatesApi.Response r = get("resources_COMPUTE=VCPU:1&resources_ACCEL=CUSTOM_FPGA:1&group_policy=none"
                    + subtree);
            assertThat(r.requestCount()).isEqualTo(6);
            assertThat(r.amounts(u("numa0"), "VCPU")).containsExactly(1L, 1L, 1L);
            assertThat(r.amounts(u("fpga1_1"), "CUSTOM_FPGA")).containsExactly(1L, 1L);
        }
        CandidatesApi.Response r = get("resources_COMPUTE=VCPU:1&resources_ACCEL=CUSTOM_FPGA:1"
                + "&same_subtree=_COMPUTE,_ACCEL&group_policy=none");
        assertThat(r.requestCount()).isEqualTo(3);
        assertThat(r.amounts(u("numa0"), "VCPU")).containsExactly(1L);
        assertThat(r.amounts(u("numa1"), "VCPU")).containsExactly(1L, 1L);
        r = get("resources_COMPUTE1=VCPU:1&resources_COMPUTE2=MEMORY_MB:1024&same_subtree=_COMPUTE1,_COMPUTE2"
                + "&group_policy=none");
        assertThat(r.requestCount()).isEqualTo(3);
        for (String p : new String[] {"numa0", "numa1", "cn2"}) {
            assertThat(r.resourcesOf(u(p))).containsExactly(Map.of("VCPU", 1L, "MEMORY_MB", 1024L));
        }
        r = get("resources_COMPUTE1=VCPU:1&resources_COMPUTE2=MEMORY_MB:1024&same_subtree=_COMPUTE1,_COMPUTE2"
                + "&group_policy=isolate");
        assertThat(r.requestCount()).isZero();
        r = get("resources=VCPU:1&resources_PORT1=CUSTOM_VF:4&required_PORT1=CUSTOM_PHYSNET1"
                + "&resources_PORT2=CUSTOM_VF:4&required_PORT2=CUSTOM_PHYSNET2&group_policy=none");
        assertThat(r.requestCount()).isEqualTo(2);
        assertThat(r.amounts(u("pf1_2"), "CUSTOM_VF")).containsExactly(4L, 4L);
        assertThat(r.amounts(u("pf3_1"), "CUSTOM_VF")).containsExactly(4L);
    }

    @Test
    void resourcelessNicRoot() {
        String base = "resources=VCPU:1&required_NIC=CUSTOM_HW_NIC_ROOT&required_PORT1=CUSTOM_PHYSNET1"
                + "&required_PORT2=CUSTOM_PHYSNET2&same_subtree=_NIC,_PORT1,_PORT2";
        CandidatesApi.Response r = get(base + "&resources_PORT1=CUSTOM_VF:4&resources_PORT2=CUSTOM_VF:4"
                + "&group_policy=none");
        assertThat(r.requestCount()).isEqualTo(1);
        assertThat(r.body().at("/allocation_requests/0/allocations").size()).isEqualTo(3);
        assertThat(r.body().at("/allocation_requests/0/mappings").size()).isEqualTo(4);
        assertThat(mapped(r, "")).containsExactly(u("cn2"));
        assertThat(mapped(r, "_NIC")).containsExactly(u("nic1"));
        assertThat(mapped(r, "_PORT1")).containsExactly(u("pf1_1"));
        assertThat(mapped(r, "_PORT2")).containsExactly(u("pf1_2"));
        for (String policy : new String[] {"none", "isolate"}) {
            r = get(base + "&resources_PORT1=CUSTOM_VF:2&resources_PORT2=CUSTOM_VF:2&group_policy=" + policy);
            assertThat(r.requestCount()).isEqualTo(5);
            assertThat(r.amounts(u("pf2_1"), "CUSTOM_VF")).containsExactly(2L, 2L);
            assertThat(r.amounts(u("pf2_4"), "CUSTOM_VF")).containsExactly(2L, 2L);
        }
        String split = "resources=VCPU:1&required_NIC=CUSTOM_HW_NIC_ROOT&resources_PORT1=CUSTOM_VF:2"
                + "&required_PORT1=CUSTOM_PHYSNET1&resources_PORT2A=CUSTOM_VF:1&required_PORT2A=CUSTOM_PHYSNET2"
                + "&resources_PORT2B=CUSTOM_VF:1&required_PORT2B=CUSTOM_PHYSNET2"
                + "&same_subtree=_NIC,_PORT1,_PORT2A,_PORT2B";
        r = get(split + "&group_policy=none");
        assertThat(r.requestCount()).isEqualTo(9);
        assertThat(r.amounts(u("pf2_2"), "CUSTOM_VF")).containsExactlyInAnyOrder(1L, 1L, 1L, 1L, 2L, 2L);
        assertThat(r.amounts(u("pf2_1"), "CUSTOM_VF")).containsExactly(2L, 2L, 2L, 2L);
        r = get(split + "&group_policy=isolate");
        assertThat(r.requestCount()).isEqualTo(4);
        assertThat(r.amounts(u("pf2_2"), "CUSTOM_VF")).containsExactly(1L, 1L, 1L, 1L);
        assertThat(r.amounts(u("pf2_3"), "CUSTOM_VF")).containsExactly(2L, 2L);
    }

    @Test
    void resourcelessOnTheSameProvider() {
        CandidatesApi.Response r = get("resources_PORT1=CUSTOM_VF:8&required_PORT2=CUSTOM_PHYSNET1"
                + "&same_subtree=_PORT1,_PORT2&group_policy=none");
        assertThat(r.requestCount()).isEqualTo(1);
        assertThat(mapped(r, "_PORT1")).containsExactly(u("pf3_1"));
        assertThat(mapped(r, "_PORT2")).containsExactly(u("pf3_1"));
        assertThat(get("resources_PORT1=CUSTOM_VF:8&required_PORT2=CUSTOM_PHYSNET1&same_subtree=_PORT1,_PORT2"
                + "&group_policy=isolate").requestCount()).isZero();
        String three = "resources_COMPUTE1=VCPU:1&required_COMPUTE2=CUSTOM_FOO&required_COMPUTE3=HW_NUMA_ROOT"
                + "&same_subtree=_COMPUTE1,_COMPUTE2,_COMPUTE3";
        r = get(three + "&group_policy=none");
        assertThat(r.requestCount()).isEqualTo(1);
        assertThat(mapped(r, "_COMPUTE3")).containsExactly(u("numa1"));
        assertThat(get(three + "&group_policy=isolate").requestCount()).isZero();
    }

    @Test
    void accelerators() {
        for (String subtree : new String[] {"_NUMA,_ACCEL1,_ACCEL2", "_NUMA,_ACCEL1,_ACCEL2,_NUMA,_ACCEL1"}) {
            CandidatesApi.Response r = get("required_NUMA=HW_NUMA_ROOT&resources_ACCEL1=CUSTOM_FPGA:1"
                    + "&resources_ACCEL2=CUSTOM_FPGA:1&same_subtree=" + subtree + "&group_policy=isolate");
            assertThat(r.requestCount()).isEqualTo(2);
            assertThat(r.amounts(u("fpga1_0"), "CUSTOM_FPGA")).containsExactly(1L, 1L);
            assertThat(mapped(r, "_NUMA")).containsExactly(u("numa1"), u("numa1"));
        }
        assertThat(get("required_NUMA=HW_NUMA_ROOT,!CUSTOM_FOO&resources_ACCEL1=CUSTOM_FPGA:1"
                + "&resources_ACCEL2=CUSTOM_FPGA:1&same_subtree=_NUMA,_ACCEL1,_ACCEL2&group_policy=isolate")
                .requestCount()).isZero();
    }

    @Test
    void multipleSameSubtrees() {
        CandidatesApi.Response r = get("required_NUMA=HW_NUMA_ROOT&resources_COMPUTE=VCPU:2,MEMORY_MB:512"
                + "&resources_FPGA=CUSTOM_FPGA:1&resources_GPU=VGPU:1&required_SRIOV=CUSTOM_VNIC_TYPE_DIRECT"
                + "&resources_NET1=NET_BW_EGR_KILOBIT_PER_SEC:100&required_NET1=CUSTOM_PHYSNET1"
                + "&resources_NET2=NET_BW_EGR_KILOBIT_PER_SEC:100&required_NET2=CUSTOM_PHYSNET2"
                + "&same_subtree=_NUMA,_COMPUTE,_GPU,_FPGA&same_subtree=_SRIOV,_NET1,_NET2&group_policy=none");
        assertThat(r.requestCount()).isEqualTo(1);
        assertThat(r.resourcesOf(u("numa0"))).containsExactly(Map.of("VCPU", 2L, "MEMORY_MB", 512L));
        assertThat(r.resourcesOf(u("esn2"))).containsExactly(Map.of("NET_BW_EGR_KILOBIT_PER_SEC", 100L));
        assertThat(mapped(r, "_SRIOV")).containsExactly(u("sriov_agent"));
        assertThat(mapped(r, "_GPU")).containsExactly(u("pgpu0"));
    }

    @Test
    void overlappingVersusCombinedSubtrees() {
        String base = "resources_COMPUTE=VCPU:1&required_NIC=CUSTOM_HW_NIC_ROOT&resources_PORT1=CUSTOM_VF:2"
                + "&required_PORT1=CUSTOM_PHYSNET1&group_policy=none";
        CandidatesApi.Response r = get(base + "&same_subtree=_NIC,_COMPUTE&same_subtree=_NIC,_PORT1");
        assertThat(r.summaryCount()).isEqualTo(11);
        assertThat(r.requestCount()).isEqualTo(4);
        assertThat(mapped(r, "_COMPUTE")).containsOnly(u("cn2"));
        assertThat(r.amounts(u("pf2_3"), "CUSTOM_VF")).containsExactly(2L);
        r = get(base + "&same_subtree=_NIC,_COMPUTE,_PORT1");
        assertThat(r.summaryCount()).isEqualTo(11);
        assertThat(r.requestCount()).isEqualTo(12);
        assertThat(r.amounts(u("pf1_1"), "CUSTOM_VF")).containsExactly(2L, 2L, 2L);
        assertThat(get("required_MULTI_ATTACH=COMPUTE_VOLUME_MULTI_ATTACH&resources_BW=NET_BW_EGR_KILOBIT_PER_SEC:100"
                + "&resources_COMPUTE=VCPU:4&same_subtree=_MULTI_ATTACH,_BW,_COMPUTE&group_policy=isolate")
                .requestCount()).isEqualTo(3);
    }

    @Test
    void deepHierarchy() {
        FakeProviders deep = Fixtures.numaNetwork(true);
        CandidatesApi deepApi = new CandidatesApi(deep);
        for (String q : new String[] {
                "resources_COMPUTE=VCPU:1&required_COMPUTE=CUSTOM_FOO&required_NIC=CUSTOM_HW_NIC_ROOT"
                        + "&resources_PORT1=CUSTOM_VF:2&required_PORT1=CUSTOM_PHYSNET1"
                        + "&same_subtree=_NIC,_COMPUTE&same_subtree=_NIC,_PORT1&group_policy=none",
                "resources_COMPUTE=VCPU:1&required_COMPUTE=CUSTOM_FOO&resources_PORT1=CUSTOM_VF:2"
                        + "&required_PORT1=CUSTOM_PHYSNET1&same_subtree=_COMPUTE,_PORT1&group_policy=none",
                "resources_COMPUTE=VCPU:1&resources_PORT1=CUSTOM_VF:2&required_PORT1=CUSTOM_PHYSNET1"
                        + "&same_subtree=_COMPUTE,_PORT1&group_policy=none"}) {
            CandidatesApi.Response r = deepApi.get("/allocation_candidates?" + q, "1.36");
            assertThat(r.summaryCount()).isEqualTo(26);
            assertThat(r.requestCount()).isEqualTo(4);
            assertThat(mapped(r, "_COMPUTE")).containsOnly(deep.uuid("cn2"));
            assertThat(r.amounts(deep.uuid("pf3_1"), "CUSTOM_VF")).containsExactly(2L);
        }
    }
}
