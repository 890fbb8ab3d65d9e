package org.apiary.placement.candidates;

import static org.apiary.placement.candidates.Fixtures.AGG_A;
import static org.apiary.placement.candidates.Fixtures.AGG_B;
import static org.apiary.placement.candidates.Fixtures.AGG_C;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Port of upstream gabbits/allocation-candidates-member-of.yaml (NonSharedStorageFixture, with
 * aggregates changed between queries) and allocation-candidates-bug-1792503.yaml
 * (NUMAAggregateFixture: an aggregate on a root spans its tree, but only for the unnamed group).
 */
class MemberOfTest {
    private static final String Q = "/allocation_candidates?resources=VCPU:1,MEMORY_MB:1024,DISK_GB:100";

    @Test
    void memberOfValidation() {
        CandidatesApi api = new CandidatesApi(Fixtures.nonSharedStorage());
        assertThat(api.get("/allocation_candidates?resources=VCPU:1&member_of=in:" + AGG_A + "," + AGG_B, "1.18")
                .errorDetail()).contains("Invalid query string parameters").contains("'member_of' was unexpected");
        String uuids = "Expected 'member_of' parameter to contain valid UUID(s).";
        assertThat(api.get(Q + "&member_of=INVALID_UUID", "1.24").errorDetail()).contains(uuids);
        assertThat(api.get(Q + "&member_of=" + AGG_A + "," + AGG_B, "1.24").errorDetail()).contains("Multiple values "
                + "for 'member_of' must be prefixed with the 'in:' or '!in:' keyword using the valid microversion.");
        assertThat(api.get(Q + "&member_of=in:" + AGG_A + ",INVALID_UUID", "1.24").errorDetail()).contains(uuids);
        assertThat(api.get("/allocation_candidates?&member_of=in:&resources=VCPU:1", "1.24").errorDetail())
                .contains(uuids);
        CandidatesApi.Response r = api.get(Q + "&member_of=" + AGG_A + "&member_of=" + AGG_B, "1.23");
        assertThat(r.errorDetail()).contains("Multiple member_of parameters are not supported");
        assertThat(r.body().at("/errors/0/title").asText()).isEqualTo("Bad Request");
        String forbidden = "Forbidden member_of parameters are not supported in the specified microversion";
        assertThat(api.get("/allocation_candidates?resources=VCPU:1&member_of=!" + AGG_A, "1.31").errorDetail())
                .contains(forbidden);
        assertThat(api.get("/allocation_candidates?resources=VCPU:1&member_of=!in:" + AGG_A, "1.31").errorDetail())
                .contains(forbidden);
        assertThat(api.get("/allocation_candidates?member_of=!" + AGG_A, "1.32").errorDetail())
                .contains("All member_of parameters must be associated with resources");
        assertThat(api.get("/allocation_candidates?resources=VCPU:1&member_of=!(^o^)", "1.32").errorDetail())
                .contains("Invalid query string parameters: " + uuids);
        assertThat(api.get("/allocation_candidates?resources=VCPU:1&member_of=in:" + AGG_A + ",!" + AGG_B, "1.32")
                .errorDetail()).contains("Invalid query string parameters: " + uuids);
    }

    @Test
    void membershipFollowsAggregateChanges() {
        FakeProviders f = Fixtures.nonSharedStorage();
        CandidatesApi api = new CandidatesApi(f);
        String inAB = Q + "&member_of=in:" + AGG_A + "," + AGG_B;
        assertThat(api.get(Q + "&member_of=" + AGG_A, "1.24").requestCount()).isZero();
        f.aggregates("cn1", AGG_A);
        assertThat(api.get(inAB, "1.24").requestCount()).isEqualTo(1);
        f.aggregates("cn2", AGG_B);
        assertThat(api.get(inAB, "1.24").requestCount()).isEqualTo(2);
        assertThat(api.get(Q + "&member_of=" + AGG_C, "1.24").requestCount()).isZero();
        f.aggregates("cn1", AGG_A, AGG_C);
        assertThat(api.get(inAB, "1.24").requestCount()).isEqualTo(2);
        String both = Q + "&member_of=" + AGG_A + "&member_of=" + AGG_B;
        assertThat(api.get(both, "1.24").requestCount()).isZero();
        f.aggregates("cn2", AGG_A, AGG_B);
        assertThat(api.get(both, "1.24").requestCount()).isEqualTo(1);

        String vcpu = "/allocation_candidates?resources=VCPU:1";
        CandidatesApi.Response r = api.get(vcpu + "&member_of=!" + AGG_C, "1.32");
        assertThat(r.requestCount()).isEqualTo(2);
        assertThat(r.summaryCount()).isEqualTo(2);
        assertThat(r.amounts(f.uuid("cn3"), "VCPU")).containsExactly(1L);
        r = api.get(vcpu + "&member_of=!in:" + AGG_B + "," + AGG_C, "1.32");
        assertThat(r.requestCount()).isEqualTo(1);
        assertThat(r.amounts(f.uuid("cn3"), "VCPU")).containsExactly(1L);
        r = api.get(vcpu + "&member_of=!" + AGG_B + "&member_of=" + AGG_C, "1.32");
        assertThat(r.requestCount()).isEqualTo(1);
        assertThat(r.amounts(f.uuid("cn1"), "VCPU")).containsExactly(1L);
        assertThat(api.get(vcpu + "&member_of=!in:" + AGG_B + "," + AGG_C + "&member_of=" + AGG_A, "1.32")
                .requestCount()).isZero();
        r = api.get(vcpu + "&member_of=!" + AGG_B + "&member_of=in:" + AGG_B + "," + AGG_C, "1.32");
        assertThat(r.requestCount()).isEqualTo(1);
        assertThat(r.amounts(f.uuid("cn1"), "VCPU")).containsExactly(1L);
        assertThat(api.get(vcpu + "&member_of=!" + AGG_B + "&member_of=" + AGG_B, "1.32").requestCount()).isZero();
    }

    @Test
    void rootAggregateSpansTheTreeForTheUnnamedGroupOnly() {
        FakeProviders f = Fixtures.numaAggregate();
        CandidatesApi api = new CandidatesApi(f);
        String vcpu = "/allocation_candidates?resources=VCPU:1";
        assertThat(api.get(vcpu, "1.32").requestCount()).isEqualTo(4);
        assertThat(api.get(vcpu + "&member_of=" + AGG_A, "1.32").requestCount()).isEqualTo(4);
        assertThat(api.get("/allocation_candidates?resources1=VCPU:1&member_of1=" + AGG_A, "1.32").requestCount())
                .isZero();
        CandidatesApi.Response r = api.get(vcpu + "&member_of=" + AGG_B, "1.32");
        assertThat(r.requestCount()).isEqualTo(2);
        assertThat(r.amounts(f.uuid("numa2_1"), "VCPU")).containsExactly(1L);
        for (String q : new String[] {vcpu + "&member_of=" + AGG_C,
                "/allocation_candidates?resources1=VCPU:1&member_of1=" + AGG_C}) {
            r = api.get(q, "1.32");
            assertThat(r.requestCount()).isEqualTo(1);
            assertThat(r.amounts(f.uuid("numa1_1"), "VCPU")).containsExactly(1L);
        }
    }

    @Test
    void sharedStorageWithAggregatesOnNestedProviders() {
        FakeProviders f = Fixtures.numaAggregate();
        CandidatesApi api = new CandidatesApi(f);
        String q = "/allocation_candidates?resources=VCPU:1,DISK_GB:1000";
        CandidatesApi.Response r = api.get(q, "1.32");
        assertThat(r.requestCount()).isEqualTo(6);
        assertThat(r.amounts(f.uuid("numa1_1"), "VCPU")).containsExactly(1L, 1L);
        assertThat(r.amounts(f.uuid("numa2_2"), "VCPU")).containsExactly(1L);
        assertThat(r.amounts(f.uuid("ss1"), "DISK_GB")).hasSize(4);
        assertThat(r.amounts(f.uuid("ss2"), "DISK_GB")).hasSize(2);
        r = api.get(q + "&member_of=" + AGG_A, "1.32");
        assertThat(r.requestCount()).isEqualTo(4);
        assertThat(r.amounts(f.uuid("ss1"), "DISK_GB")).hasSize(4);
        assertThat(api.get(q + "&member_of=" + AGG_B, "1.32").requestCount()).isZero();
        r = api.get(q + "&member_of=" + AGG_C, "1.32");
        assertThat(r.requestCount()).isEqualTo(1);
        assertThat(r.amounts(f.uuid("numa1_1"), "VCPU")).containsExactly(1L);
        assertThat(r.amounts(f.uuid("ss2"), "DISK_GB")).containsExactly(1000L);

        assertThat(api.get(q + "&member_of=!" + AGG_A, "1.32").requestCount()).isZero();
        r = api.get(q + "&member_of=!" + AGG_B, "1.32");
        assertThat(r.requestCount()).isEqualTo(4);
        assertThat(r.amounts(f.uuid("ss2"), "DISK_GB")).hasSize(2);
        for (String neg : new String[] {"&member_of=!" + AGG_C,
                "&member_of=in:" + AGG_A + "," + AGG_B + "&member_of=!" + AGG_C}) {
            r = api.get(q + neg, "1.32");
            assertThat(r.requestCount()).isEqualTo(3);
            assertThat(r.amounts(f.uuid("ss1"), "DISK_GB")).hasSize(3);
            assertThat(r.amounts(f.uuid("numa1_2"), "VCPU")).containsExactly(1L);
        }
        r = api.get(q + "&member_of=" + AGG_A + "&member_of=!in:" + AGG_B + "," + AGG_C, "1.32");
        assertThat(r.requestCount()).isEqualTo(1);
        assertThat(r.amounts(f.uuid("numa1_2"), "VCPU")).containsExactly(1L);
        assertThat(r.amounts(f.uuid("ss1"), "DISK_GB")).containsExactly(1000L);
    }
}
