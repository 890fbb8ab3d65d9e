package org.apiary.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.apiary.identity.CredentialsTest.Seeded;
import org.apiary.identity.store.sql.SqlRoleStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** /v3/users/{user_id}/application_credentials and authenticating with them. */
class ApplicationCredentialsTest {
    static TestCloud cloud;
    static String admin;
    static Seeded dave;
    static Seeded erin;
    static String daveToken;
    static String erinToken;

    @BeforeAll
    static void start() throws Exception {
        cloud = new TestCloud();
        admin = cloud.adminToken();
        dave = CredentialsTest.seedMember(cloud, "dave", "dave-project");
        erin = CredentialsTest.seedMember(cloud, "erin", "erin-project");
        daveToken = cloud.passwordToken("dave", "pw-dave", "dave-project");
        erinToken = cloud.passwordToken("erin", "pw-erin", "erin-project");
    }

    @AfterAll
    static void stop() {
        cloud.close();
    }

    /** A token issued for an application credential id and secret; fails the test when refused. */
    static String appCredToken(TestCloud cloud, String id, String secret) {
        TestCloud.Response r = cloud.post("/v3/auth/tokens", null, "{\"auth\": {\"identity\": {\"methods\": "
                + "[\"application_credential\"], \"application_credential\": {\"id\": \"" + id + "\", \"secret\": \""
                + secret + "\"}}}}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.header("X-Subject-Token");
    }

    static String path(Seeded user) {
        return "/v3/users/" + user.userId() + "/application_credentials";
    }

    static JsonNode create(String token, Seeded user, String fields) {
        TestCloud.Response r = cloud.post(path(user), token, "{\"application_credential\": {" + fields + "}}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("application_credential");
    }

    /** The top-level names of a list (findValuesAsText would also collect the names of the roles). */
    static List<String> names(JsonNode list) {
        List<String> out = new java.util.ArrayList<>();
        list.forEach(n -> out.add(n.get("name").asText()));
        return out;
    }

    @Test
    void createShowsTheSecretOnceAndAuthenticates() {
        JsonNode a = create(daveToken, dave, "\"name\": \"ci\"");
        String id = a.get("id").asText();
        String secret = a.get("secret").asText();
        assertThat(secret).matches("[A-Za-z0-9_-]{86}");
        assertThat(a.get("project_id").asText()).isEqualTo(dave.projectId());
        assertThat(a.get("roles").findValuesAsText("name")).containsExactlyInAnyOrder("member", "reader");
        assertThat(a.get("unrestricted").asBoolean()).isFalse();
        assertThat(a.get("expires_at").isNull()).isTrue();
        assertThat(a.get("description").isNull()).isTrue();
        assertThat(a.at("/links/self").asText()).endsWith(path(dave) + "/" + id);

        JsonNode shown = cloud.get(path(dave) + "/" + id, daveToken).json().get("application_credential");
        assertThat(shown.has("secret")).isFalse();
        assertThat(shown.get("name").asText()).isEqualTo("ci");

        String token = appCredToken(cloud, id, secret);
        JsonNode t = cloud.send("GET", "/v3/auth/tokens", admin, null, "X-Subject-Token", token).json().get("token");
        assertThat(t.at("/project/id").asText()).isEqualTo(dave.projectId());
        assertThat(t.get("methods").get(0).asText()).isEqualTo("application_credential");
        TestCloud.Response byName = cloud.post("/v3/auth/tokens", null, "{\"auth\": {\"identity\": {\"methods\": "
                + "[\"application_credential\"], \"application_credential\": {\"name\": \"ci\", \"user\": {\"id\": \""
                + dave.userId() + "\"}, \"secret\": \"" + secret + "\"}}}}");
        assertThat(byName.status()).as(byName.body()).isEqualTo(201);
    }

    @Test
    void givenSecretExpiryDescriptionAndRoles() {
        JsonNode a = create(daveToken, dave, "\"name\": \"limited\", \"secret\": \"my-own-secret\", \"description\": "
                + "\"ro\", \"expires_at\": \"2099-01-02T03:04:05.123456\", \"roles\": [{\"name\": \"reader\"}]");
        assertThat(a.get("secret").asText()).isEqualTo("my-own-secret");
        assertThat(a.get("expires_at").asText()).isEqualTo("2099-01-02T03:04:05.123456");
        assertThat(a.get("description").asText()).isEqualTo("ro");
        assertThat(a.get("roles").findValuesAsText("name")).containsExactly("reader");
        String token = appCredToken(cloud, a.get("id").asText(), "my-own-secret");
        JsonNode t = cloud.send("GET", "/v3/auth/tokens", admin, null, "X-Subject-Token", token).json().get("token");
        assertThat(t.get("roles").findValuesAsText("name")).containsExactly("reader");

        String readerId = new SqlRoleStore(cloud.database().jdbi()).findByName("reader", null).orElseThrow().id();
        JsonNode byId = create(daveToken, dave, "\"name\": \"by-id\", \"expires_at\": \"2099-05-06T07:08:09Z\", "
                + "\"roles\": [{\"id\": \"" + readerId + "\"}]");
        assertThat(byId.get("expires_at").asText()).isEqualTo("2099-05-06T07:08:09.000000");
        assertThat(byId.get("roles").findValuesAsText("id")).containsExactly(readerId);
    }

    @Test
    void listFiltersByNameAndDuplicatesConflict() {
        create(erinToken, erin, "\"name\": \"one\"");
        create(erinToken, erin, "\"name\": \"two\"");
        assertThat(names(cloud.get(path(erin), erinToken).json().get("application_credentials"))).contains("one", "two");
        JsonNode two = cloud.get(path(erin) + "?name=two", erinToken).json().get("application_credentials");
        assertThat(names(two)).containsExactly("two");
        assertThat(two.get(0).has("secret")).isFalse();
        TestCloud.Response r = cloud.post(path(erin), erinToken, "{\"application_credential\": {\"name\": \"one\"}}");
        assertThat(r.status()).isEqualTo(409);
    }

    @Test
    void invalidRequestsAre400Or404() {
        String adminRoleId = new SqlRoleStore(cloud.database().jdbi()).findByName("admin", null).orElseThrow().id();
        for (String bad : List.of("", "\"name\": \"\"", "\"name\": 5", "\"name\": \"x\", \"unrestricted\": \"yes\"",
                "\"name\": \"x\", \"roles\": {}", "\"name\": \"x\", \"roles\": [{\"id\": \"a\", \"name\": \"b\"}]",
                "\"name\": \"x\", \"roles\": [{}]", "\"name\": \"x\", \"roles\": [{\"id\": \"bad id!\"}]",
                "\"name\": \"x\", \"roles\": [{\"id\": \"" + adminRoleId + "\"}]",
                "\"name\": \"x\", \"expires_at\": \"2000-01-01T00:00:00\"",
                "\"name\": \"x\", \"expires_at\": \"tomorrow\"", "\"name\": \"x\", \"expires_at\": \"2099-13-01T00:00:00\"",
                "\"name\": \"x\", \"expires_at\": 5", "\"name\": \"x\", \"secret\": 5", "\"name\": \"x\", \"description\": []",
                "\"name\": \"x\", \"access_rules\": [{\"path\": \"/v2.1/servers\", \"method\": \"GET\", \"service\": \"compute\"}]")) {
            TestCloud.Response r = cloud.post(path(dave), daveToken, "{\"application_credential\": {" + bad + "}}");
            assertThat(r.status()).as(bad + " -> " + r.body()).isEqualTo(400);
        }
        TestCloud.Response r = cloud.post(path(dave), daveToken, "{\"application_credential\": {\"name\": \"x\", "
                + "\"roles\": [{\"id\": \"" + adminRoleId + "\"}]}}");
        assertThat(r.json().at("/error/message").asText())
                .isEqualTo("Invalid application credential: Cannot create an application credential with unassigned role");
        r = cloud.post(path(dave), daveToken, "{\"application_credential\": {\"name\": \"x\", \"roles\": [{\"name\": "
                + "\"no-such-role\"}]}}");
        assertThat(r.status()).isEqualTo(404);
        assertThat(cloud.post(path(dave), daveToken, "{\"application_credential\": ").status()).isEqualTo(400);
        assertThat(cloud.get(path(dave) + "/nope", daveToken).status()).isEqualTo(404);
        assertThat(cloud.send("DELETE", path(dave) + "/nope", daveToken, null).status()).isEqualTo(404);
    }

    @Test
    void restrictedApplicationCredentialsCannotManageOthers() {
        JsonNode restricted = create(daveToken, dave, "\"name\": \"restricted\"");
        String token = appCredToken(cloud, restricted.get("id").asText(), restricted.get("secret").asText());
        TestCloud.Response r = cloud.post(path(dave), token, "{\"application_credential\": {\"name\": \"child\"}}");
        assertThat(r.status()).isEqualTo(403);
        assertThat(cloud.send("DELETE", path(dave) + "/" + restricted.get("id").asText(), token, null).status())
                .isEqualTo(403);
        assertThat(cloud.get(path(dave), token).status()).isEqualTo(200);

        JsonNode free = create(daveToken, dave, "\"name\": \"unrestricted\", \"unrestricted\": true");
        assertThat(free.get("unrestricted").asBoolean()).isTrue();
        String freeToken = appCredToken(cloud, free.get("id").asText(), free.get("secret").asText());
        JsonNode child = create(freeToken, dave, "\"name\": \"child-of-free\"");
        assertThat(cloud.send("DELETE", path(dave) + "/" + child.get("id").asText(), freeToken, null).status())
                .isEqualTo(204);
    }

    @Test
    void deletingRevokesAuthentication() {
        JsonNode a = create(daveToken, dave, "\"name\": \"short-lived\"");
        String id = a.get("id").asText();
        String issued = appCredToken(cloud, id, a.get("secret").asText());
        assertThat(cloud.get(path(dave), issued).status()).isEqualTo(200);
        assertThat(cloud.send("DELETE", path(dave) + "/" + id, daveToken, null).status()).isEqualTo(204);
        assertThat(cloud.get(path(dave), issued).status()).isEqualTo(401);
        assertThat(cloud.get(path(dave) + "/" + id, daveToken).status()).isEqualTo(404);
        TestCloud.Response r = cloud.post("/v3/auth/tokens", null, "{\"auth\": {\"identity\": {\"methods\": "
                + "[\"application_credential\"], \"application_credential\": {\"id\": \"" + id + "\", \"secret\": \""
                + a.get("secret").asText() + "\"}}}}");
        assertThat(r.status()).isEqualTo(401);
    }

    @Test
    void onlyTheOwnerOrAnAdminReachesACredential() {
        JsonNode a = create(daveToken, dave, "\"name\": \"private\"");
        String id = a.get("id").asText();
        assertThat(cloud.post(path(dave), erinToken, "{\"application_credential\": {\"name\": \"for-dave\"}}").status())
                .isEqualTo(403);
        assertThat(cloud.post(path(dave), admin, "{\"application_credential\": {\"name\": \"by-admin\"}}").status())
                .isEqualTo(403); // even an admin creates only their own
        assertThat(cloud.get(path(dave), erinToken).status()).isEqualTo(403);
        assertThat(cloud.get(path(dave) + "/" + id, erinToken).status()).isEqualTo(403);
        // Naming oneself in the path does not help: the owner comes from the credential.
        assertThat(cloud.get(path(erin) + "/" + id, erinToken).status()).isEqualTo(403);
        assertThat(cloud.send("DELETE", path(erin) + "/" + id, erinToken, null).status()).isEqualTo(403);

        assertThat(cloud.get(path(dave), admin).json().get("application_credentials").findValuesAsText("id")).contains(id);
        assertThat(cloud.get(path(dave) + "/" + id, admin).status()).isEqualTo(200);
        assertThat(cloud.get(path(dave), null).status()).isEqualTo(401);
        assertThat(cloud.post(path(dave), null, "{\"application_credential\": {\"name\": \"anon\"}}").status())
                .isEqualTo(401);
    }
}
