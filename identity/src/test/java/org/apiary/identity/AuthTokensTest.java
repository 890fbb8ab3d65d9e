package org.apiary.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class AuthTokensTest {
    static TestCloud cloud;

    @BeforeAll
    static void start() throws Exception {
        cloud = new TestCloud();
    }

    @AfterAll
    static void stop() {
        cloud.close();
    }

    @Test
    void passwordTokenCarriesProjectRolesAndCatalog() {
        TestCloud.Response r = cloud.get("/v3/auth/tokens", cloud.adminToken());
        assertThat(r.status()).isEqualTo(400); // no X-Subject-Token
        r = cloud.send("GET", "/v3/auth/tokens", cloud.adminToken(), null, "X-Subject-Token", cloud.adminToken());
        assertThat(r.status()).isEqualTo(200);
        JsonNode token = r.json().get("token");
        assertThat(token.at("/project/name").asText()).isEqualTo("admin");
        assertThat(token.at("/user/domain/id").asText()).isEqualTo("default");
        assertThat(token.get("roles").findValuesAsText("name")).contains("admin", "member", "reader");
        assertThat(token.get("catalog").get(0).get("type").asText()).isEqualTo("identity");
        assertThat(token.get("methods").get(0).asText()).isEqualTo("password");
        assertThat(token.get("expires_at").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}Z");
        assertThat(r.header("x-openstack-request-id")).startsWith("req-");
    }

    @Test
    void wrongPasswordIs401WithKeystoneBody() {
        TestCloud.Response r = cloud.post("/v3/auth/tokens", null, "{\"auth\": {\"identity\": {\"methods\": [\"password\"], "
                + "\"password\": {\"user\": {\"name\": \"admin\", \"domain\": {\"id\": \"default\"}, \"password\": \"nope\"}}}}}");
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.json().at("/error/code").asInt()).isEqualTo(401);
        assertThat(r.json().at("/error/title").asText()).isEqualTo("Unauthorized");
        assertThat(r.header("WWW-Authenticate")).startsWith("Keystone uri=");
    }

    @Test
    void malformedAndMistypedBodiesAre400() {
        assertThat(cloud.post("/v3/auth/tokens", null, "{not json").status()).isEqualTo(400);
        assertThat(cloud.post("/v3/auth/tokens", null, "[]").status()).isEqualTo(400);
        TestCloud.Response r = cloud.post("/v3/auth/tokens", null, "{\"auth\": {\"identity\": {\"methods\": \"password\"}}}");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().at("/error/message").asText()).contains("methods");
    }

    @Test
    void oversizedBodyIs413() {
        String big = "{\"auth\": \"" + "x".repeat(200_000) + "\"}";
        assertThat(cloud.post("/v3/auth/tokens", null, big).status()).isEqualTo(413);
    }

    @Test
    void revokedTokenStopsWorking() {
        String t = cloud.passwordToken("admin", TestCloud.ADMIN_PASSWORD, "admin");
        assertThat(cloud.get("/v3/regions", t).status()).isEqualTo(200);
        assertThat(cloud.send("DELETE", "/v3/auth/tokens", t, null, "X-Subject-Token", t).status()).isEqualTo(204);
        assertThat(cloud.get("/v3/regions", t).status()).isEqualTo(401);
        assertThat(cloud.send("GET", "/v3/auth/tokens", cloud.adminToken(), null, "X-Subject-Token", t).status())
                .isEqualTo(404);
    }

    @Test
    void rescopingUnscopedTokenKeepsExpiryAndAuditChain() {
        String unscoped = cloud.passwordToken("admin", TestCloud.ADMIN_PASSWORD, null);
        TestCloud.Response r = cloud.post("/v3/auth/tokens", null, "{\"auth\": {\"identity\": {\"methods\": [\"token\"], "
                + "\"token\": {\"id\": \"" + unscoped + "\"}}, \"scope\": {\"system\": {\"all\": true}}}}");
        assertThat(r.status()).isEqualTo(201);
        JsonNode token = r.json().get("token");
        assertThat(token.at("/system/all").asBoolean()).isTrue();
        assertThat(token.get("audit_ids")).hasSize(2);
        assertThat(token.get("methods").findValuesAsText("")).isEmpty();
    }

    @Test
    void missingOrGarbageTokenIs401() {
        assertThat(cloud.get("/v3/regions", null).status()).isEqualTo(401);
        assertThat(cloud.get("/v3/regions", "garbage").status()).isEqualTo(401);
        assertThat(cloud.get("/v3/regions", "gAAAAABr" + "A".repeat(100)).status()).isEqualTo(401);
    }

    @Test
    void versionDocumentsAndHealth() {
        assertThat(cloud.get("/", null).status()).isEqualTo(300);
        assertThat(cloud.get("/v3", null).json().at("/version/id").asText()).isEqualTo("v3.14");
        assertThat(cloud.get("/healthcheck", null).status()).isEqualTo(200);
        assertThat(cloud.send("HEAD", "/healthcheck", null, null).status()).isEqualTo(204);
        assertThat(cloud.get("/metrics", null).body()).contains("apiary_http_requests_total");
    }

    @Test
    void unknownPathIs404AndWrongMethodIs405() {
        TestCloud.Response r = cloud.get("/v3/nothing-here", cloud.adminToken());
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.json().at("/error/code").asInt()).isEqualTo(404);
        r = cloud.send("PUT", "/v3/auth/tokens", cloud.adminToken(), "{}");
        assertThat(r.status()).isEqualTo(405);
        assertThat(r.header("Allow")).contains("GET", "POST", "DELETE");
    }

    @Test
    void corsPreflightAndDecoration() {
        TestCloud.Response r = cloud.send("OPTIONS", "/v3/auth/tokens", null, null, "Origin", "https://dash.example.org",
                "Access-Control-Request-Method", "POST");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Access-Control-Allow-Origin")).isEqualTo("https://dash.example.org");
        r = cloud.send("GET", "/v3", null, null, "Origin", "https://evil.example.org");
        assertThat(r.header("Access-Control-Allow-Origin")).isNull();
    }
}
