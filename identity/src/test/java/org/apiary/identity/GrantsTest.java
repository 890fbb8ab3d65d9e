package org.apiary.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.apiary.common.Ids;
import org.apiary.identity.domain.Group;
import org.apiary.identity.domain.Passwords;
import org.apiary.identity.domain.Project;
import org.apiary.identity.domain.User;
import org.apiary.identity.store.sql.SqlGroupStore;
import org.apiary.identity.store.sql.SqlProjectStore;
import org.apiary.identity.store.sql.SqlRoleStore;
import org.apiary.identity.store.sql.SqlUserStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class GrantsTest {
    static TestCloud cloud;
    static Fixture fx;
    static String admin;

    /**
     * Users, groups, projects and domains written straight to the stores, so grant and
     * assignment tests do not depend on those resources' HTTP APIs. Roles go through HTTP.
     */
    static final class Fixture {
        private final TestCloud cloud;
        private final SqlProjectStore projects;
        private final SqlUserStore users;
        private final SqlGroupStore groups;
        private final Passwords passwords = new Passwords(4);

        Fixture(TestCloud cloud) {
            this.cloud = cloud;
            var jdbi = cloud.database().jdbi();
            projects = new SqlProjectStore(jdbi);
            users = new SqlUserStore(jdbi);
            groups = new SqlGroupStore(jdbi);
        }

        String domain(String name) {
            String id = Ids.hex();
            projects.create(new Project(id, name, Project.ROOT_DOMAIN, null, null, true, true, Map.of(), List.of()));
            return id;
        }

        String project(String name, String domainId, String parentId) {
            String id = Ids.hex();
            projects.create(new Project(id, name, domainId, parentId == null ? domainId : parentId, null, true, false,
                    Map.of(), List.of()));
            return id;
        }

        String user(String name, String domainId, String password) {
            String id = Ids.hex();
            users.create(new User(id, name, domainId, true, null, passwords.hash(password), null, Map.of(), Map.of()));
            return id;
        }

        String group(String name, String domainId) {
            String id = Ids.hex();
            groups.create(new Group(id, name, domainId, null, Map.of()));
            return id;
        }

        void addToGroup(String userId, String groupId) {
            users.addToGroup(userId, groupId);
        }

        String roleId(String name) {
            return new SqlRoleStore(cloud.database().jdbi()).findByName(name, null).orElseThrow().id();
        }

        String role(String name, String domainId) {
            String dom = domainId == null ? "" : ", \"domain_id\": \"" + domainId + "\"";
            TestCloud.Response r = cloud.post("/v3/roles", cloud.adminToken(), "{\"role\": {\"name\": \"" + name
                    + "\"" + dom + "}}");
            assertThat(r.status()).as(r.body()).isEqualTo(201);
            return r.json().at("/role/id").asText();
        }

        int put(String path) {
            return cloud.send("PUT", path, cloud.adminToken(), null).status();
        }

        /** Whether the token still validates (GET /v3/auth/tokens by the admin). */
        TestCloud.Response validate(String token) {
            return cloud.send("GET", "/v3/auth/tokens", cloud.adminToken(), null, "X-Subject-Token", token);
        }
    }

    @BeforeAll
    static void start() throws Exception {
        cloud = new TestCloud();
        fx = new Fixture(cloud);
        admin = cloud.adminToken();
    }

    @AfterAll
    static void stop() {
        cloud.close();
    }

    private static int send(String method, String path) {
        return cloud.send(method, path, admin, null).status();
    }

    @Test
    void userProjectGrantLifecycle() {
        String p = fx.project("g-life", "default", null);
        String u = fx.user("g-life-user", "default", "pw");
        String r = fx.role("g-life-role", null);
        String path = "/v3/projects/" + p + "/users/" + u + "/roles/" + r;
        assertThat(send("HEAD", path)).isEqualTo(404);
        assertThat(send("PUT", path)).isEqualTo(204);
        assertThat(send("PUT", path)).isEqualTo(204); // granting twice is silent, as in Keystone
        assertThat(send("HEAD", path)).isEqualTo(204);
        assertThat(send("GET", path)).isEqualTo(204);
        TestCloud.Response list = cloud.get("/v3/projects/" + p + "/users/" + u + "/roles", admin);
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json().get("roles")).hasSize(1);
        assertThat(list.json().at("/roles/0/id").asText()).isEqualTo(r);
        assertThat(list.json().at("/roles/0/links/self").asText()).endsWith("/v3/roles/" + r);
        assertThat(list.json().at("/links/self").asText()).endsWith("/v3/projects/" + p + "/users/" + u + "/roles");
        assertThat(send("DELETE", path)).isEqualTo(204);
        TestCloud.Response again = cloud.send("DELETE", path, admin, null);
        assertThat(again.status()).isEqualTo(404);
        assertThat(again.json().at("/error/message").asText()).isEqualTo("Could not find role assignment with role: "
                + r + ", user or group: " + u + ", project, domain, or system: " + p + ".");
        assertThat(cloud.get("/v3/projects/" + p + "/users/" + u + "/roles", admin).json().get("roles")).isEmpty();
    }

    @Test
    void unknownEntitiesAre404InKeystoneOrder() {
        String p = fx.project("g-404", "default", null);
        String u = fx.user("g-404-user", "default", "pw");
        String r = fx.role("g-404-role", null);
        TestCloud.Response res = cloud.send("PUT", "/v3/projects/" + p + "/users/nope/roles/missing", admin, null);
        assertThat(res.status()).isEqualTo(404);
        assertThat(res.json().at("/error/message").asText()).isEqualTo("Could not find role: missing.");
        res = cloud.send("PUT", "/v3/projects/" + p + "/users/nope/roles/" + r, admin, null);
        assertThat(res.json().at("/error/message").asText()).isEqualTo("Could not find user: nope.");
        res = cloud.send("PUT", "/v3/projects/nope/users/" + u + "/roles/" + r, admin, null);
        assertThat(res.json().at("/error/message").asText()).isEqualTo("Could not find project: nope.");
        assertThat(send("PUT", "/v3/projects/default/users/" + u + "/roles/" + r)).isEqualTo(404); // a domain
        assertThat(send("PUT", "/v3/domains/" + p + "/users/" + u + "/roles/" + r)).isEqualTo(404); // a project
        assertThat(send("PUT", "/v3/domains/default/groups/nope/roles/" + r)).isEqualTo(404);
        assertThat(send("GET", "/v3/projects/" + p + "/users/nope/roles")).isEqualTo(404);
        assertThat(send("GET", "/v3/system/users/nope/roles")).isEqualTo(404);
        // Revoking a grant of a user that no longer exists is allowed; the grant itself is missing here.
        assertThat(send("DELETE", "/v3/projects/" + p + "/users/gone/roles/" + r)).isEqualTo(404);
    }

    @Test
    void groupGrantsOnProjectAndDomain() {
        String d = fx.domain("g-dom");
        String p = fx.project("g-grp-proj", d, null);
        String g = fx.group("g-grp", d);
        String r = fx.role("g-grp-role", null);
        assertThat(send("PUT", "/v3/projects/" + p + "/groups/" + g + "/roles/" + r)).isEqualTo(204);
        assertThat(send("PUT", "/v3/domains/" + d + "/groups/" + g + "/roles/" + r)).isEqualTo(204);
        assertThat(cloud.get("/v3/domains/" + d + "/groups/" + g + "/roles", admin).json().at("/roles/0/id").asText())
                .isEqualTo(r);
        assertThat(cloud.get("/v3/projects/" + p + "/groups/" + g + "/roles", admin).json().get("roles")).hasSize(1);
        assertThat(send("HEAD", "/v3/domains/" + d + "/groups/" + g + "/roles/" + r)).isEqualTo(204);
        assertThat(send("DELETE", "/v3/domains/" + d + "/groups/" + g + "/roles/" + r)).isEqualTo(204);
        assertThat(send("HEAD", "/v3/domains/" + d + "/groups/" + g + "/roles/" + r)).isEqualTo(404);
        assertThat(send("HEAD", "/v3/projects/" + p + "/groups/" + g + "/roles/" + r)).isEqualTo(204);
    }

    @Test
    void domainSpecificRoleOnlyInItsDomain() {
        String d1 = fx.domain("g-ds1");
        String d2 = fx.domain("g-ds2");
        String p1 = fx.project("g-ds-p1", d1, null);
        String p2 = fx.project("g-ds-p2", d2, null);
        String u = fx.user("g-ds-user", d1, "pw");
        String r = fx.role("g-ds-role", d1);
        assertThat(send("PUT", "/v3/projects/" + p1 + "/users/" + u + "/roles/" + r)).isEqualTo(204);
        TestCloud.Response res = cloud.send("PUT", "/v3/projects/" + p2 + "/users/" + u + "/roles/" + r, admin, null);
        assertThat(res.status()).isEqualTo(403);
        assertThat(res.json().at("/error/message").asText()).isEqualTo("Project " + p2
                + " must be in the same domain as the role " + r + " being assigned.");
        assertThat(send("PUT", "/v3/domains/" + d2 + "/users/" + u + "/roles/" + r)).isEqualTo(403);
        assertThat(send("PUT", "/v3/domains/" + d1 + "/users/" + u + "/roles/" + r)).isEqualTo(204);
        res = cloud.send("PUT", "/v3/system/users/" + u + "/roles/" + r, admin, null);
        assertThat(res.status()).isEqualTo(400);
        assertThat(res.json().at("/error/message").asText()).contains("domain-specific role");
    }

    @Test
    void systemGrantsForUsersAndGroups() {
        String u = fx.user("g-sys-user", "default", "pw");
        String g = fx.group("g-sys-grp", "default");
        String r = fx.role("g-sys-role", null);
        for (String actor : List.of("users/" + u, "groups/" + g)) {
            String path = "/v3/system/" + actor + "/roles/" + r;
            assertThat(send("HEAD", path)).isEqualTo(404);
            assertThat(send("PUT", path)).isEqualTo(204);
            assertThat(send("HEAD", path)).isEqualTo(204);
            JsonNode roles = cloud.get("/v3/system/" + actor + "/roles", admin).json().get("roles");
            assertThat(roles.findValuesAsText("id")).containsExactly(r);
            assertThat(send("DELETE", path)).isEqualTo(204);
            assertThat(send("DELETE", path)).isEqualTo(404);
        }
        assertThat(send("PUT", "/v3/system/users/nope/roles/" + r)).isEqualTo(404);
        assertThat(send("PUT", "/v3/system/groups/" + g + "/roles/nope")).isEqualTo(404);
    }

    @Test
    void inheritedGrantsReachProjectsBelowAndListSeparately() {
        String d = fx.domain("g-inh");
        String parent = fx.project("g-inh-parent", d, null);
        String child = fx.project("g-inh-child", d, parent);
        String u = fx.user("g-inh-user", d, "pw");
        String r = fx.role("g-inh-role", null);
        String onDomain = "/v3/OS-INHERIT/domains/" + d + "/users/" + u + "/roles/" + r + "/inherited_to_projects";
        assertThat(send("PUT", onDomain)).isEqualTo(204);
        assertThat(send("HEAD", onDomain)).isEqualTo(204);
        assertThat(cloud.get("/v3/OS-INHERIT/domains/" + d + "/users/" + u + "/roles/inherited_to_projects", admin)
                .json().get("roles").findValuesAsText("id")).containsExactly(r);
        // The inherited grant is not a grant on the domain itself.
        assertThat(cloud.get("/v3/domains/" + d + "/users/" + u + "/roles", admin).json().get("roles")).isEmpty();
        assertThat(send("HEAD", "/v3/domains/" + d + "/users/" + u + "/roles/" + r)).isEqualTo(404);
        assertThat(send("DELETE", onDomain)).isEqualTo(204);

        String onProject = "/v3/OS-INHERIT/projects/" + parent + "/users/" + u + "/roles/" + r
                + "/inherited_to_projects";
        assertThat(send("PUT", onProject)).isEqualTo(204);
        assertThat(send("GET", onProject)).isEqualTo(204);
        JsonNode effective = cloud.get("/v3/role_assignments?effective&user.id=" + u, admin).json()
                .get("role_assignments");
        assertThat(effective.findValuesAsText("id")).contains(child).doesNotContain(parent);
        assertThat(send("DELETE", onProject)).isEqualTo(204);
        assertThat(send("GET", onProject)).isEqualTo(404);
    }

    @Test
    void removingTheOnlyGrantInvalidatesTheToken() {
        String p = fx.project("g-tok", "default", null);
        String u = fx.user("g-tok-user", "default", "pw");
        String r1 = fx.role("g-tok-r1", null);
        String r2 = fx.role("g-tok-r2", null);
        assertThat(send("PUT", "/v3/projects/" + p + "/users/" + u + "/roles/" + r1)).isEqualTo(204);
        assertThat(send("PUT", "/v3/projects/" + p + "/users/" + u + "/roles/" + r2)).isEqualTo(204);
        String token = cloud.passwordToken("g-tok-user", "pw", "g-tok");
        assertThat(fx.validate(token).json().at("/token/roles").findValuesAsText("id")).contains(r1, r2);
        // Keystone recomputes roles on validation: one grant gone, the token lives on without it...
        assertThat(send("DELETE", "/v3/projects/" + p + "/users/" + u + "/roles/" + r1)).isEqualTo(204);
        TestCloud.Response v = fx.validate(token);
        assertThat(v.status()).isEqualTo(200);
        assertThat(v.json().at("/token/roles").findValuesAsText("id")).containsExactly(r2);
        // ...and with no role left on the project it no longer validates.
        assertThat(send("DELETE", "/v3/projects/" + p + "/users/" + u + "/roles/" + r2)).isEqualTo(204);
        assertThat(fx.validate(token).status()).isEqualTo(404);
    }

    @Test
    void groupGrantReachesMembersTokens() {
        String p = fx.project("g-gtok", "default", null);
        String u = fx.user("g-gtok-user", "default", "pw");
        String g = fx.group("g-gtok-grp", "default");
        fx.addToGroup(u, g);
        String r = fx.role("g-gtok-role", null);
        assertThat(send("PUT", "/v3/projects/" + p + "/groups/" + g + "/roles/" + r)).isEqualTo(204);
        String token = cloud.passwordToken("g-gtok-user", "pw", "g-gtok");
        assertThat(fx.validate(token).json().at("/token/roles").findValuesAsText("id")).containsExactly(r);
        assertThat(send("DELETE", "/v3/projects/" + p + "/groups/" + g + "/roles/" + r)).isEqualTo(204);
        assertThat(fx.validate(token).status()).isEqualTo(404);
    }

    @Test
    void personas() {
        String p = fx.project("g-pers", "default", null);
        String u = fx.user("g-pers-user", "default", "pw");
        String member = fx.roleId("member");
        assertThat(send("PUT", "/v3/projects/" + p + "/users/" + u + "/roles/" + member)).isEqualTo(204);
        String memberToken = cloud.passwordToken("g-pers-user", "pw", "g-pers");
        String path = "/v3/projects/" + p + "/users/" + u + "/roles/" + member;
        assertThat(cloud.send("PUT", path, memberToken, null).status()).isEqualTo(403);
        assertThat(cloud.send("DELETE", path, memberToken, null).status()).isEqualTo(403);
        assertThat(cloud.send("HEAD", path, memberToken, null).status()).isEqualTo(403);
        assertThat(cloud.get("/v3/projects/" + p + "/users/" + u + "/roles", memberToken).status()).isEqualTo(403);
        assertThat(cloud.send("PUT", "/v3/system/users/" + u + "/roles/" + member, memberToken, null).status())
                .isEqualTo(403);
        assertThat(cloud.get("/v3/system/users/" + u + "/roles", memberToken).status()).isEqualTo(403);
        assertThat(cloud.send("PUT", path, null, null).status()).isEqualTo(401);
        assertThat(cloud.get("/v3/system/users/" + u + "/roles", null).status()).isEqualTo(401);
    }
}
