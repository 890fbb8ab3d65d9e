package org.apiary.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** /v3/policies. */
class PoliciesTest {
    static TestCloud cloud;
    static String admin;
    static String member;

    @BeforeAll
    static void start() throws Exception {
        cloud = new TestCloud();
        admin = cloud.adminToken();
        CredentialsTest.seedMember(cloud, "gina", "gina-project");
        member = cloud.passwordToken("gina", "pw-gina", "gina-project");
    }

    @AfterAll
    static void stop() {
        cloud.close();
    }

    static JsonNode create(String body) {
        TestCloud.Response r = cloud.post("/v3/policies", admin, body);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("policy");
    }

    @Test
    void policyCrudKeepsExtraAttributes() {
        JsonNode p = create("{\"policy\": {\"blob\": \"{\\\"a\\\": 1}\", \"type\": \"application/json\", "
                + "\"os-note\": \"n\", \"id\": \"ignored\"}}");
        String id = p.get("id").asText();
        assertThat(id).matches("[0-9a-f]{32}");
        assertThat(p.get("blob").asText()).isEqualTo("{\"a\": 1}");
        assertThat(p.get("type").asText()).isEqualTo("application/json");
        assertThat(p.get("os_note").asText()).isEqualTo("n");
        assertThat(p.at("/links/self").asText()).isEqualTo(cloud.baseUrl + "/v3/policies/" + id);
        assertThat(cloud.get("/v3/policies/" + id, admin).json().get("policy")).isEqualTo(p);

        TestCloud.Response r = cloud.send("PATCH", "/v3/policies/" + id, admin,
                "{\"policy\": {\"type\": \"text/plain\", \"id\": \"" + id + "\"}}");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode got = cloud.get("/v3/policies/" + id, admin).json().get("policy");
        assertThat(got.get("type").asText()).isEqualTo("text/plain");
        assertThat(got.get("blob").asText()).isEqualTo("{\"a\": 1}");
        assertThat(got.get("os_note").asText()).isEqualTo("n");

        assertThat(cloud.send("DELETE", "/v3/policies/" + id, admin, null).status()).isEqualTo(204);
        r = cloud.get("/v3/policies/" + id, admin);
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.json().at("/error/message").asText()).isEqualTo("Could not find policy: " + id + ".");
        assertThat(cloud.send("DELETE", "/v3/policies/" + id, admin, null).status()).isEqualTo(404);
    }

    @Test
    void listFiltersByType() {
        String a = create("{\"policy\": {\"blob\": \"x\", \"type\": \"type-a\"}}").get("id").asText();
        String b = create("{\"policy\": {\"blob\": \"y\", \"type\": \"type-b\"}}").get("id").asText();
        assertThat(cloud.get("/v3/policies", admin).json().get("policies").findValuesAsText("id")).contains(a, b);
        assertThat(cloud.get("/v3/policies?type=type-b", admin).json().get("policies").findValuesAsText("id"))
                .containsExactly(b);
    }

    @Test
    void badBodiesAreRejected() {
        TestCloud.Response r = cloud.post("/v3/policies", admin, "{\"policy\": {\"type\": \"t\"}}");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().at("/error/message").asText()).isEqualTo("'blob' is a required property");
        r = cloud.post("/v3/policies", admin, "{\"policy\": {\"blob\": \"b\"}}");
        assertThat(r.json().at("/error/message").asText()).isEqualTo("'type' is a required property");
        assertThat(cloud.post("/v3/policies", admin, "{\"policy\": {\"blob\": {}, \"type\": \"t\"}}").status())
                .isEqualTo(400);
        assertThat(cloud.post("/v3/policies", admin, "{\"policy\": {\"blob\": \"b\", \"type\": null}}").status())
                .isEqualTo(400);
        assertThat(cloud.post("/v3/policies", admin, "{\"policy\": {\"blob\": \"b\", \"type\": \"" + "t".repeat(256)
                + "\"}}").status()).isEqualTo(400);
        assertThat(cloud.post("/v3/policies", admin, "{\"policy\": ").status()).isEqualTo(400);

        String id = create("{\"policy\": {\"blob\": \"b\", \"type\": \"t\"}}").get("id").asText();
        assertThat(cloud.send("PATCH", "/v3/policies/" + id, admin, "{\"policy\": {}}").status()).isEqualTo(400);
        assertThat(cloud.send("PATCH", "/v3/policies/" + id, admin, "{\"policy\": {\"blob\": 1}}").status())
                .isEqualTo(400);
        r = cloud.send("PATCH", "/v3/policies/" + id, admin, "{\"policy\": {\"id\": \"other\"}}");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().at("/error/message").asText()).isEqualTo("Cannot change policy ID");
        assertThat(cloud.send("PATCH", "/v3/policies/nope", admin, "{\"policy\": {\"type\": \"t\"}}").status())
                .isEqualTo(404);
    }

    @Test
    void onlyAdminsManagePolicies() {
        String id = create("{\"policy\": {\"blob\": \"b\", \"type\": \"t\"}}").get("id").asText();
        assertThat(cloud.get("/v3/policies", member).status()).isEqualTo(403);
        assertThat(cloud.get("/v3/policies/" + id, member).status()).isEqualTo(403);
        assertThat(cloud.post("/v3/policies", member, "{\"policy\": {\"blob\": \"b\", \"type\": \"t\"}}").status())
                .isEqualTo(403);
        assertThat(cloud.send("PATCH", "/v3/policies/" + id, member, "{\"policy\": {\"type\": \"x\"}}").status())
                .isEqualTo(403);
        assertThat(cloud.send("DELETE", "/v3/policies/" + id, member, null).status()).isEqualTo(403);
        assertThat(cloud.get("/v3/policies", null).status()).isEqualTo(401);
    }
}
