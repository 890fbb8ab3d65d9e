package org.apiary.placement.candidates;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Port of upstream gabbits/allocation-candidates-root-required.yaml (NUMANetworkFixture). */
class RootRequiredTest {
    private final FakeProviders f = Fixtures.numaNetwork(false);
    private final CandidatesApi api = new CandidatesApi(f);
    private static final String FULL = "resources=VCPU:1,MEMORY_MB:1024,DISK_GB:100";

    private String u(String name) {
        return f.uuid(name);
    }

    private CandidatesApi.Response get(String query) {
        return api.get("/allocation_candidates?" + query, "1.35");
    }

    @Test
    void validation() {
        CandidatesApi.Response r = api.get("/allocation_candidates?resources=VCPU:1&root_required=HW_CPU_X86_AVX2",
                "1.34");
        assertThat(r.errorDetail()).contains("Invalid query string parameters")
                .contains("'root_required' does not match any of the regexes");
        r = get("resources=VCPU:1&root_required=HW_CPU_X86_AVX2,HW_CPU_X86_SSE,!HW_CPU_X86_AVX2");
        assertThat(r.errorDetail()).contains("Conflicting required and forbidden traits found in root_required: "
                + "HW_CPU_X86_AVX2");
        assertThat(r.errorCode()).isEqualTo("placement.query.bad_value");
        assertThat(get("resources=VCPU:1&root_required=CUSTOM_NO_EXIST,HW_CPU_X86_SSE,!HW_CPU_X86_AVX").errorDetail())
                .contains("No such trait(s): CUSTOM_NO_EXIST");
        assertThat(get("resources=VCPU:1&root_required=!CUSTOM_NO_EXIST,HW_CPU_X86_SSE,!HW_CPU_X86_AVX")
                .errorDetail()).contains("No such trait(s): CUSTOM_NO_EXIST");
        r = get("resources=VCPU:1&root_required=MISC_SHARES_VIA_AGGREGATE&root_required=!HW_NUMA_ROOT");
        assertThat(r.errorDetail()).contains("Query parameter 'root_required' may be specified only once.");
        assertThat(r.errorCode()).isEqualTo("placement.query.duplicate_key");
        assertThat(api.get("/allocation_candidates?resources=VCPU:1&root_required=in:HW_NUMA_ROOT", "1.39")
                .errorDetail()).contains("only supported since microversion 1.39");
    }

    @Test
    void requiredOnTheRoot() {
        assertThat(get("resources=VCPU:1&root_required=HW_NUMA_ROOT").requestCount()).isZero();
        assertThat(get(FULL + "&root_required=MISC_SHARES_VIA_AGGREGATE").requestCount()).isZero();
        assertThat(get(FULL + "&root_required=HW_NUMA_ROOT").requestCount()).isZero();
        assertThat(get(FULL + "&root_required=HW_CPU_X86_AVX2").requestCount()).isZero();
        CandidatesApi.Response r = get("resources=VCPU:1,MEMORY_MB:1024&root_required=COMPUTE_VOLUME_MULTI_ATTACH");
        assertThat(r.requestCount()).isEqualTo(4);
        assertThat(r.amounts(u("numa0"), "VCPU")).containsExactly(1L, 1L);
        assertThat(r.amounts(u("numa1"), "MEMORY_MB")).containsExactly(1024L, 1024L);
        r = get("resources1=VCPU:1&resources2=MEMORY_MB:1024&group_policy=none"
                + "&root_required=COMPUTE_VOLUME_MULTI_ATTACH");
        assertThat(r.requestCount()).isEqualTo(4);
        assertThat(r.summary(u("numa0")).at("/resources/VCPU/capacity").asLong()).isEqualTo(4);
        assertThat(r.summary(u("numa1")).at("/resources/MEMORY_MB/capacity").asLong()).isEqualTo(2048);
        r = get("resources1=VCPU:1&resources2=MEMORY_MB:1024&group_policy=isolate"
                + "&root_required=COMPUTE_VOLUME_MULTI_ATTACH");
        assertThat(r.requestCount()).isEqualTo(2);
        r = get(FULL + "&root_required=COMPUTE_VOLUME_MULTI_ATTACH");
        assertThat(r.requestCount()).isEqualTo(4);
        assertThat(r.summary(u("numa1")).get("traits").toString()).isEqualTo("[\"HW_NUMA_ROOT\",\"CUSTOM_FOO\"]");
        r = get("resources1=VCPU:1,MEMORY_MB:1024&resources2=DISK_GB:100&&group_policy=none"
                + "&root_required=COMPUTE_VOLUME_MULTI_ATTACH");
        assertThat(r.requestCount()).isEqualTo(2);
    }

    @Test
    void traitOnRootVersusChild() {
        for (String q : new String[] {"resources=VCPU:1,DISK_GB:100&required=CUSTOM_FOO",
                "resources1=VCPU:1&required1=CUSTOM_FOO&resources2=DISK_GB:100&group_policy=none"}) {
            CandidatesApi.Response r = get(q);
            assertThat(r.requestCount()).isEqualTo(3);
            assertThat(r.amounts(u("numa1"), "VCPU")).containsExactly(1L);
            assertThat(r.amounts(u("cn2"), "VCPU")).containsExactly(1L, 1L);
            assertThat(r.amounts(u("ss1"), "DISK_GB")).containsExactly(100L, 100L);
        }
        for (String q : new String[] {"resources=VCPU:1,DISK_GB:100&root_required=CUSTOM_FOO",
                "resources1=VCPU:1&resources2=DISK_GB:100&group_policy=none&root_required=CUSTOM_FOO"}) {
            CandidatesApi.Response r = get(q);
            assertThat(r.requestCount()).isEqualTo(2);
            assertThat(r.amounts(u("cn2"), "VCPU")).containsExactly(1L, 1L);
            assertThat(r.amounts(u("ss1"), "DISK_GB")).containsExactly(100L);
        }
    }

    @Test
    void forbiddenOnTheRoot() {
        CandidatesApi.Response r = get("resources=VCPU:3&root_required=!HW_NUMA_ROOT");
        assertThat(r.requestCount()).isEqualTo(2);
        assertThat(r.amounts(u("numa1"), "VCPU")).containsExactly(3L);
        assertThat(r.amounts(u("cn2"), "VCPU")).containsExactly(3L);
        r = get(FULL + "&root_required=!MISC_SHARES_VIA_AGGREGATE");
        assertThat(r.requestCount()).isEqualTo(6);
        assertThat(r.amounts(u("ss1"), "DISK_GB")).hasSize(5);
        for (String q : new String[] {"CUSTOM_FOO,!HW_NUMA_ROOT", "CUSTOM_FOO,!COMPUTE_VOLUME_MULTI_ATTACH"}) {
            r = get(FULL + "&root_required=" + q);
            assertThat(r.requestCount()).isEqualTo(2);
            assertThat(r.amounts(u("cn2"), "MEMORY_MB")).containsExactly(1024L, 1024L);
        }
        assertThat(get(FULL + "&root_required=!CUSTOM_FOO,!COMPUTE_VOLUME_MULTI_ATTACH").requestCount()).isZero();
        r = get("resources1=VCPU:1,MEMORY_MB:1024&resources2=DISK_GB:100&&group_policy=none"
                + "&root_required=!CUSTOM_FOO");
        assertThat(r.requestCount()).isEqualTo(2);
        assertThat(r.amounts(u("ss1"), "DISK_GB")).containsExactly(100L, 100L);
    }

    @Test
    void groupTraitsCombinedWithRootTraits() {
        CandidatesApi.Response r = get("resources=VCPU:1&required=CUSTOM_FOO&root_required=CUSTOM_FOO");
        assertThat(r.requestCount()).isEqualTo(1);
        assertThat(r.amounts(u("cn2"), "VCPU")).containsExactly(1L);
        r = get("resources1=VCPU:1&required1=CUSTOM_FOO&root_required=CUSTOM_FOO");
        assertThat(r.requestCount()).isEqualTo(1);
        assertThat(r.amounts(u("cn2"), "VCPU")).containsExactly(1L);
        r = get("resources1=VCPU:1&required1=CUSTOM_FOO&root_required=!CUSTOM_FOO");
        assertThat(r.requestCount()).isEqualTo(1);
        assertThat(r.amounts(u("numa1"), "VCPU")).containsExactly(1L);
        assertThat(get("resources1=VCPU:1&required1=!CUSTOM_FOO&root_required=CUSTOM_FOO").requestCount()).isZero();
    }
}
