package org.apiary.placement.candidates;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Port of upstream gabbits/allocation-candidates.yaml (SharedStorageFixture), boundary by boundary. */
class AllocationCandidatesTest {
    private final FakeProviders f = Fixtures.sharedStorage();
    private final CandidatesApi api = new CandidatesApi(f);
    private static final String BASIC = "/allocation_candidates?resources=VCPU:1,MEMORY_MB:1024,DISK_GB:100";

    private String u(String name) {
        return f.uuid(name);
    }

    @Test
    void notFoundBeforeMicroversion110() {
        assertThat(api.get("/allocation_candidates?resources=VCPU:1", "1.8").status()).isEqualTo(404);
    }

    @Test
    void badResourcesAnd400s() {
        CandidatesApi.Response r = api.get("/allocation_candidates?resources=", "1.10");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.errorDetail()).contains("Badly formed resources parameter. Expected resources query string "
                + "parameter in form").contains("Got: empty string.");
        assertThat(api.get("/allocation_candidates", "1.10").errorDetail())
                .contains("'resources' is a required property");
        assertThat(api.get("/allocation_candidates?resources=MCPU:99", "1.10").errorDetail())
                .contains("Invalid resource class in resources parameter");
        r = api.get("/allocation_candidates?resources=VCPU:1&limit=5", "1.15");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.errorDetail()).contains("Invalid query string parameters").contains("'limit' was unexpected");
        for (String bad : List.of("cow", "-99", "0")) {
            r = api.get("/allocation_candidates?resources=VCPU:1&limit=" + bad, "1.16");
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.errorDetail()).contains("Invalid query string parameters").contains("Failed validating 'pattern'");
        }
    }

    @Test
    void sharedStorageCombinationsAt110() {
        CandidatesApi.Response r = api.get(BASIC, "1.10");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.summaryCount()).isEqualTo(4);
        assertThat(r.requestCount()).isEqualTo(5);
        assertThat(r.headers()).doesNotContainKeys("cache-control", "last-modified");
        // The 1.10 list form: [{"resource_provider": {"uuid": ..}, "resources": {..}}]
        int cn1 = 0;
        int ss = 0;
        for (var ar : r.body().get("allocation_requests")) {
            for (var a : ar.get("allocations")) {
                String uuid = a.get("resource_provider").get("uuid").asText();
                if (uuid.equals(u("cn1"))) {
                    cn1++;
                    assertThat(a.get("resources").size()).isEqualTo(2);
                }
                if (uuid.equals(u("ss"))) {
                    ss++;
                    assertThat(a.get("resources").get("DISK_GB").asLong()).isEqualTo(100);
                }
            }
        }
        assertThat(cn1).isEqualTo(2);
        assertThat(ss).isEqualTo(2);
        assertThat(r.summary(u("cn1")).get("resources").get("VCPU").get("capacity").asLong()).isEqualTo(384);
        assertThat(r.summary(u("cn1")).get("resources").get("MEMORY_MB").get("capacity").asLong()).isEqualTo(196608);
        assertThat(r.summary(u("cn2")).get("resources").get("DISK_GB").get("capacity").asLong()).isEqualTo(1900);
        assertThat(r.summary(u("ss2")).get("resources").get("DISK_GB").get("used").asLong()).isZero();
    }

    @Test
    void dictFormAt112() {
        CandidatesApi.Response r = api.get(BASIC, "1.12");
        assertThat(r.requestCount()).isEqualTo(5);
        assertThat(r.resourcesOf(u("cn1"))).containsExactly(Map.of("MEMORY_MB", 1024L, "VCPU", 1L),
                Map.of("MEMORY_MB", 1024L, "VCPU", 1L));
        assertThat(r.amounts(u("cn2"), "VCPU")).containsExactly(1L, 1L, 1L);
        assertThat(r.amounts(u("cn2"), "DISK_GB")).containsExactly(100L);
        assertThat(r.amounts(u("ss"), "DISK_GB")).containsExactly(100L, 100L);
        assertThat(r.amounts(u("ss2"), "DISK_GB")).containsExactly(100L, 100L);
    }

    @Test
    void cacheHeadersFrom115() {
        CandidatesApi.Response r = api.get(BASIC, "1.15");
        assertThat(r.headers().get("cache-control")).isEqualTo("no-cache");
        assertThat(r.headers().get("last-modified")).matches("^\\w+, \\d+ \\w+ \\d{4} [\\d:]+ GMT$");
    }

    @Test
    void limitFrom116TakesTheFirstValue() {
        assertThat(api.get(BASIC + "&limit=1", "1.16").requestCount()).isEqualTo(1);
        assertThat(api.get(BASIC + "&limit=10&limit=1", "1.16").requestCount()).isEqualTo(5);
    }

    @Test
    void requiredTraitsFrom117() {
        CandidatesApi.Response r = api.get(BASIC + "&required=HW_CPU_X86_SSE", "1.16");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.errorDetail()).contains("'required' was unexpected");
        r = api.get(BASIC, "1.16");
        assertThat(r.summary(u("cn1")).size()).isEqualTo(1);
        assertThat(api.get(BASIC + "&required=INVALID_TRAIT", "1.17").errorDetail()).contains("No such trait(s)");
        String form117 = "Invalid query string parameters: Expected 'required' parameter value of the form: "
                + "HW_CPU_X86_VMX,CUSTOM_MAGIC.";
        assertThat(api.get(BASIC + "&required=", "1.17").errorDetail()).contains(form117);
        assertThat(api.get(BASIC + "&required=", "1.22").errorDetail()).contains("Invalid query string parameters: "
                + "Expected 'required' parameter value of the form: HW_CPU_X86_VMX,!CUSTOM_MAGIC.");
        assertThat(api.get(BASIC + "&required=,,", "1.17").errorDetail()).contains(form117);
        assertThat(api.get(BASIC + "&required=!CUSTOM_MAGIC", "1.17").errorDetail()).contains(form117);
        for (String q : List.of("&required=HW_CPU_X86_SSE", "&required=HW_CPU_X86_SSE,HW_CPU_X86_SSE2")) {
            r = api.get(BASIC + q, "1.17");
            assertThat(r.requestCount()).isEqualTo(2);
            assertThat(r.summaryCount()).isEqualTo(3);
            assertThat(r.summary(u("cn1")).size()).isEqualTo(2);
            assertThat(r.summary(u("cn1")).get("traits").toString())
                    .isEqualTo("[\"HW_CPU_X86_SSE\",\"HW_CPU_X86_SSE2\"]");
        }
        r = api.get(BASIC + "&required=HW_CPU_X86_SSE3", "1.17");
        assertThat(r.requestCount()).isZero();
        assertThat(r.summaryCount()).isZero();
    }

    @Test
    void forbiddenTraitFrom122() {
        CandidatesApi.Response r = api.get(BASIC + "&required=!HW_CPU_X86_SSE", "1.22");
        assertThat(r.requestCount()).isEqualTo(3);
        assertThat(r.amounts(u("cn2"), "VCPU")).containsExactly(1L, 1L, 1L);
        assertThat(r.amounts(u("cn2"), "DISK_GB")).containsExactly(100L);
        assertThat(r.amounts(u("ss"), "DISK_GB")).containsExactly(100L);
        assertThat(r.amounts(u("ss2"), "DISK_GB")).containsExactly(100L);
    }

    @Test
    void summariesShowRequestedClassesBefore127AndAllFrom127() {
        CandidatesApi.Response r = api.get("/allocation_candidates?resources=VCPU:1", "1.26");
        assertThat(r.requestCount()).isEqualTo(2);
        assertThat(r.summaryCount()).isEqualTo(2);
        assertThat(r.summary(u("cn1")).get("resources").size()).isEqualTo(1);
        r = api.get("/allocation_candidates?resources=VCPU:1", "1.27");
        assertThat(r.summary(u("cn1")).get("resources").size()).isEqualTo(2);
        assertThat(r.summary(u("cn2")).get("resources").size()).isEqualTo(3);
        assertThat(r.summary(u("cn2")).get("resources").get("DISK_GB").get("capacity").asLong()).isEqualTo(1900);
    }

    @Test
    void treePositionAndWholeTreesFrom129() {
        CandidatesApi.Response r = api.get("/allocation_candidates?resources=VCPU:1", "1.28");
        assertThat(r.summaryCount()).isEqualTo(2);
        assertThat(r.summary(u("cn1")).size()).isEqualTo(2);
        r = api.get("/allocation_candidates?resources=VCPU:1", "1.29");
        assertThat(r.requestCount()).isEqualTo(2);
        assertThat(r.summaryCount()).isEqualTo(10);
        assertThat(r.summary(u("cn1")).size()).isEqualTo(4);
        assertThat(r.summary(u("cn1")).get("parent_provider_uuid").isNull()).isTrue();
        assertThat(r.summary(u("cn1")).get("root_provider_uuid").asText()).isEqualTo(u("cn1"));
        assertThat(r.summary(u("numa1_1")).get("parent_provider_uuid").asText()).isEqualTo(u("cn1"));
        assertThat(r.summary(u("pf1_2")).get("parent_provider_uuid").asText()).isEqualTo(u("numa1_2"));
        assertThat(r.summary(u("pf1_2")).get("root_provider_uuid").asText()).isEqualTo(u("cn1"));
    }

    @Test
    void nestedProvidersBeforeAndFrom129() {
        CandidatesApi.Response r = api.get("/allocation_candidates?resources=SRIOV_NET_VF:4", "1.28");
        assertThat(r.requestCount()).isEqualTo(4);
        assertThat(r.summaryCount()).isEqualTo(4);
        r = api.get("/allocation_candidates?resources=SRIOV_NET_VF:4", "1.29");
        assertThat(r.requestCount()).isEqualTo(4);
        assertThat(r.summaryCount()).isEqualTo(10);
        r = api.get("/allocation_candidates?resources=VCPU:1,SRIOV_NET_VF:4", "1.28");
        assertThat(r.requestCount()).isZero();
        assertThat(r.summaryCount()).isZero();
        r = api.get("/allocation_candidates?resources=VCPU:1,SRIOV_NET_VF:4", "1.29");
        assertThat(r.requestCount()).isEqualTo(4);
        assertThat(r.summaryCount()).isEqualTo(10);
        assertThat(r.amounts(u("cn1"), "VCPU")).containsExactly(1L, 1L);
        assertThat(r.amounts(u("pf1_1"), "SRIOV_NET_VF")).containsExactly(4L);
        assertThat(r.amounts(u("pf2_2"), "SRIOV_NET_VF")).containsExactly(4L);
        r = api.get("/allocation_candidates?resources=VCPU:1,SRIOV_NET_VF:4&limit=1", "1.29");
        assertThat(r.requestCount()).isEqualTo(1);
        assertThat(r.body().get("allocation_requests").get(0).get("allocations").size()).isEqualTo(2);
        assertThat(r.summaryCount()).isEqualTo(5);
        r = api.get("/allocation_candidates?resources=DISK_GB:10,SRIOV_NET_VF:4", "1.28");
        assertThat(r.requestCount()).isEqualTo(8);
        assertThat(r.summaryCount()).isEqualTo(6);
    }

    @Test
    void inTree() {
        String q = "/allocation_candidates?resources=VCPU:1,SRIOV_NET_VF:4&in_tree=";
        assertThat(api.get(q + u("cn1"), "1.30").errorDetail()).contains("Invalid query string parameters");
        assertThat(api.get(q + "life-is-beautiful", "1.31").errorDetail())
                .contains("Expected 'in_tree' parameter to be a format of uuid");
        for (String tree : List.of("cn1", "pf1_2")) {
            CandidatesApi.Response r = api.get(q + u(tree), "1.31");
            assertThat(r.requestCount()).isEqualTo(2);
            assertThat(r.summaryCount()).isEqualTo(5);
            assertThat(r.amounts(u("cn1"), "VCPU")).containsExactly(1L, 1L);
            assertThat(r.amounts(u("pf1_1"), "SRIOV_NET_VF")).containsExactly(4L);
            assertThat(r.amounts(u("pf1_2"), "SRIOV_NET_VF")).containsExactly(4L);
        }
        String disk = "/allocation_candidates?resources=VCPU:1,DISK_GB:10&in_tree=";
        assertThat(api.get(disk + u("cn1"), "1.31").requestCount()).isZero();
        CandidatesApi.Response r = api.get(disk + u("cn2"), "1.31");
        assertThat(r.requestCount()).isEqualTo(1);
        assertThat(r.resourcesOf(u("cn2"))).containsExactly(Map.of("VCPU", 1L, "DISK_GB", 10L));
        assertThat(api.get(disk + u("ss"), "1.31").requestCount()).isZero();
    }

    @Test
    void inTreeGranular() {
        assertThat(api.get("/allocation_candidates?resources=VCPU:1&in_tree1=" + u("cn1"), "1.31").errorDetail())
                .contains("All request groups must specify resources.");
        for (String tree : List.of("cn1", "pf1_1")) {
            CandidatesApi.Response r = api.get("/allocation_candidates?resources1=VCPU:1&in_tree1=" + u(tree), "1.31");
            assertThat(r.requestCount()).isEqualTo(1);
            assertThat(r.amounts(u("cn1"), "VCPU")).containsExactly(1L);
            r = api.get("/allocation_candidates?resources1=SRIOV_NET_VF:4&in_tree1=" + u(tree), "1.31");
            assertThat(r.requestCount()).isEqualTo(2);
            assertThat(r.amounts(u("pf1_1"), "SRIOV_NET_VF")).containsExactly(4L);
            assertThat(r.amounts(u("pf1_2"), "SRIOV_NET_VF")).containsExactly(4L);
        }
        String q = "/allocation_candidates?resources=VCPU:1&resources1=DISK_GB:10&in_tree1=";
        assertThat(api.get(q + u("cn1"), "1.31").requestCount()).isZero();
        CandidatesApi.Response r = api.get(q + u("cn2"), "1.31");
        assertThat(r.requestCount()).isEqualTo(1);
        assertThat(r.resourcesOf(u("cn2"))).containsExactly(Map.of("VCPU", 1L, "DISK_GB", 10L));
        r = api.get(q + u("ss"), "1.31");
        assertThat(r.requestCount()).isEqualTo(2);
        assertThat(r.amounts(u("cn1"), "VCPU")).containsExactly(1L);
        assertThat(r.amounts(u("cn2"), "VCPU")).containsExactly(1L);
        assertThat(r.amounts(u("ss"), "DISK_GB")).containsExactly(10L, 10L);
    }

    @Test
    void inTreeUnnamedWithGranularDisk() {
        String q = "/allocation_candidates?resources=VCPU:1&resources1=DISK_GB:10&in_tree=";
        CandidatesApi.Response r = api.get(q + u("cn1"), "1.31");
        assertThat(r.requestCount()).isEqualTo(2);
        assertThat(r.amounts(u("cn1"), "VCPU")).containsExactly(1L, 1L);
        assertThat(r.amounts(u("ss"), "DISK_GB")).containsExactly(10L);
        assertThat(r.amounts(u("ss2"), "DISK_GB")).containsExactly(10L);
        r = api.get(q + u("cn2"), "1.31");
        assertThat(r.requestCount()).isEqualTo(3);
        assertThat(r.amounts(u("cn2"), "VCPU")).containsExactly(1L, 1L, 1L);
        assertThat(r.amounts(u("cn2"), "DISK_GB")).containsExactly(10L);
        r = api.get("/allocation_candidates?resources1=VCPU:1&in_tree1=" + u("cn1") + "&resources2=DISK_GB:10"
                + "&in_tree2=" + u("ss") + "&group_policy=none", "1.31");
        assertThat(r.requestCount()).isEqualTo(1);
        assertThat(r.amounts(u("cn1"), "VCPU")).containsExactly(1L);
        assertThat(r.amounts(u("ss"), "DISK_GB")).containsExactly(10L);
    }

    @Test
    void summariesFollowProviderChanges() {
        CandidatesApi.Response r = api.get("/allocation_candidates?resources=VCPU:1", "1.29");
        assertThat(r.summary(u("cn1")).at("/resources/VCPU/used").asLong()).isZero();
        f.used("cn1", "VCPU", 7).traits("numa1_1", "CUSTOM_NEW");
        r = api.get("/allocation_candidates?resources=VCPU:1", "1.29");
        assertThat(r.summary(u("cn1")).at("/resources/VCPU/used").asLong()).isEqualTo(7);
        assertThat(r.summary(u("numa1_1")).get("traits").toString()).isEqualTo("[\"CUSTOM_NEW\"]");
        assertThat(r.summary(u("cn2")).at("/resources/VCPU/used").asLong()).isZero();
    }

    @Test
    void policyAndAccept() {
        assertThat(api.get(BASIC, "1.10", "someone", Map.of()).status()).isEqualTo(403);
        assertThat(api.get(BASIC, "1.10", "admin", Map.of("accept", "text/html")).status()).isEqualTo(406);
        assertThat(api.get(BASIC, "1.10", "admin", Map.of("accept", "*/*")).status()).isEqualTo(200);
    }
}
