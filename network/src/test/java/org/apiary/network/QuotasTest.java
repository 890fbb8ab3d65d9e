package org.apiary.network;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** /v2.0/quotas (quotas and quota_details), and quota enforcement on create. */
class QuotasTest extends NetworkTestBase {

    @Test
    void aProjectReadsItsOwnLimitsOnlyAdminsReadOthersAndChangeThem() {
        JsonNode own = expect(cloud.call("GET", "/v2.0/quotas/" + member.projectId(), member.token(), null), 200)
                .json().path("quota");
        assertThat(own.path("network").asInt()).isEqualTo(100);
        assertThat(own.path("subnet").asInt()).isEqualTo(100);
        assertThat(own.path("port").asInt()).isEqualTo(500);
        assertThat(own.has("security_group")).isTrue();
        assertThat(own.has("security_group_rule")).isTrue();
        expectError(cloud.call("GET", "/v2.0/quotas/" + other.projectId(), member.token(), null), 403,
                "PolicyNotAuthorized");
        expectError(cloud.call("PUT", "/v2.0/quotas/" + member.projectId(), member.token(),
                "{\"quota\": {\"network\": 5}}"), 403, "PolicyNotAuthorized");
        expect(cloud.call("GET", "/v2.0/quotas/" + other.projectId(), admin, null), 200);
        JsonNode project = expect(cloud.call("GET", "/v2.0/quotas/project", member.token(), null), 200).json();
        assertThat(project.path("project").path("project_id").asText()).isEqualTo(member.projectId());
    }

    @Test
    void adminSetsListsAndResetsAProjectsLimits() {
        NetworkCloud.Persona q = cloud.persona("quinn", "quota-set", "member");
        JsonNode set = expect(cloud.call("PUT", "/v2.0/quotas/" + q.projectId(), admin,
                "{\"quota\": {\"network\": 7, \"port\": \"-1\"}}"), 200).json().path("quota");
        assertThat(set.path("network").asInt()).isEqualTo(7);
        assertThat(set.path("port").asInt()).isEqualTo(-1);
        assertThat(set.path("subnet").asInt()).isEqualTo(100);
        JsonNode all = expect(cloud.call("GET", "/v2.0/quotas", admin, null), 200).json().path("quotas");
        JsonNode mine = null;
        for (JsonNode e : all) {
            if (e.path("project_id").asText().equals(q.projectId())) {
                mine = e;
            }
        }
        assertThat(mine).isNotNull();
        assertThat(mine.path("network").asInt()).isEqualTo(7);
        expectError(cloud.call("GET", "/v2.0/quotas", member.token(), null), 403, "PolicyNotAuthorized");
        JsonNode defaults = expect(cloud.call("GET", "/v2.0/quotas/" + q.projectId() + "/default", admin, null), 200)
                .json().path("quota");
        assertThat(defaults.path("network").asInt()).isEqualTo(100);
        expect(cloud.call("DELETE", "/v2.0/quotas/" + q.projectId(), admin, null), 204);
        JsonNode reset = expect(cloud.call("GET", "/v2.0/quotas/" + q.projectId(), q.token(), null), 200).json()
                .path("quota");
        assertThat(reset.path("network").asInt()).isEqualTo(100);
    }

    @Test
    void limitsAreEnforcedAndDetailsCountUsage() {
        NetworkCloud.Persona q = cloud.persona("quentin", "quota-use", "member");
        expect(cloud.call("PUT", "/v2.0/quotas/" + q.projectId(), admin, "{\"quota\": {\"network\": 2}}"), 200);
        network(q.token(), "q1");
        network(q.token(), "q2");
        expectError(cloud.call("POST", "/v2.0/networks", q.token(), "{\"network\": {\"name\": \"q3\"}}"), 409,
                "OverQuota");
        JsonNode details = expect(cloud.call("GET", "/v2.0/quotas/" + q.projectId() + "/details", q.token(), null),
                200).json().path("quota");
        assertThat(details.path("network").path("limit").asInt()).isEqualTo(2);
        assertThat(details.path("network").path("used").asInt()).isEqualTo(2);
        assertThat(details.path("network").path("reserved").asInt()).isZero();
        assertThat(details.path("security_group").path("used").asInt()).isEqualTo(1); // the default group
        expectError(cloud.call("GET", "/v2.0/quotas/" + q.projectId() + "/details", other.token(), null), 403,
                "AdminRequired");
        expectError(cloud.call("PUT", "/v2.0/quotas/" + q.projectId(), admin,
                "{\"quota\": {\"network\": 1, \"check_limit\": true}}"), 400, "HTTPBadRequest");
    }

    @Test
    void invalidQuotaBodiesAre400() {
        String path = "/v2.0/quotas/" + other.projectId();
        for (String body : new String[] {"{\"quota\": {\"network\": -2}}", "{\"quota\": {\"network\": \"many\"}}",
                "{\"quota\": {\"router\": 3}}", "{\"quota\": 5}", "{}", "{\"quota\": {\"network\": 1e99}}"}) {
            NetworkCloud.Response r = cloud.call("PUT", path, admin, body);
            assertThat(r.status()).as(body + " → " + r.body()).isEqualTo(400);
            assertThat(r.errorType()).isNotEmpty();
        }
    }
}
