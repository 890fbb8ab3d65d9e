package org.apiary.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apiary.common.Ids;
import org.apiary.common.json.Json;
import org.apiary.identity.domain.Assignment;
import org.apiary.identity.domain.Passwords;
import org.apiary.identity.domain.User;
import org.apiary.identity.store.sql.SqlAssignmentStore;
import org.apiary.identity.store.sql.SqlRoleStore;
import org.apiary.identity.store.sql.SqlUserStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ProjectsTest {
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

    // ---- helpers shared with DomainsTest ----

    static String json(Object o) {
        return new String(Json.bytes(o), java.nio.charset.StandardCharsets.UTF_8);
    }

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Creates a user straight in the store (the users API is another slice) and returns its id. */
    static String createUser(TestCloud c, String name, String domainId, String defaultProjectId) {
        String id = Ids.hex();
        SqlUserStore users = new SqlUserStore(c.database().jdbi());
        users.create(new User(id, name, domainId, true, defaultProjectId, null, null, Map.of(), Map.of()));
        users.setPassword(id, new Passwords(4).hash("pw-" + name), null);
        return id;
    }

    static void grant(TestCloud c, Assignment.Type type, String actorId, String targetId, String roleName) {
        String roleId = new SqlRoleStore(c.database().jdbi()).findByName(roleName, null).orElseThrow().id();
        new SqlAssignmentStore(c.database().jdbi()).grant(new Assignment(type, actorId, targetId, roleId, false));
    }

    /** A password token for a user made by {@link #createUser}, scoped as {@code scope} (JSON) says. */
    static String token(TestCloud c, String name, String domainId, String scope) {
        TestCloud.Response r = c.post("/v3/auth/tokens", null, "{\"auth\": {\"identity\": {\"methods\": [\"password\"], "
                + "\"password\": {\"user\": {\"name\": \"" + name + "\", \"domain\": {\"id\": \"" + domainId + "\"}, "
                + "\"password\": \"pw-" + name + "\"}}}, \"scope\": " + scope + "}}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.header("X-Subject-Token");
    }

    static String projectScope(String projectId) {
        return "{\"project\": {\"id\": \"" + projectId + "\"}}";
    }

    static String domainScope(String domainId) {
        return "{\"domain\": {\"id\": \"" + domainId + "\"}}";
    }

    static JsonNode createProject(TestCloud c, String token, Map<String, Object> project) {
        TestCloud.Response r = c.post("/v3/projects", token, json(Map.of("project", project)));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("project");
    }

    static JsonNode createDomain(TestCloud c, String token, Map<String, Object> domain) {
        TestCloud.Response r = c.post("/v3/domains", token, json(Map.of("domain", domain)));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("domain");
    }

    static String message(TestCloud.Response r) {
        return r.json().at("/error/message").asText();
    }

    private static JsonNode project(Map<String, Object> body) {
        return createProject(cloud, admin, body);
    }

    private static List<String> ids(TestCloud.Response r) {
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().get("projects").findValuesAsText("id");
    }

    // ---- tests ----

    @Test
    void createShowListUpdateDelete() {
        String name = unique("p");
        JsonNode p = project(Map.of("name", name, "description", "first", "tags", List.of("b", "a"), "email", "x@y"));
        assertThat(p.get("domain_id").asText()).isEqualTo("default");
        assertThat(p.get("parent_id").asText()).isEqualTo("default");
        assertThat(p.get("is_domain").asBoolean()).isFalse();
        assertThat(p.get("enabled").asBoolean()).isTrue();
        assertThat(p.get("options").isObject()).isTrue();
        assertThat(p.get("email").asText()).isEqualTo("x@y");
        assertThat(p.at("/links/self").asText()).endsWith("/v3/projects/" + p.get("id").asText());
        String id = p.get("id").asText();

        TestCloud.Response shown = cloud.get("/v3/projects/" + id, admin);
        assertThat(shown.status()).isEqualTo(200);
        JsonNode listed = null;
        for (JsonNode x : cloud.get("/v3/projects", admin).json().get("projects")) {
            if (x.get("id").asText().equals(id)) {
                listed = x;
            }
        }
        assertThat(listed).isEqualTo(shown.json().get("project"));

        TestCloud.Response r = cloud.send("PATCH", "/v3/projects/" + id, admin,
                json(Map.of("project", Map.of("name", name + "-2", "description", "second", "enabled", false,
                        "tags", List.of("c")))));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().at("/project/name").asText()).isEqualTo(name + "-2");
        assertThat(r.json().at("/project/enabled").asBoolean()).isFalse();
        assertThat(r.json().at("/project/email").asText()).isEqualTo("x@y");
        assertThat(cloud.get("/v3/projects/" + id, admin).json().at("/project/tags").toString()).isEqualTo("[\"c\"]");

        assertThat(cloud.send("HEAD", "/v3/projects/" + id, admin, null).status()).isEqualTo(200);
        assertThat(cloud.send("DELETE", "/v3/projects/" + id, admin, null).status()).isEqualTo(204);
        r = cloud.get("/v3/projects/" + id, admin);
        assertThat(r.status()).isEqualTo(404);
        assertThat(message(r)).isEqualTo("Could not find project: " + id + ".");
        assertThat(cloud.send("DELETE", "/v3/projects/" + id, admin, null).status()).isEqualTo(404);
        assertThat(cloud.send("PATCH", "/v3/projects/" + id, admin, "{\"project\": {\"name\": \"x\"}}").status())
                .isEqualTo(404);
    }

    @Test
    void duplicateNameInDomainIs409ButOtherDomainIsFine() {
        String name = unique("dup");
        project(Map.of("name", name));
        TestCloud.Response r = cloud.post("/v3/projects", admin, json(Map.of("project", Map.of("name", name))));
        assertThat(r.status()).isEqualTo(409);
        assertThat(message(r)).contains("same name").contains(name);
        String domain = createDomain(cloud, admin, Map.of("name", unique("d"))).get("id").asText();
        assertThat(project(Map.of("name", name, "domain_id", domain)).get("parent_id").asText()).isEqualTo(domain);
    }

    @Test
    void invalidBodiesAre400() {
        String[] bad = {
            "{not json",
            "{}",
            "{\"project\": \"x\"}",
            "{\"project\": {}}",
            "{\"project\": {\"name\": \"\"}}",
            "{\"project\": {\"name\": \"   \"}}",
            "{\"project\": {\"name\": \"" + "x".repeat(65) + "\"}}",
            "{\"project\": {\"name\": 5}}",
            "{\"project\": {\"name\": \"a\", \"enabled\": \"yes\"}}",
            "{\"project\": {\"name\": \"a\", \"enabled\": null}}",
            "{\"project\": {\"name\": \"a\", \"is_domain\": 1}}",
            "{\"project\": {\"name\": \"a\", \"description\": 7}}",
            "{\"project\": {\"name\": \"a\", \"domain_id\": 7}}",
            "{\"project\": {\"name\": \"a\", \"domain_id\": \"no_underscores\"}}",
            "{\"project\": {\"name\": \"a\", \"parent_id\": \"\"}}",
            "{\"project\": {\"name\": \"a\", \"tags\": \"a\"}}",
            "{\"project\": {\"name\": \"a\", \"tags\": [1]}}",
            "{\"project\": {\"name\": \"a\", \"tags\": [\"a/b\"]}}",
            "{\"project\": {\"name\": \"a\", \"tags\": [\"a,b\"]}}",
            "{\"project\": {\"name\": \"a\", \"tags\": [\"" + "t".repeat(256) + "\"]}}",
            "{\"project\": {\"name\": \"a\", \"tags\": [\"x\", \"x\"]}}",
            "{\"project\": {\"name\": \"a\", \"options\": {\"colour\": true}}}",
            "{\"project\": {\"name\": \"a\", \"options\": {\"immutable\": \"yes\"}}}",
            "{\"project\": {\"name\": \"a\", \"domain_id\": \"nosuchdomain\"}}",
            "{\"project\": {\"name\": \"a\", \"parent_id\": \"nosuchparent\"}}",
        };
        for (String body : bad) {
            TestCloud.Response r = cloud.post("/v3/projects", admin, body);
            assertThat(r.status()).as(body + " → " + r.body()).isEqualTo(400);
            assertThat(r.json().at("/error/code").asInt()).isEqualTo(400);
        }
        List<String> tags = new ArrayList<>();
        for (int i = 0; i < 81; i++) {
            tags.add("t" + i);
        }
        assertThat(cloud.post("/v3/projects", admin, json(Map.of("project", Map.of("name", "a", "tags", tags))))
                .status()).isEqualTo(400);
        TestCloud.Response r = cloud.post("/v3/projects", admin, "{\"project\": {\"name\": \"a\", \"domain_id\": \"nope\"}}");
        assertThat(message(r)).isEqualTo("Could not find domain: nope.");
    }

    @Test
    void invalidUpdatesAreRejected() {
        String id = project(Map.of("name", unique("u"))).get("id").asText();
        String other = createDomain(cloud, admin, Map.of("name", unique("d"))).get("id").asText();
        String path = "/v3/projects/" + id;
        assertThat(cloud.send("PATCH", path, admin, "{\"project\": {}}").status()).isEqualTo(400);
        assertThat(cloud.send("PATCH", path, admin, "{\"project\": {\"enabled\": 1}}").status()).isEqualTo(400);
        assertThat(cloud.send("PATCH", path, admin, "{\"project\": {\"name\": null}}").status()).isEqualTo(400);
        assertThat(cloud.send("PATCH", path, admin, "{\"project\": {\"id\": \"other\"}}").status()).isEqualTo(400);
        TestCloud.Response r = cloud.send("PATCH", path, admin, "{\"project\": {\"domain_id\": \"" + other + "\"}}");
        assertThat(r.status()).isEqualTo(400);
        assertThat(message(r)).isEqualTo("Cannot change Domain ID");
        r = cloud.send("PATCH", path, admin, "{\"project\": {\"parent_id\": \"" + other + "\"}}");
        assertThat(r.status()).isEqualTo(403);
        assertThat(message(r)).isEqualTo("Update of `parent_id` is not allowed.");
        r = cloud.send("PATCH", path, admin, "{\"project\": {\"is_domain\": true}}");
        assertThat(r.status()).isEqualTo(400);
        // Unchanged values are accepted.
        r = cloud.send("PATCH", path, admin, "{\"project\": {\"domain_id\": \"default\", \"parent_id\": \"default\", "
                + "\"id\": \"" + id + "\", \"is_domain\": false}}");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
    }

    @Test
    void hierarchyRulesAndViews() {
        String domain = createDomain(cloud, admin, Map.of("name", unique("tree"))).get("id").asText();
        String root = project(Map.of("name", "root", "domain_id", domain)).get("id").asText();
        String mid = project(Map.of("name", "mid", "domain_id", domain, "parent_id", root)).get("id").asText();
        String leaf = project(Map.of("name", "leaf", "domain_id", domain, "parent_id", mid)).get("id").asText();

        TestCloud.Response r = cloud.get("/v3/projects/" + leaf + "?parents_as_ids", admin);
        assertThat(r.json().at("/project/parents").toString())
                .isEqualTo("{\"" + mid + "\":{\"" + root + "\":{\"" + domain + "\":null}}}");
        r = cloud.get("/v3/projects/" + root + "?subtree_as_ids", admin);
        assertThat(r.json().at("/project/subtree").toString()).isEqualTo("{\"" + mid + "\":{\"" + leaf + "\":null}}");
        assertThat(cloud.get("/v3/projects/" + leaf + "?subtree_as_ids", admin).json().at("/project/subtree").isNull())
                .isTrue();
        // The *_as_list forms show only projects the caller holds a role on.
        r = cloud.get("/v3/projects/" + leaf + "?parents_as_list", admin);
        assertThat(r.json().at("/project/parents").size()).isZero();
        String adminId = cloud.send("GET", "/v3/auth/tokens", admin, null, "X-Subject-Token", admin).json()
                .at("/token/user/id").asText();
        grant(cloud, Assignment.Type.UserProject, adminId, root, "reader");
        r = cloud.get("/v3/projects/" + leaf + "?parents_as_list", admin);
        assertThat(r.json().at("/project/parents/0/project/id").asText()).isEqualTo(root);
        assertThat(r.json().at("/project/parents").size()).isEqualTo(1);
        r = cloud.get("/v3/projects/" + root + "?subtree_as_list&parents_as_ids", admin);
        assertThat(r.json().at("/project/subtree").size()).isZero();
        assertThat(r.json().at("/project/parents").toString()).isEqualTo("{\"" + domain + "\":null}");
        r = cloud.get("/v3/projects/" + root + "?parents_as_list&parents_as_ids", admin);
        assertThat(r.status()).isEqualTo(400);
        assertThat(cloud.get("/v3/projects/" + root + "?subtree_as_list&subtree_as_ids", admin).status()).isEqualTo(400);
        assertThat(cloud.get("/v3/projects/" + root + "?subtree_as_list=0&subtree_as_ids", admin).status())
                .isEqualTo(200);

        r = cloud.send("DELETE", "/v3/projects/" + mid, admin, null);
        assertThat(r.status()).isEqualTo(403);
        assertThat(message(r)).contains("not a leaf");
        r = cloud.send("PATCH", "/v3/projects/" + mid, admin, "{\"project\": {\"enabled\": false}}");
        assertThat(r.status()).isEqualTo(403);
        assertThat(message(r)).contains("subtree contains enabled projects");
        assertThat(cloud.send("PATCH", "/v3/projects/" + leaf, admin, "{\"project\": {\"enabled\": false}}").status())
                .isEqualTo(200);
        assertThat(cloud.send("PATCH", "/v3/projects/" + mid, admin, "{\"project\": {\"enabled\": false}}").status())
                .isEqualTo(200);
        r = cloud.post("/v3/projects", admin, json(Map.of("project", Map.of("name", "x", "domain_id", domain,
                "parent_id", mid))));
        assertThat(r.status()).isEqualTo(400);
        assertThat(message(r)).contains("disabled project: " + mid);
        r = cloud.send("PATCH", "/v3/projects/" + leaf, admin, "{\"project\": {\"enabled\": true}}");
        assertThat(r.status()).isEqualTo(403);
        assertThat(message(r)).contains("disabled parents");

        // A parent in another domain, or a domain as parent of another domain's project, is refused.
        r = cloud.post("/v3/projects", admin, json(Map.of("project", Map.of("name", "x", "parent_id", root))));
        assertThat(r.status()).isEqualTo(400);
        assertThat(message(r)).contains("parent in a different domain");
        r = cloud.post("/v3/projects", admin, json(Map.of("project", Map.of("name", "x", "parent_id", domain))));
        assertThat(r.status()).isEqualTo(400);
        assertThat(message(r)).contains("acting as a domain");
    }

    @Test
    void depthIsLimitedToFiveLevelsBelowTheDomain() {
        String domain = createDomain(cloud, admin, Map.of("name", unique("deep"))).get("id").asText();
        String parent = domain;
        for (int level = 1; level <= 5; level++) {
            parent = project(Map.of("name", "l" + level, "domain_id", domain, "parent_id", parent)).get("id").asText();
        }
        TestCloud.Response r = cloud.post("/v3/projects", admin, json(Map.of("project",
                Map.of("name", "l6", "domain_id", domain, "parent_id", parent))));
        assertThat(r.status()).isEqualTo(403);
        assertThat(message(r)).isEqualTo("Max hierarchy depth reached for " + parent + " branch.");
    }

    @Test
    void listFilters() {
        String domain = createDomain(cloud, admin, Map.of("name", unique("lf"))).get("id").asText();
        String a = project(Map.of("name", "a", "domain_id", domain, "tags", List.of("red", "big"))).get("id").asText();
        String b = project(Map.of("name", "b", "domain_id", domain, "tags", List.of("red"), "enabled", false))
                .get("id").asText();
        String c = project(Map.of("name", "c", "domain_id", domain, "parent_id", a)).get("id").asText();
        String q = "/v3/projects?domain_id=" + domain;
        assertThat(ids(cloud.get(q, admin))).containsExactlyInAnyOrder(a, b, c);
        assertThat(ids(cloud.get(q + "&name=b", admin))).containsExactly(b);
        assertThat(ids(cloud.get(q + "&enabled=false", admin))).containsExactly(b);
        assertThat(ids(cloud.get(q + "&enabled=True", admin))).containsExactlyInAnyOrder(a, c);
        assertThat(ids(cloud.get(q + "&parent_id=" + a, admin))).containsExactly(c);
        assertThat(ids(cloud.get("/v3/projects?parent_id=" + domain, admin))).containsExactlyInAnyOrder(a, b);
        assertThat(ids(cloud.get(q + "&tags=red,big", admin))).containsExactly(a);
        assertThat(ids(cloud.get(q + "&tags-any=big,red", admin))).containsExactlyInAnyOrder(a, b);
        assertThat(ids(cloud.get(q + "&not-tags=red,big", admin))).containsExactlyInAnyOrder(b, c);
        assertThat(ids(cloud.get(q + "&not-tags-any=big,red", admin))).containsExactly(c);
        assertThat(ids(cloud.get("/v3/projects?is_domain=true", admin))).contains(domain, "default").doesNotContain(a);
        JsonNode asProject = cloud.get("/v3/projects/" + domain, admin).json().get("project");
        assertThat(asProject.get("is_domain").asBoolean()).isTrue();
        assertThat(asProject.get("domain_id").isNull()).isTrue();
        assertThat(asProject.get("parent_id").isNull()).isTrue();
    }

    @Test
    void projectTagsApi() {
        String id = project(Map.of("name", unique("tags"))).get("id").asText();
        String base = "/v3/projects/" + id + "/tags";
        TestCloud.Response r = cloud.send("PUT", base, admin, "{\"tags\": [\"one\", \" two \"]}");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().get("tags").toString()).isEqualTo("[\"one\",\"two\"]");
        assertThat(r.json().at("/links/self").asText()).endsWith(base);
        r = cloud.send("PUT", base + "/three", admin, null);
        assertThat(r.status()).isEqualTo(201);
        assertThat(r.header("Location")).endsWith(base + "/three");
        // Keystone validates the list with the new tag appended, so adding a present tag is a 400.
        assertThat(cloud.send("PUT", base + "/three", admin, null).status()).isEqualTo(400);
        assertThat(cloud.get(base, admin).json().get("tags").toString()).isEqualTo("[\"one\",\"three\",\"two\"]");
        assertThat(cloud.get(base + "/three", admin).status()).isEqualTo(204);
        r = cloud.get(base + "/four", admin);
        assertThat(r.status()).isEqualTo(404);
        assertThat(message(r)).isEqualTo("Could not find project tag: four.");
        assertThat(cloud.send("PUT", base + "/a%2Cb", admin, null).status()).isEqualTo(400);
        assertThat(cloud.send("PUT", base + "/a%2Fb", admin, null).status()).isEqualTo(400);
        assertThat(cloud.send("PUT", base, admin, "{\"tags\": \"x\"}").status()).isEqualTo(400);
        assertThat(cloud.send("PUT", base, admin, "{}").status()).isEqualTo(400);
        assertThat(cloud.send("PUT", base, admin, "{\"tags\": [\"a\", \"a\"]}").status()).isEqualTo(400);
        assertThat(cloud.send("DELETE", base + "/three", admin, null).status()).isEqualTo(204);
        assertThat(cloud.send("DELETE", base + "/three", admin, null).status()).isEqualTo(404);
        assertThat(cloud.send("DELETE", base, admin, null).status()).isEqualTo(204);
        assertThat(cloud.get(base, admin).json().get("tags").size()).isZero();
        assertThat(cloud.get("/v3/projects/nope/tags", admin).status()).isEqualTo(404);
        assertThat(cloud.send("PUT", "/v3/projects/nope/tags/x", admin, null).status()).isEqualTo(404);
    }

    @Test
    void immutableProjectRefusesChangesUntilCleared() {
        String id = project(Map.of("name", unique("imm"), "options", Map.of("immutable", true))).get("id").asText();
        String path = "/v3/projects/" + id;
        assertThat(cloud.get(path, admin).json().at("/project/options/immutable").asBoolean()).isTrue();
        TestCloud.Response r = cloud.send("PATCH", path, admin, "{\"project\": {\"description\": \"x\"}}");
        assertThat(r.status()).isEqualTo(403);
        assertThat(message(r)).contains("immutable project");
        assertThat(cloud.send("DELETE", path, admin, null).status()).isEqualTo(403);
        assertThat(cloud.send("PUT", path + "/tags/x", admin, null).status()).isEqualTo(403);
        assertThat(cloud.send("PATCH", path, admin, "{\"project\": {\"options\": {\"immutable\": null}}}").status())
                .isEqualTo(200);
        assertThat(cloud.get(path, admin).json().at("/project/options").size()).isZero();
        assertThat(cloud.send("DELETE", path, admin, null).status()).isEqualTo(204);
    }

    @Test
    void isDomainProjectIsADomain() {
        String name = unique("isdom");
        TestCloud.Response r = cloud.post("/v3/projects", admin, json(Map.of("project",
                Map.of("name", name, "is_domain", true))));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        String id = r.json().at("/project/id").asText();
        assertThat(r.json().at("/project/is_domain").asBoolean()).isTrue();
        assertThat(r.json().at("/project/domain_id").isNull()).isTrue();
        assertThat(cloud.get("/v3/domains/" + id, admin).json().at("/domain/name").asText()).isEqualTo(name);
        r = cloud.post("/v3/projects", admin, json(Map.of("project",
                Map.of("name", unique("x"), "is_domain", true, "domain_id", "default"))));
        assertThat(r.status()).isEqualTo(400);
        r = cloud.send("DELETE", "/v3/projects/" + id, admin, null);
        assertThat(r.status()).isEqualTo(403);
        assertThat(message(r)).isEqualTo("Cannot delete a domain that is enabled, please disable it first.");
        assertThat(cloud.send("PATCH", "/v3/projects/" + id, admin, "{\"project\": {\"enabled\": false}}").status())
                .isEqualTo(200);
        assertThat(cloud.send("DELETE", "/v3/projects/" + id, admin, null).status()).isEqualTo(204);
        assertThat(cloud.get("/v3/domains/" + id, admin).status()).isEqualTo(404);
    }

    @Test
    void personas() {
        String mine = project(Map.of("name", unique("mine"))).get("id").asText();
        String other = project(Map.of("name", unique("other"))).get("id").asText();
        String user = unique("member");
        String userId = createUser(cloud, user, "default", null);
        grant(cloud, Assignment.Type.UserProject, userId, mine, "member");
        String member = token(cloud, user, "default", projectScope(mine));

        assertThat(cloud.get("/v3/projects/" + mine, member).status()).isEqualTo(200);
        assertThat(cloud.get("/v3/projects/" + mine + "/tags", member).status()).isEqualTo(200);
        assertThat(cloud.get("/v3/projects/" + other, member).status()).isEqualTo(403);
        assertThat(cloud.get("/v3/projects/nosuch", member).status()).isEqualTo(403);
        assertThat(cloud.get("/v3/projects", member).status()).isEqualTo(403);
        assertThat(cloud.post("/v3/projects", member, "{\"project\": {\"name\": \"m\"}}").status()).isEqualTo(403);
        assertThat(cloud.send("PATCH", "/v3/projects/" + mine, member, "{\"project\": {\"name\": \"m\"}}").status())
                .isEqualTo(403);
        assertThat(cloud.send("DELETE", "/v3/projects/" + mine, member, null).status()).isEqualTo(403);
        assertThat(cloud.send("PUT", "/v3/projects/" + mine + "/tags/x", member, null).status()).isEqualTo(403);
        assertThat(cloud.send("DELETE", "/v3/projects/" + mine + "/tags", member, null).status()).isEqualTo(403);

        for (String[] call : new String[][] {{"GET", "/v3/projects"}, {"GET", "/v3/projects/" + mine},
                {"POST", "/v3/projects"}, {"PATCH", "/v3/projects/" + mine}, {"DELETE", "/v3/projects/" + mine},
                {"GET", "/v3/projects/" + mine + "/tags"}, {"PUT", "/v3/projects/" + mine + "/tags/x"}}) {
            assertThat(cloud.send(call[0], call[1], null, "{\"project\": {\"name\": \"z\"}}").status())
                    .as(call[0] + " " + call[1]).isEqualTo(401);
        }
    }

    @Test
    void domainScopedCallersWorkWithinTheirDomain() {
        String domain = createDomain(cloud, admin, Map.of("name", unique("scoped"))).get("id").asText();
        String inside = project(Map.of("name", "in", "domain_id", domain)).get("id").asText();
        String reader = unique("dreader");
        grant(cloud, Assignment.Type.UserDomain, createUser(cloud, reader, domain, null), domain, "reader");
        String t = token(cloud, reader, domain, domainScope(domain));
        assertThat(ids(cloud.get("/v3/projects", t))).containsExactly(inside);
        assertThat(cloud.get("/v3/projects/" + inside, t).status()).isEqualTo(200);
        assertThat(cloud.post("/v3/projects", t, "{\"project\": {\"name\": \"r\"}}").status()).isEqualTo(403);

        String manager = unique("dadmin");
        grant(cloud, Assignment.Type.UserDomain, createUser(cloud, manager, domain, null), domain, "admin");
        // With a domain-scoped token and no domain_id, a new project lands in the token's domain.
        JsonNode made = createProject(cloud, token(cloud, manager, domain, domainScope(domain)), Map.of("name", "made"));
        assertThat(made.get("domain_id").asText()).isEqualTo(domain);
    }

    @Test
    void deletingAProjectPurgesGrantsRevokesTokensAndUnsetsDefaultProject() {
        String id = project(Map.of("name", unique("gone"))).get("id").asText();
        String user = unique("u");
        String userId = createUser(cloud, user, "default", id);
        grant(cloud, Assignment.Type.UserProject, userId, id, "member");
        String t = token(cloud, user, "default", projectScope(id));
        assertThat(cloud.get("/v3/projects/" + id, t).status()).isEqualTo(200);

        assertThat(cloud.send("DELETE", "/v3/projects/" + id, admin, null).status()).isEqualTo(204);
        assertThat(cloud.get("/v3/projects/" + id, t).status()).isEqualTo(401);
        assertThat(new SqlAssignmentStore(cloud.database().jdbi()).forTarget(id)).isEmpty();
        assertThat(new SqlUserStore(cloud.database().jdbi()).get(userId).orElseThrow().defaultProjectId()).isNull();
    }

    @Test
    void disablingAProjectInvalidatesItsTokens() {
        String id = project(Map.of("name", unique("off"))).get("id").asText();
        String user = unique("u");
        String userId = createUser(cloud, user, "default", null);
        grant(cloud, Assignment.Type.UserProject, userId, id, "member");
        String t = token(cloud, user, "default", projectScope(id));
        assertThat(cloud.get("/v3/projects/" + id, t).status()).isEqualTo(200);
        assertThat(cloud.send("PATCH", "/v3/projects/" + id, admin, "{\"project\": {\"enabled\": false}}").status())
                .isEqualTo(200);
        assertThat(cloud.get("/v3/projects/" + id, t).status()).isEqualTo(401);
    }
}
