package org.apiary.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RolesTest {
    static TestCloud cloud;
    static GrantsTest.Fixture fx;
    static String admin;

    @BeforeAll
    static void start() throws Exception {
        cloud = new TestCloud();
        fx = new GrantsTest.Fixture(cloud);
        admin = cloud.adminToken();
    }

    @AfterAll
    static void stop() {
        cloud.close();
    }

    private static TestCloud.Response send(String method, String path, String body) {
        return cloud.send(method, path, admin, body);
    }

    @Test
    void bootstrapRolesExistAndImplyEachOther() {
        JsonNode roles = cloud.get("/v3/roles", admin).json().get("roles");
        assertThat(roles.findValuesAsText("name")).contains("admin", "member", "reader");
        JsonNode rules = cloud.get("/v3/role_inferences", admin).json().get("role_inferences");
        String adminId = fx.roleId("admin");
        String memberId = fx.roleId("member");
        String readerId = fx.roleId("reader");
        boolean adminImpliesMember = false;
        boolean memberImpliesReader = false;
        for (JsonNode rule : rules) {
            String prior = rule.at("/prior_role/id").asText();
            var implied = rule.get("implies").findValuesAsText("id");
            adminImpliesMember |= prior.equals(adminId) && implied.contains(memberId);
            memberImpliesReader |= prior.equals(memberId) && implied.contains(readerId);
        }
        assertThat(adminImpliesMember).isTrue();
        assertThat(memberImpliesReader).isTrue();
    }

    @Test
    void createShowListUpdateDelete() {
        TestCloud.Response r = send("POST", "/v3/roles", "{\"role\": {\"name\": \"r-crud\", \"tier:x\": \"gold\"}}");
        assertThat(r.status()).isEqualTo(201);
        JsonNode created = r.json().get("role");
        String id = created.get("id").asText();
        assertThat(created.get("name").asText()).isEqualTo("r-crud");
        assertThat(created.get("domain_id").isNull()).isTrue();
        assertThat(created.get("description").isNull()).isTrue();
        assertThat(created.get("options").isEmpty()).isTrue();
        assertThat(created.get("tier_x").asText()).isEqualTo("gold"); // Keystone normalizes ':' in names
        assertThat(created.at("/links/self").asText()).isEqualTo(cloud.baseUrl + "/v3/roles/" + id);
        // Tempest compares the created role with the listed and shown ones as whole objects.
        assertThat(cloud.get("/v3/roles/" + id, admin).json().get("role")).isEqualTo(created);
        assertThat(cloud.get("/v3/roles?name=r-crud", admin).json().get("roles")).containsExactly(created);

        r = send("PATCH", "/v3/roles/" + id, "{\"role\": {\"name\": \"r-crud2\", \"description\": \"d\"}}");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().at("/role/name").asText()).isEqualTo("r-crud2");
        assertThat(r.json().at("/role/tier_x").asText()).isEqualTo("gold");
        assertThat(cloud.get("/v3/roles/" + id, admin).json().at("/role/description").asText()).isEqualTo("d");

        assertThat(send("DELETE", "/v3/roles/" + id, null).status()).isEqualTo(204);
        r = cloud.get("/v3/roles/" + id, admin);
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.json().at("/error/message").asText()).isEqualTo("Could not find role: " + id + ".");
        assertThat(send("DELETE", "/v3/roles/" + id, null).status()).isEqualTo(404);
        assertThat(send("PATCH", "/v3/roles/" + id, "{\"role\": {\"name\": \"x\"}}").status()).isEqualTo(404);
    }

    @Test
    void invalidBodiesAre400() {
        String[] bad = {
            "{not json", "{}", "{\"role\": \"x\"}", "{\"role\": {}}", "{\"role\": {\"name\": \"\"}}",
            "{\"role\": {\"name\": \"   \"}}", "{\"role\": {\"name\": 5}}", "{\"role\": {\"name\": null}}",
            "{\"role\": {\"name\": \"" + "n".repeat(256) + "\"}}",
            "{\"role\": {\"name\": \"ok\", \"description\": 7}}", "{\"role\": {\"name\": \"ok\", \"description\": null}}",
            "{\"role\": {\"name\": \"ok\", \"options\": []}}", "{\"role\": {\"name\": \"ok\", \"options\": {\"x\": 1}}}",
            "{\"role\": {\"name\": \"ok\", \"options\": {\"immutable\": \"yes\"}}}",
            "{\"role\": {\"name\": \"ok\", \"domain_id\": 3}}",
        };
        for (String body : bad) {
            TestCloud.Response r = send("POST", "/v3/roles", body);
            assertThat(r.status()).as(body).isEqualTo(400);
            assertThat(r.json().at("/error/code").asInt()).isEqualTo(400);
        }
        String id = fx.role("r-bad-patch", null);
        for (String body : new String[] {"{\"role\": {}}", "{\"role\": {\"id\": \"other\"}}",
                "{\"role\": {\"domain_id\": \"default\"}}", "{\"role\": {\"name\": 1}}", "{\"role\": []}"}) {
            assertThat(send("PATCH", "/v3/roles/" + id, body).status()).as(body).isEqualTo(400);
        }
    }

    @Test
    void duplicateNamesConflictPerDomain() {
        fx.role("r-dup", null);
        TestCloud.Response r = send("POST", "/v3/roles", "{\"role\": {\"name\": \"r-dup\"}}");
        assertThat(r.status()).isEqualTo(409);
        assertThat(r.json().at("/error/message").asText())
                .isEqualTo("Conflict occurred attempting to store role - Duplicate entry found with name r-dup.");
        String d = fx.domain("r-dup-dom");
        fx.role("r-dup", d); // same name in a domain is another role
        assertThat(send("POST", "/v3/roles", "{\"role\": {\"name\": \"r-dup\", \"domain_id\": \"" + d + "\"}}")
                .status()).isEqualTo(409);
        String other = fx.role("r-dup-other", null);
        assertThat(send("PATCH", "/v3/roles/" + other, "{\"role\": {\"name\": \"r-dup\"}}").status()).isEqualTo(409);
    }

    @Test
    void domainRolesAreListedOnlyForTheirDomain() {
        String d = fx.domain("r-dr");
        String id = fx.role("r-domain-role", d);
        JsonNode shown = cloud.get("/v3/roles/" + id, admin).json().get("role");
        assertThat(shown.get("domain_id").asText()).isEqualTo(d);
        assertThat(cloud.get("/v3/roles?domain_id=" + d, admin).json().get("roles")).containsExactly(shown);
        assertThat(cloud.get("/v3/roles", admin).json().get("roles").findValuesAsText("id")).doesNotContain(id);
        assertThat(cloud.get("/v3/roles?domain_id=" + d + "&name=nope", admin).json().get("roles")).isEmpty();
        assertThat(send("POST", "/v3/roles", "{\"role\": {\"name\": \"r-x\", \"domain_id\": \"nope\"}}").status())
                .isEqualTo(404);
        assertThat(send("PATCH", "/v3/roles/" + id, "{\"role\": {\"domain_id\": \"" + d + "\", \"name\": \"r-dr2\"}}")
                .status()).isEqualTo(200);
    }

    @Test
    void immutableRolesRefuseChangeUntilUnlocked() {
        TestCloud.Response r = send("POST", "/v3/roles", "{\"role\": {\"name\": \"r-imm\", "
                + "\"options\": {\"immutable\": true}}}");
        String id = r.json().at("/role/id").asText();
        assertThat(r.json().at("/role/options/immutable").asBoolean()).isTrue();
        assertThat(send("PATCH", "/v3/roles/" + id, "{\"role\": {\"name\": \"r-imm2\"}}").status()).isEqualTo(403);
        assertThat(send("DELETE", "/v3/roles/" + id, null).status()).isEqualTo(403);
        r = send("PATCH", "/v3/roles/" + id, "{\"role\": {\"options\": {\"immutable\": null}}}");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().at("/role/options").isEmpty()).isTrue();
        assertThat(send("DELETE", "/v3/roles/" + id, null).status()).isEqualTo(204);
    }

    @Test
    void deletingARolePurgesGrantsRulesAndTokenRoles() {
        String p = fx.project("r-del-proj", "default", null);
        String userId = fx.user("r-del-user", "default", "pw");
        String role = fx.role("r-del", null);
        String implied = fx.role("r-del-implied", null);
        assertThat(send("PUT", "/v3/roles/" + role + "/implies/" + implied, null).status()).isEqualTo(201);
        assertThat(fx.put("/v3/projects/" + p + "/users/" + userId + "/roles/" + role)).isEqualTo(204);
        String token = cloud.passwordToken("r-del-user", "pw", "r-del-proj");
        assertThat(fx.validate(token).json().at("/token/roles").findValuesAsText("id")).contains(role, implied);
        assertThat(send("DELETE", "/v3/roles/" + role, null).status()).isEqualTo(204);
        assertThat(fx.validate(token).status()).isEqualTo(404);
        assertThat(cloud.get("/v3/roles/" + implied + "/implies", admin).status()).isEqualTo(200);
        assertThat(cloud.get("/v3/role_inferences", admin).json().get("role_inferences")
                .findValuesAsText("id")).doesNotContain(role);
        assertThat(cloud.get("/v3/role_assignments?role.id=" + role, admin).json().get("role_assignments")).isEmpty();
    }

    @Test
    void impliedRoleLifecycle() {
        String prior = fx.role("r-prior", null);
        String implied = fx.role("r-implied", null);
        String path = "/v3/roles/" + prior + "/implies/" + implied;
        assertThat(send("HEAD", path, null).status()).isEqualTo(404);
        TestCloud.Response r = send("PUT", path, null);
        assertThat(r.status()).isEqualTo(201);
        JsonNode inference = r.json().get("role_inference");
        assertThat(inference.at("/prior_role/id").asText()).isEqualTo(prior);
        assertThat(inference.at("/prior_role/name").asText()).isEqualTo("r-prior");
        assertThat(inference.at("/prior_role/links/self").asText()).endsWith("/v3/roles/" + prior);
        assertThat(inference.at("/implies/id").asText()).isEqualTo(implied);
        assertThat(inference.at("/implies/name").asText()).isEqualTo("r-implied");
        assertThat(r.json().at("/links/self").asText()).isEqualTo(cloud.baseUrl + path);
        assertThat(send("PUT", path, null).status()).isEqualTo(409);
        assertThat(cloud.get(path, admin).json()).isEqualTo(r.json());
        assertThat(send("HEAD", path, null).status()).isEqualTo(204);

        JsonNode list = cloud.get("/v3/roles/" + prior + "/implies", admin).json();
        assertThat(list.at("/role_inference/implies").findValuesAsText("id")).containsExactly(implied);
        assertThat(list.at("/links/self").asText()).endsWith("/v3/roles/" + prior + "/implies");
        assertThat(cloud.send("HEAD", "/v3/roles/" + prior + "/implies", admin, null).status()).isEqualTo(200);

        assertThat(send("DELETE", path, null).status()).isEqualTo(204);
        r = cloud.get(path, admin);
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.json().at("/error/message").asText()).isEqualTo(prior + " does not imply " + implied + ".");
        assertThat(send("DELETE", path, null).status()).isEqualTo(404);
        assertThat(send("PUT", "/v3/roles/" + prior + "/implies/nope", null).status()).isEqualTo(404);
        assertThat(send("PUT", "/v3/roles/nope/implies/" + implied, null).status()).isEqualTo(404);
        assertThat(cloud.get("/v3/roles/nope/implies", admin).status()).isEqualTo(404);
    }

    @Test
    void impliedRoleRules() {
        String d = fx.domain("r-imp-dom");
        String global = fx.role("r-imp-global", null);
        String domainRole = fx.role("r-imp-domain", d);
        // A domain role may imply a global one, never the reverse; nothing may imply admin.
        assertThat(send("PUT", "/v3/roles/" + domainRole + "/implies/" + global, null).status()).isEqualTo(201);
        assertThat(send("PUT", "/v3/roles/" + global + "/implies/" + domainRole, null).status()).isEqualTo(403);
        TestCloud.Response r = send("PUT", "/v3/roles/" + global + "/implies/" + fx.roleId("admin"), null);
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.json().at("/error/message").asText()).isEqualTo(fx.roleId("admin") + " cannot be an implied roles.");
    }

    @Test
    void personas() {
        String p = fx.project("r-pers", "default", null);
        String u = fx.user("r-pers-user", "default", "pw");
        assertThat(fx.put("/v3/projects/" + p + "/users/" + u + "/roles/" + fx.roleId("member"))).isEqualTo(204);
        String member = cloud.passwordToken("r-pers-user", "pw", "r-pers");
        String id = fx.role("r-pers-role", null);
        assertThat(cloud.get("/v3/roles", member).status()).isEqualTo(403);
        assertThat(cloud.get("/v3/roles/" + id, member).status()).isEqualTo(403);
        assertThat(cloud.get("/v3/roles/nope", member).status()).isEqualTo(403); // existence is not leaked
        assertThat(cloud.post("/v3/roles", member, "{\"role\": {\"name\": \"r-m\"}}").status()).isEqualTo(403);
        assertThat(cloud.send("PATCH", "/v3/roles/" + id, member, "{\"role\": {\"name\": \"x\"}}").status())
                .isEqualTo(403);
        assertThat(cloud.send("DELETE", "/v3/roles/" + id, member, null).status()).isEqualTo(403);
        assertThat(cloud.get("/v3/role_inferences", member).status()).isEqualTo(403);
        assertThat(cloud.send("PUT", "/v3/roles/" + id + "/implies/" + fx.roleId("reader"), member, null).status())
                .isEqualTo(403);
        assertThat(cloud.get("/v3/roles", null).status()).isEqualTo(401);
        assertThat(cloud.post("/v3/roles", null, "{\"role\": {\"name\": \"r-anon\"}}").status()).isEqualTo(401);
        assertThat(cloud.get("/v3/role_inferences", null).status()).isEqualTo(401);
    }
}
