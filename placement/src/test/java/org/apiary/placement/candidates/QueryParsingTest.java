package org.apiary.placement.candidates;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Query-string rules of GET /allocation_candidates that the gabbits touch only in passing
 * (upstream util.normalize_* and lib.RequestGroup checks), each at its microversion boundary.
 */
class QueryParsingTest {
    private final FakeProviders f = Fixtures.sharedStorage();
    private final CandidatesApi api = new CandidatesApi(f);

    private String detail(String query, String version) {
        CandidatesApi.Response r = api.get("/allocation_candidates?" + query, version);
        assertThat(r.status()).as(query).isEqualTo(400);
        return r.errorDetail();
    }

    @Test
    void resourceAmounts() {
        assertThat(detail("resources=VCPU", "1.10")).contains("Badly formed resources parameter. Expected resources "
                + "query string parameter in form: ?resources=VCPU:2,MEMORY_MB:1024. Got: VCPU.");
        assertThat(detail("resources=VCPU:1:2", "1.10")).contains("Got: VCPU:1:2.");
        assertThat(detail("resources=VCPU:x", "1.10"))
                .contains("Requested resource VCPU expected positive integer amount. Got: x.");
        assertThat(detail("resources=VCPU:0", "1.10")).contains("Requested resource VCPU requires amount >= 1. Got: 0.");
        assertThat(detail("resources=VCPU:-3", "1.10")).contains("requires amount >= 1. Got: -3.");
        CandidatesApi.Response r = api.get("/allocation_candidates?resources=VCPU:1,VCPU:2", "1.12");
        assertThat(r.amounts(f.uuid("cn1"), "VCPU")).containsExactly(2L);
        r = api.get("/allocation_candidates?resources=VCPU:1_0", "1.12");
        assertThat(r.amounts(f.uuid("cn1"), "VCPU")).containsExactly(10L);
    }

    @Test
    void unknownNamesAndEmptyMatches() {
        assertThat(detail("resources=CUSTOM_NOPE:1", "1.10"))
                .contains("Invalid resource class in resources parameter: No such resource class CUSTOM_NOPE.");
        assertThat(detail("resources=VCPU:1&required=CUSTOM_NOPE", "1.17")).contains("No such trait(s): CUSTOM_NOPE.");
        assertThat(detail("resources=VCPU:1&required=!CUSTOM_NOPE", "1.22")).contains("No such trait(s): CUSTOM_NOPE.");
        // A well-formed but unknown aggregate or tree simply matches nothing.
        assertThat(api.get("/allocation_candidates?resources=VCPU:1&member_of=" + Fixtures.AGG_C, "1.21")
                .requestCount()).isZero();
        assertThat(api.get("/allocation_candidates?resources=VCPU:1&in_tree=" + Fixtures.AGG_C, "1.31")
                .requestCount()).isZero();
        // A known class nobody has inventory of is no error either.
        assertThat(api.get("/allocation_candidates?resources=VGPU:1", "1.10").status()).isEqualTo(200);
    }

    @Test
    void versionBoundaries() {
        assertThat(detail("resources=VCPU:1&member_of=" + Fixtures.AGG + "&member_of=" + Fixtures.AGG, "1.21"))
                .contains("Multiple member_of parameters are not supported");
        assertThat(api.get("/allocation_candidates?resources=VCPU:1&member_of=" + Fixtures.AGG + "&member_of="
                + Fixtures.AGG, "1.24").status()).isEqualTo(200);
        assertThat(detail("resources_x=VCPU:1", "1.32")).contains("'resources_x' does not match any of the regexes");
        assertThat(api.get("/allocation_candidates?resources_x=VCPU:1", "1.33").requestCount()).isEqualTo(2);
        assertThat(detail("resources=VCPU:1&same_subtree=_x", "1.35")).contains("'same_subtree' does not match");
        assertThat(detail("resources=VCPU:1&root_required=HW_CPU_X86_SSE", "1.34")).contains("'root_required'");
        assertThat(detail("resources=VCPU:1&limit=", "1.16")).contains("Failed validating 'pattern'");
    }

    @Test
    void groupConsistency() {
        assertThat(detail("resources1=VCPU:1&required1=HW_CPU_X86_SSE,!HW_CPU_X86_SSE", "1.25"))
                .contains("Conflicting required and forbidden traits found in the following traits keys: "
                        + "required1: (HW_CPU_X86_SSE)");
        assertThat(detail("required=HW_CPU_X86_SSE&resources1=VCPU:1", "1.36"))
                .contains("Resourceless suffixed group request should be specified in `same_subtree` query param: "
                        + "bad group(s) - [''].");
        assertThat(detail("resources1=VCPU:1&resources2=VCPU:1&same_subtree=_a,1", "1.36"))
                .contains("Real suffixes should be specified in `same_subtree`: ['_a'] not found in ['1', '2'].");
        assertThat(detail("resources=VCPU:1&required1=!HW_CPU_X86_SSE", "1.25"))
                .contains("All request groups must specify resources.");
    }
}
