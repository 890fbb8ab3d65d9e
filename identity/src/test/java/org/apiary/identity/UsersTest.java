package org.apiary.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.apiary.identity.domain.Assignment;
import org.apiary.identity.store.sql.SqlAssignmentStore;
import org.apiary.identity.store.sql.SqlProjectStore;
import org.apiary.identity.store.sql.SqlRoleStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class UsersTest {
    static TestCloud cloud;
    static String admin;
    static String adminProjectId;

    @BeforeAll
    static void start() throws Exception {
        cloud = new TestCloud();
        admin = cloud.adminToken();
        adminProjectId = new SqlProjectStore(cloud.database().jdbi()).findByName("default", "admin").orElseThrow().id();
    }

    @AfterAll
    static void stop() {
        cloud.close();
    }

    static JsonNode createUser(String name, String extraJson) {
        TestCloud.Response r = cloud.post("/v3/users", admin, "{\"user\": {\"name\": \"" + name
                + "\", \"password\": \"pw-" + name + "\"" + extraJson + "}}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("user");
    }

    /** Grants the member role on the bootstrap admin project, as a role-assignment API would. */
    static void grantMember(String userId) {
        String member = new SqlRoleStore(cloud.database().jdbi()).findByName("member", null).orElseThrow().id();
        new SqlAssignmentStore(cloud.database().jdbi())
                .grant(new Assignment(Assignment.Type.UserProject, userId, adminProjectId, member, false));
    }

    /** Revocation events cover their whole second (as in Keystone); tokens must be issued after it. */
    static void awaitNextSecond() throws InterruptedException {
        Thread.sleep(1000 - System.currentTimeMillis() % 1000 + 20);
    }

    @Test
    void createShowsKeystoneFieldsAndNoPassword() {
        JsonNode u = createUser("alice", ", \"email\": \"alice@example.org\", \"description\": \"Alice\", "
                + "\"options\": {\"ignore_password_expiry\": true}");
        assertThat(u.get("id").asText()).matches("[0-9a-f]{32}");
        assertThat(u.get("name").asText()).isEqualTo("alice");
        assertThat(u.get("domain_id").asText()).isEqualTo("default");
        assertThat(u.get("enabled").asBoolean()).isTrue();
        assertThat(u.get("email").asText()).isEqualTo("alice@example.org");
        assertThat(u.get("description").asText()).isEqualTo("Alice");
        assertThat(u.at("/options/ignore_password_expiry").asBoolean()).isTrue();
        assertThat(u.has("password_expires_at")).isTrue();
        assertThat(u.get("password_expires_at").isNull()).isTrue();
        assertThat(u.has("password")).isFalse();
        assertThat(u.has("default_project_id")).isFalse();
        assertThat(u.at("/links/self").asText()).endsWith("/v3/users/" + u.get("id").asText());

        TestCloud.Response r = cloud.get("/v3/users/" + u.get("id").asText(), admin);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().at("/user/email").asText()).isEqualTo("alice@example.org");
        assertThat(r.body()).doesNotContain("pw-alice");
        // The new user can authenticate with the password it was given.
        cloud.passwordToken("alice", "pw-alice", null);
    }

    @Test
    void updateMergesExtraAndOptionsAndRefusesDomainChange() {
        String id = createUser("bob", ", \"email\": \"b@x\", \"options\": {\"lock_password\": true}").get("id").asText();
        TestCloud.Response r = cloud.send("PATCH", "/v3/users/" + id, admin, "{\"user\": {\"name\": \"bobby\", "
                + "\"phone\": \"123\", \"default_project_id\": \"" + adminProjectId + "\", "
                + "\"options\": {\"lock_password\": null, \"multi_factor_auth_enabled\": false}}}");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode u = r.json().get("user");
        assertThat(u.get("name").asText()).isEqualTo("bobby");
        assertThat(u.get("email").asText()).isEqualTo("b@x");
        assertThat(u.get("phone").asText()).isEqualTo("123");
        assertThat(u.get("default_project_id").asText()).isEqualTo(adminProjectId);
        assertThat(u.get("options").has("lock_password")).isFalse();
        assertThat(u.at("/options/multi_factor_auth_enabled").asBoolean()).isFalse();

        assertThat(cloud.send("PATCH", "/v3/users/" + id, admin, "{\"user\": {\"domain_id\": \"other\"}}").status())
                .isEqualTo(400);
        assertThat(cloud.send("PATCH", "/v3/users/" + id, admin, "{\"user\": {\"domain_id\": \"default\"}}").status())
                .isEqualTo(200);
        assertThat(cloud.send("PATCH", "/v3/users/" + id, admin, "{\"user\": {\"id\": \"abc\"}}").status())
                .isEqualTo(400);
        assertThat(cloud.send("PATCH", "/v3/users/" + id, admin, "{\"user\": {}}").status()).isEqualTo(400);
        assertThat(cloud.send("PATCH", "/v3/users/" + id, admin, "{\"user\": {\"default_project_id\": \"default\"}}")
                .status()).isEqualTo(400); // a domain cannot be a default project
        assertThat(cloud.send("PATCH", "/v3/users/nope", admin, "{\"user\": {\"name\": \"x\"}}").status())
                .isEqualTo(404);
    }

    @Test
    void badInputIs400AndUnknownDomain404AndDuplicate409() {
        assertThat(cloud.post("/v3/users", admin, "{\"user\": {\"password\": \"x\"}}").status()).isEqualTo(400);
        assertThat(cloud.post("/v3/users", admin, "{\"user\": {\"name\": 42}}").status()).isEqualTo(400);
        assertThat(cloud.post("/v3/users", admin, "{\"user\": {\"name\": \"   \"}}").status()).isEqualTo(400);
        assertThat(cloud.post("/v3/users", admin, "{\"user\": {\"name\": \"" + "n".repeat(256) + "\"}}").status())
                .isEqualTo(400);
        assertThat(cloud.post("/v3/users", admin, "{\"user\": {\"name\": \"c\", \"enabled\": \"yes\"}}").status())
                .isEqualTo(400);
        assertThat(cloud.post("/v3/users", admin, "{\"user\": {\"name\": \"c\", \"enabled\": null}}").status())
                .isEqualTo(400);
        assertThat(cloud.post("/v3/users", admin, "{\"user\": {\"name\": \"c\", \"password\": 5}}").status())
                .isEqualTo(400);
        assertThat(cloud.post("/v3/users", admin, "{\"user\": {\"name\": \"c\", \"domain_id\": \"a b\"}}").status())
                .isEqualTo(400);
        assertThat(cloud.post("/v3/users", admin, "{\"user\": {\"name\": \"c\", \"options\": {\"bogus\": true}}}")
                .status()).isEqualTo(400);
        assertThat(cloud.post("/v3/users", admin, "{\"user\": {\"name\": \"c\", \"options\": "
                + "{\"multi_factor_auth_rules\": [[\"password\", \"password\"]]}}}").status()).isEqualTo(400);
        assertThat(cloud.post("/v3/users", admin, "{\"user\": {\"name\": \"c\", \"federated\": "
                + "[{\"idp_id\": \"idp\", \"protocols\": []}]}}").status()).isEqualTo(400);
        assertThat(cloud.post("/v3/users", admin, "{\"user\": {\"name\": ").status()).isEqualTo(400);
        assertThat(cloud.post("/v3/users", admin, "{\"user\": []}").status()).isEqualTo(400);
        TestCloud.Response r = cloud.post("/v3/users", admin, "{\"user\": {\"name\": \"c\", \"domain_id\": \"nowhere\"}}");
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.json().at("/error/message").asText()).isEqualTo("Could not find domain: nowhere.");

        createUser("dup", "");
        r = cloud.post("/v3/users", admin, "{\"user\": {\"name\": \"dup\"}}");
        assertThat(r.status()).isEqualTo(409);
        assertThat(cloud.get("/v3/users/nope", admin).json().at("/error/message").asText())
                .isEqualTo("Could not find user: nope.");
    }

    @Test
    void listFiltersByNameEnabledDomainAndPasswordExpiry() {
        createUser("filter-on", "");
        createUser("filter-off", ", \"enabled\": false");
        List<String> names = cloud.get("/v3/users", admin).json().get("users").findValuesAsText("name");
        assertThat(names).contains("admin", "filter-on", "filter-off");
        assertThat(cloud.get("/v3/users?name=filter-on", admin).json().get("users").findValuesAsText("name"))
                .containsExactly("filter-on");
        List<String> disabled = cloud.get("/v3/users?enabled=false", admin).json().get("users").findValuesAsText("name");
        assertThat(disabled).contains("filter-off").doesNotContain("filter-on", "admin");
        assertThat(cloud.get("/v3/users?domain_id=elsewhere", admin).json().get("users")).isEmpty();
        // Nobody's password expires here, so any expiry filter matches no one.
        assertThat(cloud.get("/v3/users?password_expires_at=lt:2100-01-01T00:00:00Z", admin).json().get("users"))
                .isEmpty();
        assertThat(cloud.get("/v3/users?password_expires_at=xx:2100-01-01T00:00:00Z", admin).status()).isEqualTo(400);
        assertThat(cloud.get("/v3/users?password_expires_at=lt:yesterday", admin).status()).isEqualTo(400);
        assertThat(cloud.get("/v3/users", admin).body()).doesNotContain("password_hash").doesNotContain("$2b$");
    }

    @Test
    void memberSeesOnlyItselfAndNoTokenIs401() {
        String id = createUser("carol", "").get("id").asText();
        String other = createUser("dave", "").get("id").asText();
        grantMember(id);
        String carol = cloud.passwordToken("carol", "pw-carol", "admin");

        assertThat(cloud.get("/v3/users/" + id, carol).status()).isEqualTo(200);
        assertThat(cloud.get("/v3/users/" + other, carol).status()).isEqualTo(403);
        assertThat(cloud.get("/v3/users/nope", carol).status()).isEqualTo(403);
        assertThat(cloud.get("/v3/users", carol).status()).isEqualTo(403);
        assertThat(cloud.post("/v3/users", carol, "{\"user\": {\"name\": \"mallory\"}}").status()).isEqualTo(403);
        assertThat(cloud.send("PATCH", "/v3/users/" + id, carol, "{\"user\": {\"enabled\": true}}").status())
                .isEqualTo(403);
        assertThat(cloud.send("DELETE", "/v3/users/" + other, carol, null).status()).isEqualTo(403);
        assertThat(cloud.get("/v3/users/" + id + "/groups", carol).status()).isEqualTo(200);
        assertThat(cloud.get("/v3/users/" + other + "/groups", carol).status()).isEqualTo(403);
        TestCloud.Response projects = cloud.get("/v3/users/" + id + "/projects", carol);
        assertThat(projects.status()).isEqualTo(200);
        assertThat(projects.json().get("projects").findValuesAsText("name")).containsExactly("admin");
        assertThat(cloud.get("/v3/users/" + other + "/projects", carol).status()).isEqualTo(403);

        assertThat(cloud.get("/v3/users", null).status()).isEqualTo(401);
        assertThat(cloud.get("/v3/users/" + id, null).status()).isEqualTo(401);
        assertThat(cloud.post("/v3/users", null, "{\"user\": {\"name\": \"x\"}}").status()).isEqualTo(401);
    }

    @Test
    void projectsListIsFilteredAnd404ForUnknownUser() {
        String id = createUser("erin", "").get("id").asText();
        assertThat(cloud.get("/v3/users/" + id + "/projects", admin).json().get("projects")).isEmpty();
        grantMember(id);
        assertThat(cloud.get("/v3/users/" + id + "/projects", admin).json().get("projects").findValuesAsText("id"))
                .containsExactly(adminProjectId);
        assertThat(cloud.get("/v3/users/" + id + "/projects?name=other", admin).json().get("projects")).isEmpty();
        assertThat(cloud.get("/v3/users/nope/projects", admin).status()).isEqualTo(404);
        assertThat(cloud.get("/v3/users/nope/groups", admin).status()).isEqualTo(404);
    }

    @Test
    void selfServicePasswordChangeNeedsTheOriginalAndRevokesTokens() throws Exception {
        String id = createUser("frank", "").get("id").asText();
        grantMember(id);
        String token = cloud.passwordToken("frank", "pw-frank", "admin");
        String path = "/v3/users/" + id + "/password";
        assertThat(cloud.post(path, null, "{\"user\": {\"original_password\": \"wrong\", \"password\": \"n\"}}").status())
                .isEqualTo(401);
        assertThat(cloud.post(path, null, "{\"user\": {\"password\": \"n\"}}").status()).isEqualTo(400);
        assertThat(cloud.post(path, null, "{\"user\": {\"original_password\": \"pw-frank\", \"password\": 1}}").status())
                .isEqualTo(400);
        assertThat(cloud.post(path, null, "{\"user\": {\"original_password\": \"pw-frank\", \"password\": \"n\", "
                + "\"extra\": 1}}").status()).isEqualTo(400);
        assertThat(cloud.post("/v3/users/nope/password", null,
                "{\"user\": {\"original_password\": \"a\", \"password\": \"b\"}}").status()).isEqualTo(401);
        assertThat(cloud.get(path, token).status()).isEqualTo(405);

        // Keystone authenticates this call by the original password; no token is needed.
        assertThat(cloud.post(path, null, "{\"user\": {\"original_password\": \"pw-frank\", \"password\": \"n3w\"}}")
                .status()).isEqualTo(204);
        assertThat(cloud.get("/v3/users/" + id, token).status()).isEqualTo(401);
        awaitNextSecond();
        String fresh = cloud.passwordToken("frank", "n3w", "admin");
        assertThat(cloud.get("/v3/users/" + id, fresh).status()).isEqualTo(200);
        assertThat(cloud.post("/v3/auth/tokens", null, "{\"auth\": {\"identity\": {\"methods\": [\"password\"], "
                + "\"password\": {\"user\": {\"id\": \"" + id + "\", \"password\": \"pw-frank\"}}}}}").status())
                .isEqualTo(401);

        // lock_password stops self-service changes (Keystone answers 400) but not an admin reset.
        cloud.send("PATCH", "/v3/users/" + id, admin, "{\"user\": {\"options\": {\"lock_password\": true}}}");
        assertThat(cloud.post(path, null, "{\"user\": {\"original_password\": \"n3w\", \"password\": \"x\"}}").status())
                .isEqualTo(400);
    }

    @Test
    void adminResetAndDisableRevokeTheUsersTokens() throws Exception {
        String id = createUser("gina", "").get("id").asText();
        grantMember(id);
        String token = cloud.passwordToken("gina", "pw-gina", "admin");
        assertThat(cloud.send("PATCH", "/v3/users/" + id, admin, "{\"user\": {\"password\": \"reset\"}}").status())
                .isEqualTo(200);
        assertThat(cloud.get("/v3/users/" + id, token).status()).isEqualTo(401);

        awaitNextSecond();
        token = cloud.passwordToken("gina", "reset", "admin");
        assertThat(cloud.get("/v3/users/" + id, token).status()).isEqualTo(200);
        assertThat(cloud.send("PATCH", "/v3/users/" + id, admin, "{\"user\": {\"enabled\": false}}").status())
                .isEqualTo(200);
        assertThat(cloud.get("/v3/users/" + id, token).status()).isEqualTo(401);
        assertThat(cloud.post("/v3/auth/tokens", null, "{\"auth\": {\"identity\": {\"methods\": [\"password\"], "
                + "\"password\": {\"user\": {\"id\": \"" + id + "\", \"password\": \"reset\"}}}}}").status())
                .isEqualTo(401);
    }

    @Test
    void deleteRemovesGrantsMembershipsAndTokens() {
        String id = createUser("hank", "").get("id").asText();
        grantMember(id);
        String token = cloud.passwordToken("hank", "pw-hank", "admin");
        String group = cloud.post("/v3/groups", admin, "{\"group\": {\"name\": \"hank-group\"}}").json()
                .at("/group/id").asText();
        assertThat(cloud.send("PUT", "/v3/groups/" + group + "/users/" + id, admin, null).status()).isEqualTo(204);

        assertThat(cloud.send("DELETE", "/v3/users/" + id, admin, null).status()).isEqualTo(204);
        assertThat(cloud.get("/v3/users/" + id, admin).status()).isEqualTo(404);
        assertThat(cloud.get("/v3/users/" + id, token).status()).isEqualTo(401);
        assertThat(cloud.get("/v3/groups/" + group + "/users", admin).json().get("users")).isEmpty();
        assertThat(new SqlAssignmentStore(cloud.database().jdbi()).forActors(List.of(id))).isEmpty();
        assertThat(cloud.send("DELETE", "/v3/users/" + id, admin, null).status()).isEqualTo(404);
    }
}
