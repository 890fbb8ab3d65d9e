package org.apiary.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RoleAssignmentsTest {
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

    private static JsonNode list(String query) {
        TestCloud.Response r = cloud.get("/v3/role_assignments" + query, admin);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().get("role_assignments");
    }

    /** "role@scope" strings, e.g. {@code "<role>@project:<id>"}, to compare rows briefly. */
    private static List<String> brief(JsonNode rows) {
        List<String> out = new ArrayList<>();
        for (JsonNode a : rows) {
            JsonNode s = a.get("scope");
            String scope = s.has("project") ? "project:" + s.at("/project/id").asText()
                    : s.has("domain") ? "domain:" + s.at("/domain/id").asText() : "system";
            out.add(a.at("/role/id").asText() + "@" + scope + (s.has("OS-INHERIT:inherited_to") ? "+inherited" : ""));
        }
        return out;
    }

    @Test
    void directRowsHaveKeystoneShape() {
        String p = fx.project("a-shape", "default", null);
        String u = fx.user("a-shape-user", "default", "pw");
        String r = fx.role("a-shape-role", null);
        assertThat(fx.put("/v3/projects/" + p + "/users/" + u + "/roles/" + r)).isEqualTo(204);
        assertThat(fx.put("/v3/system/users/" + u + "/roles/" + r)).isEqualTo(204);
        TestCloud.Response res = cloud.get("/v3/role_assignments?user.id=" + u, admin);
        assertThat(res.json().at("/links/self").asText()).isEqualTo(cloud.baseUrl + "/v3/role_assignments?user.id="
                + u);
        JsonNode rows = res.json().get("role_assignments");
        assertThat(brief(rows)).containsExactlyInAnyOrder(r + "@project:" + p, r + "@system");
        for (JsonNode a : rows) {
            assertThat(a.at("/user/id").asText()).isEqualTo(u);
            if (a.at("/scope/project").isObject()) {
                assertThat(a.at("/links/assignment").asText()).isEqualTo(cloud.baseUrl + "/v3/projects/" + p
                        + "/users/" + u + "/roles/" + r);
            } else {
                assertThat(a.at("/scope/system/all").asBoolean()).isTrue();
                assertThat(a.at("/links/assignment").asText()).isEqualTo(cloud.baseUrl + "/v3/system/users/" + u
                        + "/roles/" + r);
            }
            assertThat(a.get("links").has("membership")).isFalse();
        }
        assertThat(brief(list("?user.id=" + u + "&scope.system=all"))).containsExactly(r + "@system");
        assertThat(brief(list("?user.id=" + u + "&scope.project.id=" + p))).containsExactly(r + "@project:" + p);
        assertThat(brief(list("?role.id=" + r))).hasSize(2);
    }

    @Test
    void effectiveExpandsGroupsImpliedRolesAndStripsDomainRoles() {
        String d = fx.domain("a-eff-dom");
        String p = fx.project("a-eff", d, null);
        String u = fx.user("a-eff-user", d, "pw");
        String g = fx.group("a-eff-grp", d);
        fx.addToGroup(u, g);
        String prior = fx.role("a-eff-prior", null);
        String implied = fx.role("a-eff-implied", null);
        String domainRole = fx.role("a-eff-domrole", d);
        assertThat(cloud.send("PUT", "/v3/roles/" + prior + "/implies/" + implied, admin, null).status())
                .isEqualTo(201);
        assertThat(fx.put("/v3/projects/" + p + "/groups/" + g + "/roles/" + prior)).isEqualTo(204);
        assertThat(fx.put("/v3/projects/" + p + "/users/" + u + "/roles/" + domainRole)).isEqualTo(204);

        // Direct: the group grant and the domain-role grant as stored.
        JsonNode direct = list("?scope.project.id=" + p);
        assertThat(brief(direct)).containsExactlyInAnyOrder(prior + "@project:" + p, domainRole + "@project:" + p);

        JsonNode effective = list("?effective&user.id=" + u + "&scope.project.id=" + p);
        assertThat(brief(effective)).containsExactlyInAnyOrder(prior + "@project:" + p, implied + "@project:" + p);
        for (JsonNode a : effective) {
            assertThat(a.at("/user/id").asText()).isEqualTo(u);
            assertThat(a.has("group")).isFalse();
            assertThat(a.at("/links/membership").asText()).isEqualTo(cloud.baseUrl + "/v3/groups/" + g + "/users/" + u);
            assertThat(a.at("/links/assignment").asText()).isEqualTo(cloud.baseUrl + "/v3/projects/" + p + "/groups/"
                    + g + "/roles/" + prior);
            if (a.at("/role/id").asText().equals(implied)) {
                assertThat(a.at("/links/prior_role").asText()).isEqualTo(cloud.baseUrl + "/v3/prior_role/" + implied
                        + "/implies/" + prior);
            }
        }
        // Without a user filter the group's members are found too; role.id filters after expansion.
        assertThat(brief(list("?effective&role.id=" + implied))).containsExactly(implied + "@project:" + p);
        assertThat(list("?effective=0&role.id=" + implied)).isEmpty();
    }

    @Test
    void inheritedGrantsInDirectAndEffectiveModes() {
        String d = fx.domain("a-inh-dom");
        String parent = fx.project("a-inh-parent", d, null);
        String child = fx.project("a-inh-child", d, parent);
        String u = fx.user("a-inh-user", d, "pw");
        String r = fx.role("a-inh-role", null);
        assertThat(fx.put("/v3/OS-INHERIT/domains/" + d + "/users/" + u + "/roles/" + r + "/inherited_to_projects"))
                .isEqualTo(204);
        JsonNode direct = list("?user.id=" + u);
        assertThat(brief(direct)).containsExactly(r + "@domain:" + d + "+inherited");
        assertThat(direct.at("/0/links/assignment").asText()).isEqualTo(cloud.baseUrl + "/v3/OS-INHERIT/domains/" + d
                + "/users/" + u + "/roles/" + r + "/inherited_to_projects");
        assertThat(list("?user.id=" + u + "&scope.OS-INHERIT:inherited_to=projects")).hasSize(1);
        assertThat(list("?user.id=" + u + "&scope.OS-INHERIT:inherited_to=none")).isEmpty();

        JsonNode effective = list("?effective&user.id=" + u);
        assertThat(brief(effective)).containsExactlyInAnyOrder(r + "@project:" + parent + "+inherited",
                r + "@project:" + child + "+inherited");
        assertThat(effective.at("/0/links/assignment").asText()).endsWith("/v3/OS-INHERIT/domains/" + d + "/users/"
                + u + "/roles/" + r + "/inherited_to_projects");
        assertThat(brief(list("?effective&user.id=" + u + "&scope.project.id=" + child)))
                .containsExactly(r + "@project:" + child + "+inherited");
        assertThat(list("?effective&user.id=" + u + "&scope.domain.id=" + d)).isEmpty();
    }

    @Test
    void includeSubtreeAndNames() {
        String d = fx.domain("a-tree-dom");
        String parent = fx.project("a-tree-parent", d, null);
        String child = fx.project("a-tree-child", d, parent);
        String u = fx.user("a-tree-user", d, "pw");
        String r = fx.role("a-tree-role", null);
        String dr = fx.role("a-tree-domrole", d);
        assertThat(fx.put("/v3/projects/" + parent + "/users/" + u + "/roles/" + r)).isEqualTo(204);
        assertThat(fx.put("/v3/projects/" + child + "/users/" + u + "/roles/" + dr)).isEqualTo(204);
        assertThat(brief(list("?scope.project.id=" + parent))).containsExactly(r + "@project:" + parent);
        assertThat(brief(list("?scope.project.id=" + parent + "&include_subtree=true")))
                .containsExactlyInAnyOrder(r + "@project:" + parent, dr + "@project:" + child);

        JsonNode named = list("?scope.project.id=" + child + "&include_names");
        assertThat(named).hasSize(1);
        JsonNode a = named.get(0);
        assertThat(a.at("/user/name").asText()).isEqualTo("a-tree-user");
        assertThat(a.at("/user/domain/id").asText()).isEqualTo(d);
        assertThat(a.at("/user/domain/name").asText()).isEqualTo("a-tree-dom");
        assertThat(a.at("/scope/project/name").asText()).isEqualTo("a-tree-child");
        assertThat(a.at("/scope/project/domain/name").asText()).isEqualTo("a-tree-dom");
        assertThat(a.at("/role/name").asText()).isEqualTo("a-tree-domrole");
        assertThat(a.at("/role/domain/id").asText()).isEqualTo(d);
        assertThat(a.at("/role/domain/name").asText()).isEqualTo("a-tree-dom");
        assertThat(list("?scope.project.id=" + child).get(0).get("user").has("name")).isFalse();

        String g = fx.group("a-tree-grp", d);
        assertThat(fx.put("/v3/domains/" + d + "/groups/" + g + "/roles/" + r)).isEqualTo(204);
        JsonNode groupRow = list("?group.id=" + g + "&include_names=1").get(0);
        assertThat(groupRow.at("/group/name").asText()).isEqualTo("a-tree-grp");
        assertThat(groupRow.at("/scope/domain/name").asText()).isEqualTo("a-tree-dom");
        assertThat(groupRow.at("/links/assignment").asText()).endsWith("/v3/domains/" + d + "/groups/" + g + "/roles/"
                + r);
    }

    @Test
    void bootstrapAdminEffectiveRolesFollowImplications() {
        JsonNode token = cloud.send("GET", "/v3/auth/tokens", admin, null, "X-Subject-Token", admin).json();
        String userId = token.at("/token/user/id").asText();
        String projectId = token.at("/token/project/id").asText();
        String adminRole = fx.roleId("admin");
        String memberRole = fx.roleId("member");
        String readerRole = fx.roleId("reader");
        JsonNode rows = list("?effective&user.id=" + userId + "&scope.project.id=" + projectId);
        assertThat(brief(rows)).containsExactlyInAnyOrder(adminRole + "@project:" + projectId,
                memberRole + "@project:" + projectId, readerRole + "@project:" + projectId);
        for (JsonNode a : rows) {
            if (a.at("/role/id").asText().equals(readerRole)) {
                // The row names the role it was implied by, and links the grant of that role.
                assertThat(a.at("/links/assignment").asText()).endsWith("/users/" + userId + "/roles/" + memberRole);
                assertThat(a.at("/links/prior_role").asText()).endsWith("/prior_role/" + readerRole + "/implies/"
                        + memberRole);
            }
        }
        // Effective listings leave system grants out, as Keystone does; direct ones include them.
        assertThat(brief(list("?effective&user.id=" + userId))).doesNotContain(adminRole + "@system");
        assertThat(brief(list("?user.id=" + userId))).contains(adminRole + "@system");
    }

    @Test
    void contradictoryFiltersAre400() {
        String[] bad = {
            "?user.id=a&group.id=b", "?scope.project.id=a&scope.domain.id=b", "?scope.system=all&scope.domain.id=b",
            "?scope.system=all&scope.project.id=a", "?effective&group.id=b",
            "?effective&scope.domain.id=d&scope.OS-INHERIT:inherited_to=projects", "?include_subtree=True",
        };
        for (String q : bad) {
            TestCloud.Response r = cloud.get("/v3/role_assignments" + q, admin);
            assertThat(r.status()).as(q).isEqualTo(400);
            assertThat(r.json().at("/error/code").asInt()).isEqualTo(400);
        }
        assertThat(cloud.get("/v3/role_assignments?include_subtree&scope.project.id=nope", admin).status())
                .isEqualTo(404);
    }

    @Test
    void personas() {
        String p = fx.project("a-pers", "default", null);
        String u = fx.user("a-pers-user", "default", "pw");
        assertThat(fx.put("/v3/projects/" + p + "/users/" + u + "/roles/" + fx.roleId("member"))).isEqualTo(204);
        String member = cloud.passwordToken("a-pers-user", "pw", "a-pers");
        assertThat(cloud.get("/v3/role_assignments", member).status()).isEqualTo(403);
        assertThat(cloud.get("/v3/role_assignments?user.id=" + u, member).status()).isEqualTo(403);
        assertThat(cloud.get("/v3/role_assignments?include_subtree&scope.project.id=" + p, member).status())
                .isEqualTo(403);
        assertThat(cloud.get("/v3/role_assignments", null).status()).isEqualTo(401);
    }
}
