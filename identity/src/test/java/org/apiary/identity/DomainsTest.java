package org.apiary.identity;

import static org.apiary.identity.ProjectsTest.createDomain;
import static org.apiary.identity.ProjectsTest.createProject;
import static org.apiary.identity.ProjectsTest.createUser;
import static org.apiary.identity.ProjectsTest.domainScope;
import static org.apiary.identity.ProjectsTest.grant;
import static org.apiary.identity.ProjectsTest.json;
import static org.apiary.identity.ProjectsTest.message;
import static org.apiary.identity.ProjectsTest.projectScope;
import static org.apiary.identity.ProjectsTest.token;
import static org.apiary.identity.ProjectsTest.unique;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.apiary.common.Ids;
import org.apiary.identity.domain.Assignment;
import org.apiary.identity.domain.Group;
import org.apiary.identity.domain.Role;
import org.apiary.identity.store.sql.SqlAssignmentStore;
import org.apiary.identity.store.sql.SqlGroupStore;
import org.apiary.identity.store.sql.SqlProjectStore;
import org.apiary.identity.store.sql.SqlRoleStore;
import org.apiary.identity.store.sql.SqlUserStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DomainsTest {
    static TestCloud cloud;
    static String admin;

    @BeforeAll
    static void start() throws Exception {
        cloud = new TestCloud();
        admin = cloud.adminToken();
    }

    @AfterAll
    static void stop() {
        cloud.close();
    }

    private static List<String> names(TestCloud.Response r) {
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().get("domains").findValuesAsText("name");
    }

    @Test
    void createShowListUpdateDelete() {
        String name = unique("dom");
        JsonNode d = createDomain(cloud, admin, Map.of("name", name, "description", "d1", "tags", List.of("x")));
        String id = d.get("id").asText();
        assertThat(id).matches("[0-9a-f]{32}");
        assertThat(d.get("enabled").asBoolean()).isTrue();
        assertThat(d.get("description").asText()).isEqualTo("d1");
        assertThat(d.get("tags").toString()).isEqualTo("[\"x\"]");
        assertThat(d.get("options").isObject()).isTrue();
        assertThat(d.has("domain_id")).isFalse();
        assertThat(d.has("parent_id")).isFalse();
        assertThat(d.has("is_domain")).isFalse();
        assertThat(d.at("/links/self").asText()).endsWith("/v3/domains/" + id);
        assertThat(cloud.get("/v3/domains/" + id, admin).json().get("domain")).isEqualTo(d);

        assertThat(names(cloud.get("/v3/domains", admin))).contains(name, "Default");
        assertThat(names(cloud.get("/v3/domains?name=" + name, admin))).containsExactly(name);
        assertThat(names(cloud.get("/v3/domains?enabled=false", admin))).doesNotContain(name, "Default");

        TestCloud.Response r = cloud.send("PATCH", "/v3/domains/" + id, admin,
                json(Map.of("domain", Map.of("name", name + "-2", "description", "d2", "enabled", false))));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().at("/domain/name").asText()).isEqualTo(name + "-2");
        assertThat(r.json().at("/domain/enabled").asBoolean()).isFalse();
        assertThat(names(cloud.get("/v3/domains?enabled=false", admin))).contains(name + "-2");

        assertThat(cloud.send("DELETE", "/v3/domains/" + id, admin, null).status()).isEqualTo(204);
        r = cloud.get("/v3/domains/" + id, admin);
        assertThat(r.status()).isEqualTo(404);
        assertThat(message(r)).isEqualTo("Could not find domain: " + id + ".");
        assertThat(cloud.send("DELETE", "/v3/domains/" + id, admin, null).status()).isEqualTo(404);
        assertThat(cloud.send("PATCH", "/v3/domains/" + id, admin, "{\"domain\": {\"name\": \"x\"}}").status())
                .isEqualTo(404);
    }

    @Test
    void enabledDomainCannotBeDeleted() {
        String id = createDomain(cloud, admin, Map.of("name", unique("on"))).get("id").asText();
        TestCloud.Response r = cloud.send("DELETE", "/v3/domains/" + id, admin, null);
        assertThat(r.status()).isEqualTo(403);
        assertThat(message(r)).isEqualTo("Cannot delete a domain that is enabled, please disable it first.");
        assertThat(cloud.get("/v3/domains/" + id, admin).status()).isEqualTo(200);
    }

    @Test
    void explicitIdMustBeAUuidHex() {
        String id = Ids.hex();
        assertThat(createDomain(cloud, admin, Map.of("name", unique("ex"), "explicit_domain_id", id)).get("id").asText())
                .isEqualTo(id);
        TestCloud.Response r = cloud.post("/v3/domains", admin, json(Map.of("domain",
                Map.of("name", unique("ex"), "explicit_domain_id", "not-a-uuid"))));
        assertThat(r.status()).isEqualTo(400);
        assertThat(message(r)).isEqualTo("Domain ID does not conform to required UUID format.");
        r = cloud.post("/v3/domains", admin, json(Map.of("domain", Map.of("name", unique("ex"), "explicit_domain_id", id))));
        assertThat(r.status()).isEqualTo(409);
        // A plain "id" in the body is ignored, as in Keystone.
        assertThat(createDomain(cloud, admin, Map.of("name", unique("ex"), "id", "mine")).get("id").asText())
                .isNotEqualTo("mine");
    }

    @Test
    void invalidBodiesAre400AndDuplicatesAre409() {
        String[] bad = {
            "{nope",
            "{}",
            "{\"domain\": []}",
            "{\"domain\": {}}",
            "{\"domain\": {\"name\": \"\"}}",
            "{\"domain\": {\"name\": \"" + "n".repeat(65) + "\"}}",
            "{\"domain\": {\"name\": \"ok\", \"enabled\": \"true\"}}",
            "{\"domain\": {\"name\": \"ok\", \"description\": false}}",
            "{\"domain\": {\"name\": \"ok\", \"tags\": [\"a/b\"]}}",
            "{\"domain\": {\"name\": \"federated\"}}",
        };
        for (String body : bad) {
            TestCloud.Response r = cloud.post("/v3/domains", admin, body);
            assertThat(r.status()).as(body + " → " + r.body()).isEqualTo(400);
        }
        String name = unique("twice");
        createDomain(cloud, admin, Map.of("name", name));
        TestCloud.Response r = cloud.post("/v3/domains", admin, json(Map.of("domain", Map.of("name", name))));
        assertThat(r.status()).isEqualTo(409);
        assertThat(message(r)).contains("acting as domains with the same name: " + name);

        String id = createDomain(cloud, admin, Map.of("name", unique("upd"))).get("id").asText();
        assertThat(cloud.send("PATCH", "/v3/domains/" + id, admin, "{\"domain\": {}}").status()).isEqualTo(400);
        assertThat(cloud.send("PATCH", "/v3/domains/" + id, admin, "{\"domain\": {\"enabled\": null}}").status())
                .isEqualTo(400);
        assertThat(cloud.send("PATCH", "/v3/domains/" + id, admin, json(Map.of("domain", Map.of("name", name))))
                .status()).isEqualTo(409);
    }

    @Test
    void aProjectIsNotADomain() {
        String project = createProject(cloud, admin, Map.of("name", unique("p"))).get("id").asText();
        assertThat(cloud.get("/v3/domains/" + project, admin).status()).isEqualTo(404);
        assertThat(cloud.send("DELETE", "/v3/domains/" + project, admin, null).status()).isEqualTo(404);
    }

    @Test
    void deletingADomainRemovesEverythingInIt() {
        var jdbi = cloud.database().jdbi();
        String domain = createDomain(cloud, admin, Map.of("name", unique("doomed"))).get("id").asText();
        String root = createProject(cloud, admin, Map.of("name", "root", "domain_id", domain)).get("id").asText();
        String leaf = createProject(cloud, admin, Map.of("name", "leaf", "domain_id", domain, "parent_id", root))
                .get("id").asText();
        String userId = createUser(cloud, unique("u"), domain, root);
        String outsider = createUser(cloud, unique("out"), "default", leaf);
        String groupId = Ids.hex();
        new SqlGroupStore(jdbi).create(new Group(groupId, "g", domain, null, Map.of()));
        String roleId = Ids.hex();
        new SqlRoleStore(jdbi).create(new Role(roleId, "local", domain, null, Map.of(), Map.of()));
        grant(cloud, Assignment.Type.UserProject, userId, leaf, "member");
        grant(cloud, Assignment.Type.UserProject, outsider, root, "member");
        grant(cloud, Assignment.Type.GroupDomain, groupId, domain, "reader");

        assertThat(cloud.send("PATCH", "/v3/domains/" + domain, admin, "{\"domain\": {\"enabled\": false}}").status())
                .isEqualTo(200);
        assertThat(cloud.send("DELETE", "/v3/domains/" + domain, admin, null).status()).isEqualTo(204);

        var projects = new SqlProjectStore(jdbi);
        assertThat(projects.get(domain)).isEmpty();
        assertThat(projects.get(root)).isEmpty();
        assertThat(projects.get(leaf)).isEmpty();
        var users = new SqlUserStore(jdbi);
        assertThat(users.get(userId)).isEmpty();
        assertThat(users.get(outsider).orElseThrow().defaultProjectId()).isNull();
        assertThat(new SqlGroupStore(jdbi).get(groupId)).isEmpty();
        assertThat(new SqlRoleStore(jdbi).get(roleId)).isEmpty();
        var grants = new SqlAssignmentStore(jdbi);
        assertThat(grants.forTarget(domain)).isEmpty();
        assertThat(grants.forTarget(root)).isEmpty();
        assertThat(grants.forActors(List.of(outsider))).isEmpty();
    }

    @Test
    void disablingADomainInvalidatesItsTokens() {
        String domain = createDomain(cloud, admin, Map.of("name", unique("off"))).get("id").asText();
        String project = createProject(cloud, admin, Map.of("name", "p", "domain_id", domain)).get("id").asText();
        String user = unique("u");
        String userId = createUser(cloud, user, domain, null);
        grant(cloud, Assignment.Type.UserProject, userId, project, "member");
        String t = token(cloud, user, domain, projectScope(project));
        assertThat(cloud.get("/v3/domains/" + domain, t).status()).isEqualTo(200);
        assertThat(cloud.send("PATCH", "/v3/domains/" + domain, admin, "{\"domain\": {\"enabled\": false}}").status())
                .isEqualTo(200);
        assertThat(cloud.get("/v3/domains/" + domain, t).status()).isEqualTo(401);
        TestCloud.Response r = cloud.post("/v3/projects", admin, json(Map.of("project",
                Map.of("name", "late", "domain_id", domain))));
        assertThat(r.status()).isEqualTo(400);
        assertThat(message(r)).contains("disabled project: " + domain);
    }

    @Test
    void personas() {
        String domain = createDomain(cloud, admin, Map.of("name", unique("pd"))).get("id").asText();
        String project = createProject(cloud, admin, Map.of("name", "p", "domain_id", domain)).get("id").asText();
        String user = unique("m");
        grant(cloud, Assignment.Type.UserProject, createUser(cloud, user, domain, null), project, "member");
        String member = token(cloud, user, domain, projectScope(project));

        // A project member may read the domain its project is in, nothing more.
        assertThat(cloud.get("/v3/domains/" + domain, member).status()).isEqualTo(200);
        assertThat(cloud.get("/v3/domains/default", member).status()).isEqualTo(403);
        assertThat(cloud.get("/v3/domains/nosuch", member).status()).isEqualTo(403);
        assertThat(cloud.get("/v3/domains", member).status()).isEqualTo(403);
        assertThat(cloud.post("/v3/domains", member, "{\"domain\": {\"name\": \"mine\"}}").status()).isEqualTo(403);
        assertThat(cloud.send("PATCH", "/v3/domains/" + domain, member, "{\"domain\": {\"name\": \"m\"}}").status())
                .isEqualTo(403);
        assertThat(cloud.send("DELETE", "/v3/domains/" + domain, member, null).status()).isEqualTo(403);

        String reader = unique("r");
        grant(cloud, Assignment.Type.UserDomain, createUser(cloud, reader, domain, null), domain, "reader");
        String domainReader = token(cloud, reader, domain, domainScope(domain));
        assertThat(cloud.get("/v3/domains/" + domain, domainReader).status()).isEqualTo(200);
        assertThat(cloud.get("/v3/domains/default", domainReader).status()).isEqualTo(403);

        assertThat(cloud.get("/v3/domains", null).status()).isEqualTo(401);
        assertThat(cloud.get("/v3/domains/" + domain, null).status()).isEqualTo(401);
        assertThat(cloud.post("/v3/domains", null, "{\"domain\": {\"name\": \"x\"}}").status()).isEqualTo(401);
        assertThat(cloud.send("DELETE", "/v3/domains/" + domain, null, null).status()).isEqualTo(401);
    }
}
