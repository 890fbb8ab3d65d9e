package org.apiary.placement.candidates;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Port of upstream gabbits/granular.yaml and allocation-candidates-mappings-sharing.yaml (GranularFixture). */
class GranularTest {
    private final FakeProviders f = Fixtures.granular();
    private final CandidatesApi api = new CandidatesApi(f);

    private String u(String name) {
        return f.uuid(name);
    }

    private CandidatesApi.Response get(String query) {
        return api.get("/allocation_candidates?" + query, "1.25");
    }

    @Test
    void differentGroupsHitWithPolicyNone() {
        CandidatesApi.Response r = get("resources1=VCPU:1&resources2=MEMORY_MB:1024&group_policy=none");
        assertThat(r.requestCount()).isEqualTo(3);
        assertThat(r.summaryCount()).isEqualTo(3);
        for (String cn : new String[] {"cn_left", "cn_middle", "cn_right"}) {
            assertThat(r.resourcesOf(u(cn))).containsExactly(Map.of("VCPU", 1L, "MEMORY_MB", 1024L));
            assertThat(r.summary(u(cn)).get("resources").get("VCPU").get("capacity").asLong()).isEqualTo(8);
            assertThat(r.summary(u(cn)).get("resources").get("MEMORY_MB").get("capacity").asLong()).isEqualTo(4096);
        }
    }

    @Test
    void isolateMissesAndFirstPolicyWins() {
        CandidatesApi.Response r = get("resources1=VCPU:1&resources2=MEMORY_MB:1024&group_policy=isolate");
        assertThat(r.requestCount()).isZero();
        assertThat(r.summaryCount()).isZero();
        r = get("resources1=VCPU:1&resources2=MEMORY_MB:1024&group_policy=isolate&group_policy=none");
        assertThat(r.requestCount()).isZero();
    }

    @Test
    void resourcesCombineOnOneProvider() {
        CandidatesApi.Response r = get("resources=VCPU:3,MEMORY_MB:512&resources1=VCPU:1,MEMORY_MB:1024"
                + "&resources2=VCPU:2&group_policy=none");
        assertThat(r.requestCount()).isEqualTo(3);
        assertThat(r.summaryCount()).isEqualTo(3);
        for (String cn : new String[] {"cn_left", "cn_middle", "cn_right"}) {
            assertThat(r.resourcesOf(u(cn))).containsExactly(Map.of("VCPU", 6L, "MEMORY_MB", 1536L));
        }
        r = get("resources=VCPU:1&resources1=MEMORY_MB:2048");
        assertThat(r.requestCount()).isEqualTo(3);
        assertThat(r.summaryCount()).isEqualTo(3);
    }

    @Test
    void sharedDisk() {
        CandidatesApi.Response r = get("resources1=VCPU:1,MEMORY_MB:1024&resources2=DISK_GB:100&group_policy=isolate");
        assertThat(r.requestCount()).isEqualTo(5);
        assertThat(r.summaryCount()).isEqualTo(5);
        r = get("resources1=VCPU:1,MEMORY_MB:1024&resources2=DISK_GB:100&group_policy=none");
        assertThat(r.requestCount()).isEqualTo(7);
        assertThat(r.summaryCount()).isEqualTo(5);
        for (String q : new String[] {"resources1=DISK_GB:800", "resources=DISK_GB:800"}) {
            r = get(q);
            assertThat(r.requestCount()).isEqualTo(2);
            assertThat(r.summaryCount()).isEqualTo(2);
            assertThat(r.amounts(u("shr_disk_1"), "DISK_GB")).containsExactly(800L);
            assertThat(r.amounts(u("shr_disk_2"), "DISK_GB")).containsExactly(800L);
        }
    }

    @Test
    void isolatedSsd() {
        CandidatesApi.Response r = get("resources1=VCPU:1,MEMORY_MB:1024&resources2=DISK_GB:100"
                + "&required2=CUSTOM_DISK_SSD&group_policy=isolate");
        assertThat(r.requestCount()).isEqualTo(2);
        assertThat(r.resourcesOf(u("cn_left"))).containsExactly(Map.of("VCPU", 1L, "MEMORY_MB", 1024L));
        assertThat(r.resourcesOf(u("cn_middle"))).containsExactly(Map.of("VCPU", 1L, "MEMORY_MB", 1024L));
        assertThat(r.amounts(u("shr_disk_1"), "DISK_GB")).containsExactly(100L, 100L);
        assertThat(r.summaryCount()).isEqualTo(3);
        assertThat(r.summary(u("cn_left")).get("resources").get("DISK_GB").get("capacity").asLong()).isEqualTo(500);
    }

    @Test
    void forbiddenSsdWithoutIsolation() {
        CandidatesApi.Response r = get("resources1=VCPU:1&resources2=DISK_GB:100&required2=!CUSTOM_DISK_SSD"
                + "&group_policy=none");
        assertThat(r.requestCount()).isEqualTo(4);
        assertThat(r.amounts(u("cn_left"), "VCPU")).containsExactly(1L, 1L);
        assertThat(r.amounts(u("cn_middle"), "VCPU")).containsExactly(1L);
        assertThat(r.amounts(u("cn_right"), "VCPU")).containsExactly(1L);
        assertThat(r.amounts(u("shr_disk_2"), "DISK_GB")).containsExactly(100L, 100L, 100L);
        assertThat(r.summaryCount()).isEqualTo(4);
    }

    @Test
    void memberOfFilters() {
        CandidatesApi.Response r = get("resources1=VCPU:1&resources2=DISK_GB:100&member_of2=" + Fixtures.AGG_C
                + "&group_policy=none");
        assertThat(r.requestCount()).isEqualTo(1);
        assertThat(r.resourcesOf(u("cn_right"))).containsExactly(Map.of("VCPU", 1L, "DISK_GB", 100L));
        assertThat(r.summaryCount()).isEqualTo(1);
        for (String[] q : new String[][] {
                {"1.25", "resources1=VCPU:1&required1=!HW_CPU_X86_SSE&resources2=DISK_GB:100"
                        + "&required2=CUSTOM_DISK_SSD&member_of2=in:" + Fixtures.AGG_A + "," + Fixtures.AGG_C
                        + "&group_policy=none"},
                {"1.33", "resources_compute=VCPU:1&required_compute=!HW_CPU_X86_SSE&resources_disk=DISK_GB:100"
                        + "&required_disk=CUSTOM_DISK_SSD&member_of_disk=in:" + Fixtures.AGG_A + ","
                        + Fixtures.AGG_C + "&group_policy=none"}}) {
            r = api.get("/allocation_candidates?" + q[1], q[0]);
            assertThat(r.requestCount()).isEqualTo(2);
            assertThat(r.amounts(u("cn_left"), "VCPU")).containsExactly(1L);
            assertThat(r.amounts(u("cn_right"), "VCPU")).containsExactly(1L);
            assertThat(r.amounts(u("shr_disk_1"), "DISK_GB")).containsExactly(100L);
            assertThat(r.summaryCount()).isEqualTo(3);
        }
        r = get("resources1=VCPU:1&resources2=DISK_GB:100&member_of2=in:" + Fixtures.AGG_B + "," + Fixtures.AGG_C
                + "&member_of2=" + Fixtures.AGG_A + "&group_policy=isolate");
        assertThat(r.requestCount()).isEqualTo(3);
        assertThat(r.amounts(u("shr_disk_2"), "DISK_GB")).containsExactly(100L, 100L, 100L);
        assertThat(r.summaryCount()).isEqualTo(4);
    }

    @Test
    void multipleDisksMultipleNetworks() {
        CandidatesApi.Response r = get("resources1=VCPU:1&resources2=VGPU:1&required2=HW_GPU_API_DXVA"
                + "&resources3=MEMORY_MB:1024&resources4=DISK_GB:100&required4=CUSTOM_DISK_SSD"
                + "&resources5=DISK_GB:50&required5=!CUSTOM_DISK_SSD"
                + "&resources6=SRIOV_NET_VF:1,CUSTOM_NET_MBPS:1000&resources7=SRIOV_NET_VF:2,CUSTOM_NET_MBPS:2000"
                + "&group_policy=none");
        assertThat(r.requestCount()).isEqualTo(3);
        assertThat(r.amounts(u("cn_left"), "VCPU")).containsExactly(1L, 1L);
        assertThat(r.amounts(u("cn_left"), "SRIOV_NET_VF")).containsExactly(3L, 3L);
        assertThat(r.amounts(u("cn_left"), "CUSTOM_NET_MBPS")).containsExactly(3000L, 3000L);
        assertThat(r.amounts(u("cn_left"), "DISK_GB")).containsExactly(50L);
        assertThat(r.amounts(u("shr_disk_1"), "DISK_GB")).containsExactly(100L, 100L);
        assertThat(r.amounts(u("shr_disk_2"), "DISK_GB")).containsExactly(50L, 50L);
        assertThat(r.resourcesOf(u("cn_right")))
                .containsExactly(Map.of("VCPU", 1L, "MEMORY_MB", 1024L, "VGPU", 1L, "DISK_GB", 100L));
        assertThat(r.resourcesOf(u("shr_net"))).containsExactly(Map.of("SRIOV_NET_VF", 3L, "CUSTOM_NET_MBPS", 3000L));
        assertThat(r.summaryCount()).isEqualTo(5);
    }

    @Test
    void combinedGroupsRespectCapacityAndMaxUnit() {
        CandidatesApi.Response r = get("resources=VCPU:2,MEMORY_MB:2048,SRIOV_NET_VF:1,CUSTOM_NET_MBPS:2000"
                + "&resources1=SRIOV_NET_VF:1,CUSTOM_NET_MBPS:3000");
        assertThat(r.requestCount()).isEqualTo(1);
        assertThat(r.resourcesOf(u("cn_right"))).containsExactly(Map.of("VCPU", 2L, "MEMORY_MB", 2048L));
        assertThat(r.resourcesOf(u("shr_net"))).containsExactly(Map.of("SRIOV_NET_VF", 2L, "CUSTOM_NET_MBPS", 5000L));
        assertThat(r.summaryCount()).isEqualTo(2);
        r = get("resources=VGPU:1&resources1=VGPU:1&resources2=VGPU:1&group_policy=none");
        assertThat(r.requestCount()).isEqualTo(1);
        assertThat(r.amounts(u("cn_left"), "VGPU")).containsExactly(3L);
        assertThat(r.summaryCount()).isEqualTo(1);
    }

    @Test
    void errors() {
        String v124 = "1.24";
        for (String[] q : new String[][] {
                {"resources=MEMORY_MB:1024&resources1=VCPU:1", "'resources1' was unexpected"},
                {"resources=MEMORY_MB:1024&required2=HW_CPU_X86_AVX2", "'required2' was unexpected"},
                {"resources=MEMORY_MB:1024&member_of3=" + Fixtures.AGG_B, "'member_of3' was unexpected"},
                {"resources=VCPU:1&group_policy=isolate", "'group_policy' was unexpected"}}) {
            CandidatesApi.Response r = api.get("/allocation_candidates?" + q[0], v124);
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.errorDetail()).contains("Invalid query string parameters").contains(q[1]);
        }
        assertThat(get("resources01=VCPU:1").errorDetail()).contains("'resources01' does not match any of the regexes");
        CandidatesApi.Response r = api.get("/allocation_candidates?resources1%40=VCPU:1", "1.33");
        assertThat(r.errorDetail()).contains("'resources1@' does not match any of the regexes")
                .contains("^member_of([a-zA-Z0-9_-]{1,64})?$");
        String long65 = "_0123456701234567012345670123456701234567012345670123456701234567";
        assertThat(api.get("/allocation_candidates?resources" + long65 + "=VCPU:1", "1.33").errorDetail())
                .contains("'resources" + long65 + "' does not match any of the regexes");
        assertThat(get("resources=VCPU:1&group_policy=bogus").errorDetail())
                .contains("Invalid query string parameters").contains("'bogus' is not one of ['none', 'isolate']");
        assertThat(get("resources1=VCPU:1&resources2=VCPU:1").errorDetail()).contains("The \"group_policy\" "
                + "parameter is required when specifying more than one \"resources{N}\" parameter.");
        assertThat(get("required=FOO&required1=BAR").errorDetail())
                .contains("Found the following orphaned traits keys: required, required1");
        assertThat(get("member_of=" + Fixtures.AGG_A + "&member_of3=" + Fixtures.AGG_C).errorDetail())
                .contains("Found the following orphaned member_of keys: member_of, member_of3");
        assertThat(get("group_policy=isolate").errorDetail())
                .contains("At least one request group (`resources` or `resources{$S}`) is required.");
    }

    @Test
    void mappings() {
        CandidatesApi.Response r = api.get("/allocation_candidates?resources=VCPU:1&required=HW_CPU_X86_SSE", "1.34");
        assertThat(r.requestCount()).isEqualTo(1);
        assertThat(r.summaryCount()).isEqualTo(1);
        assertThat(r.body().at("/allocation_requests/0/mappings").toString())
                .isEqualTo("{\"\":[\"" + u("cn_middle") + "\"]}");
        r = api.get("/allocation_candidates?resources=VCPU:1,DISK_GB:1&required=HW_CPU_X86_SSE", "1.34");
        assertThat(r.requestCount()).isEqualTo(2);
        assertThat(r.summaryCount()).isEqualTo(3);
        for (int i = 0; i < 2; i++) {
            assertThat(r.body().at("/allocation_requests/" + i + "/mappings").size()).isEqualTo(1);
            assertThat(r.body().at("/allocation_requests/" + i + "/mappings/").size()).isEqualTo(2);
        }
        r = api.get("/allocation_candidates?resources=VCPU:1&resources_DISK_A=DISK_GB:1&resources_DISK_B=DISK_GB:1"
                + "&required=HW_CPU_X86_SSE&group_policy=isolate", "1.34");
        assertThat(r.requestCount()).isEqualTo(2);
        assertThat(r.summaryCount()).isEqualTo(3);
        assertThat(r.body().at("/allocation_requests/0/mappings").size()).isEqualTo(3);
        assertThat(r.body().at("/allocation_requests/0/mappings//0").asText()).isEqualTo(u("cn_middle"));
        assertThat(r.body().at("/allocation_requests/0/mappings/_DISK_A/0").asText())
                .isIn(u("shr_disk_1"), u("shr_disk_2"));
        assertThat(api.get("/allocation_candidates?resources=VCPU:1", "1.33").body().at("/allocation_requests/0")
                .has("mappings")).isFalse();
    }
}
