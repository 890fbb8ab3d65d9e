package org.apiary.placement.candidates;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Ports of upstream gabbits/allocation-candidates-any-traits.yaml (GranularFixture),
 * allocation-candidates-any-traits-groups.yaml (NeutronQoSMultiSegmentFixture) and
 * allocation-candidates-mappings-numa.yaml (NUMANetworkFixture).
 */
class AnyTraitsAndMappingsTest {

    @Test
    void anyOfTraitsFrom139() {
        FakeProviders f = Fixtures.granular();
        CandidatesApi api = new CandidatesApi(f);
        String notYet = "The format 'in:HW_CPU_X86_VMX,CUSTOM_MAGIC' only supported since microversion 1.39.";
        assertThat(api.get("/allocation_candidates?required=in:CUSTOM_FOO,HW_CPU_X86_MMX&resources=VCPU:1", "1.38")
                .errorDetail()).contains(notYet);
        assertThat(api.get("/allocation_candidates?requiredX=in:CUSTOM_FOO,HW_CPU_X86_MMX&resourcesX=VCPU:1", "1.38")
                .errorDetail()).contains(notYet);
        assertThat(api.get("/allocation_candidates?required=CUSTOM_FOO&required=HW_CPU_X86_MMX&resources=VCPU:1",
                "1.38").requestCount()).isEqualTo(1);
        assertThat(api.get("/allocation_candidates?requiredX=CUSTOM_FOO&requiredX=HW_CPU_X86_MMX&resourcesX=VCPU:1",
                "1.38").requestCount()).isEqualTo(1);
        CandidatesApi.Response r = api.get("/allocation_candidates?required=in:HW_GPU_API_DXVA,HW_NIC_ACCEL_TLS"
                + "&required=HW_CPU_X86_AVX,!CUSTOM_FOO&resources=VCPU:1,DISK_GB:1", "1.39");
        assertThat(r.requestCount()).isEqualTo(2);
        assertThat(r.amounts(f.uuid("cn_middle"), "VCPU")).containsExactly(1L, 1L);
        assertThat(r.amounts(f.uuid("shr_disk_1"), "DISK_GB")).containsExactly(1L);
        r = api.get("/allocation_candidates?required=in:HW_CPU_X86_MMX,HW_NIC_ACCEL_TLS"
                + "&required=in:CUSTOM_DISK_SSD,CUSTOM_FOO&resources=VCPU:1,DISK_GB:1", "1.39");
        assertThat(r.requestCount()).isEqualTo(3);
        assertThat(r.amounts(f.uuid("cn_right"), "VCPU")).containsExactly(1L, 1L);
        assertThat(r.amounts(f.uuid("cn_right"), "DISK_GB")).containsExactly(1L);
        assertThat(r.amounts(f.uuid("shr_disk_2"), "DISK_GB")).containsExactly(1L);
        assertThat(api.get("/allocation_candidates?required=in:,FOO&resources=VCPU:1", "1.39").errorDetail())
                .contains("Got an empty trait in: in:,FOO");
        assertThat(api.get("/allocation_candidates?required=in:!FOO,BAR&resources=VCPU:1", "1.39").errorDetail())
                .contains("does not support forbidden traits");
        assertThat(api.get("/allocation_candidates?required=in:CUSTOM_FOO,HW_CPU_X86_MMX&required=!CUSTOM_FOO"
                + "&required=!HW_CPU_X86_MMX&resources=VCPU:1", "1.39").errorDetail())
                .contains("Conflicting required and forbidden traits found in the following traits keys: "
                        + "required: (CUSTOM_FOO, HW_CPU_X86_MMX)");
    }

    @Test
    void anyOfTraitsInGranularGroups() {
        FakeProviders f = Fixtures.neutronMultiSegment();
        CandidatesApi api = new CandidatesApi(f);
        String vm = "/allocation_candidates?resources=VCPU:1,MEMORY_MB:1024,DISK_GB:10";
        CandidatesApi.Response r = api.get(vm + "&resources-port-normal-pps=NET_PACKET_RATE_KILOPACKET_PER_SEC:1000"
                + "&required-port-normal-pps=CUSTOM_VNIC_TYPE_NORMAL"
                + "&resources-port-normal-bw=NET_BW_EGR_KILOBIT_PER_SEC:1000,NET_BW_IGR_KILOBIT_PER_SEC:1000"
                + "&required-port-normal-bw=CUSTOM_VNIC_TYPE_NORMAL,CUSTOM_PHYSNET_OTHER"
                + "&same_subtree=-port-normal-pps,-port-normal-bw&group_policy=none", "1.39");
        assertThat(r.requestCount()).isEqualTo(1);
        assertThat(r.amounts(f.uuid("compute0:br_ex"), "NET_BW_IGR_KILOBIT_PER_SEC")).containsExactly(1000L);
        r = api.get(vm + port("port", 1000, 1000) + "&group_policy=none", "1.39");
        assertThat(r.requestCount()).isEqualTo(4);
        assertThat(r.amounts(f.uuid("compute3"), "VCPU")).containsExactly(1L, 1L);
        assertThat(r.amounts(f.uuid("compute3:br_ex2"), "NET_BW_EGR_KILOBIT_PER_SEC")).containsExactly(1000L);
        r = api.get(vm + port("port1", 100, 1000) + port("port2", 100, 1000) + "&group_policy=none", "1.39");
        assertThat(r.requestCount()).isEqualTo(4);
        assertThat(r.amounts(f.uuid("compute1:ovs_agent"), "NET_PACKET_RATE_KILOPACKET_PER_SEC"))
                .containsExactly(200L);
        assertThat(r.amounts(f.uuid("compute1:br_ex"), "NET_BW_IGR_KILOBIT_PER_SEC")).containsExactly(2000L);
        assertThat(r.amounts(f.uuid("compute3:br_ex"), "NET_BW_IGR_KILOBIT_PER_SEC")).containsExactly(1000L, 1000L);
        r = api.get(vm + port("port1", 100, 100) + port("port2", 100, 100) + "&group_policy=none", "1.39");
        assertThat(r.requestCount()).isEqualTo(6);
        assertThat(r.amounts(f.uuid("compute3"), "VCPU")).hasSize(4);
        assertThat(r.amounts(f.uuid("compute3:br_ex"), "NET_BW_IGR_KILOBIT_PER_SEC"))
                .containsExactlyInAnyOrder(100L, 100L, 200L);
    }

    private static String port(String name, long pps, long bw) {
        String s = "-" + name + "-msn";
        return "&resources" + s + "-pps=NET_PACKET_RATE_KILOPACKET_PER_SEC:" + pps
                + "&required" + s + "-pps=CUSTOM_VNIC_TYPE_NORMAL"
                + "&resources" + s + "-bw=NET_BW_EGR_KILOBIT_PER_SEC:" + bw + ",NET_BW_IGR_KILOBIT_PER_SEC:" + bw
                + "&required" + s + "-bw=CUSTOM_VNIC_TYPE_NORMAL"
                + "&required" + s + "-bw=in:CUSTOM_PHYSNET_MSN_S1,CUSTOM_PHYSNET_MSN_S2"
                + "&same_subtree=" + s + "-pps," + s + "-bw";
    }

    @Test
    void mappingsOnNumaTrees() {
        FakeProviders f = Fixtures.numaNetwork(false);
        CandidatesApi api = new CandidatesApi(f);
        CandidatesApi.Response r = api.get("/allocation_candidates?resources=VCPU:1", "1.34");
        assertThat(r.requestCount()).isEqualTo(3);
        assertThat(r.summaryCount()).isEqualTo(23);
        assertThat(r.body().at("/allocation_requests/0").size()).isEqualTo(2);
        assertThat(r.body().at("/allocation_requests/0/mappings//0").asText())
                .isIn(f.uuid("cn2"), f.uuid("numa0"), f.uuid("numa1"));
        r = api.get("/allocation_candidates?resources=VCPU:1", "1.33");
        assertThat(r.summaryCount()).isEqualTo(23);
        assertThat(r.body().at("/allocation_requests/0").size()).isEqualTo(1);
        r = api.get("/allocation_candidates?resources_LEFT=VCPU:1&resources_RIGHT=VCPU:1&group_policy=isolate", "1.34");
        assertThat(r.requestCount()).isEqualTo(2);
        assertThat(r.summaryCount()).isEqualTo(12);
        assertThat(r.body().at("/allocation_requests/0/mappings").size()).isEqualTo(2);
        r = api.get("/allocation_candidates?required_NET1=CUSTOM_PHYSNET1&resources_NET1=NET_BW_EGR_KILOBIT_PER_SEC:10"
                + "&required_NET2=CUSTOM_PHYSNET2&resources_NET2=NET_BW_EGR_KILOBIT_PER_SEC:20&resources=VCPU:1"
                + "&group_policy=isolate", "1.34");
        assertThat(r.requestCount()).isEqualTo(2);
        assertThat(r.summaryCount()).isEqualTo(12);
        assertThat(r.body().at("/allocation_requests/0/mappings").size()).isEqualTo(3);
        assertThat(r.body().at("/allocation_requests/0/mappings//0").asText()).isIn(f.uuid("numa0"), f.uuid("numa1"));
        assertThat(r.body().at("/allocation_requests/0/mappings/_NET1/0").asText()).isEqualTo(f.uuid("esn1"));
        assertThat(r.body().at("/allocation_requests/0/mappings/_NET2/0").asText()).isEqualTo(f.uuid("esn2"));
        r = api.get("/allocation_candidates?resources_BWA=NET_BW_EGR_KILOBIT_PER_SEC:10&required_BWA=CUSTOM_PHYSNET1"
                + "&resources_BWB=NET_BW_EGR_KILOBIT_PER_SEC:20&required_BWB=CUSTOM_PHYSNET1&group_policy=none", "1.34");
        assertThat(r.requestCount()).isEqualTo(1);
        assertThat(r.summaryCount()).isEqualTo(12);
        assertThat(r.body().at("/allocation_requests/0/mappings").toString()).isEqualTo("{\"_BWA\":[\""
                + f.uuid("esn1") + "\"],\"_BWB\":[\"" + f.uuid("esn1") + "\"]}");
        r = api.get("/allocation_candidates?required_NET1=CUSTOM_PHYSNET1&resources_NET1=NET_BW_EGR_KILOBIT_PER_SEC:10"
                + "&required_NET2=CUSTOM_PHYSNET2&resources_NET2=NET_BW_EGR_KILOBIT_PER_SEC:20"
                + "&resources_COMPUTE=VCPU:1,MEMORY_MB:1024&group_policy=isolate", "1.34");
        assertThat(r.requestCount()).isEqualTo(2);
        assertThat(r.body().at("/allocation_requests/0/mappings/_COMPUTE/0").asText())
                .isIn(List.of(f.uuid("numa0"), f.uuid("numa1")));
    }
}
