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

class GroupsTest {
    static TestCloud cloud;
    static String admin;
    static String adminProjectId;
    static String memberRoleId;

    @BeforeAll
    static void start() throws Exception {
        cloud = new TestCloud();
        admin = cloud.adminToken();
        adminProjectId = new SqlProjectStore(cloud.database().jdbi()).findByName("default", "admin").orElseThrow().id();
        memberRoleId = new SqlRoleStore(cloud.database().jdbi()).findByName("member", null).orElseThrow().id();
    }

    @AfterAll
    static void stop() {
        cloud.close();
    }

    static String createGroup(String name) {
        TestCloud.Response r = cloud.post("/v3/groups", admin, "{\"group\": {\"name\": \"" + name + "\"}}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().at("/group/id").asText();
    }

    static String createUser(String name) {
        TestCloud.Response r = cloud.post("/v3/users", admin, "{\"user\": {\"name\": \"" + name
                + "\", \"password\": \"pw\"}}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().at("/user/id").asText();
    }

    /** Grants the member role on the bootstrap admin project, as a role-assignment API would. */
    static void grantMember(Assignment.Type type, String actorId) {
        new SqlAssignmentStore(cloud.database().jdbi())
                .grant(new Assignment(type, actorId, adminProjectId, memberRoleId, false));
    }

    @Test
    void crudKeepsExtraAndDescription() {
        TestCloud.Response r = cloud.post("/v3/groups", admin, "{\"group\": {\"name\": \"ops\", "
                + "\"description\": \"Operators\", \"team\": \"blue\"}}");
        assertThat(r.status()).isEqualTo(201);
        JsonNode g = r.json().get("group");
        String id = g.get("id").asText();
        assertThat(g.get("domain_id").asText()).isEqualTo("default");
        assertThat(g.get("description").asText()).isEqualTo("Operators");
        assertThat(g.get("team").asText()).isEqualTo("blue");
        assertThat(g.at("/links/self").asText()).endsWith("/v3/groups/" + id);
        assertThat(cloud.post("/v3/groups", admin, "{\"group\": {\"name\": \"bare\"}}").json()
                .at("/group/description").asText()).isEmpty();

        r = cloud.send("PATCH", "/v3/groups/" + id, admin, "{\"group\": {\"name\": \"ops2\", \"floor\": 3}}");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().at("/group/name").asText()).isEqualTo("ops2");
        assertThat(r.json().at("/group/team").asText()).isEqualTo("blue");
        assertThat(r.json().at("/group/floor").asInt()).isEqualTo(3);
        assertThat(r.json().at("/group/description").asText()).isEqualTo("Operators");
        assertThat(cloud.get("/v3/groups/" + id, admin).json().at("/group/name").asText()).isEqualTo("ops2");

        assertThat(cloud.send("DELETE", "/v3/groups/" + id, admin, null).status()).isEqualTo(204);
        r = cloud.get("/v3/groups/" + id, admin);
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.json().at("/error/message").asText()).isEqualTo("Could not find group: " + id + ".");
        assertThat(cloud.send("DELETE", "/v3/groups/" + id, admin, null).status()).isEqualTo(404);
        assertThat(cloud.send("PATCH", "/v3/groups/" + id, admin, "{\"group\": {\"name\": \"x\"}}").status())
                .isEqualTo(404);
    }

    @Test
    void badInputIs400UnknownDomain404Duplicate409() {
        assertThat(cloud.post("/v3/groups", admin, "{\"group\": {}}").status()).isEqualTo(400);
        assertThat(cloud.post("/v3/groups", admin, "{\"group\": {\"name\": true}}").status()).isEqualTo(400);
        assertThat(cloud.post("/v3/groups", admin, "{\"group\": {\"name\": \"x\", \"description\": 1}}").status())
                .isEqualTo(400);
        assertThat(cloud.post("/v3/groups", admin, "{\"group\": {\"name\": \"" + "g".repeat(65) + "\"}}").status())
                .isEqualTo(400);
        assertThat(cloud.post("/v3/groups", admin, "{\"group\": ").status()).isEqualTo(400);
        assertThat(cloud.post("/v3/groups", admin, "{\"group\": {\"name\": \"x\", \"domain_id\": \"nowhere\"}}")
                .status()).isEqualTo(404);
        String id = createGroup("dup-group");
        assertThat(cloud.post("/v3/groups", admin, "{\"group\": {\"name\": \"dup-group\"}}").status()).isEqualTo(409);
        createGroup("dup-other");
        assertThat(cloud.send("PATCH", "/v3/groups/" + id, admin, "{\"group\": {\"name\": \"dup-other\"}}").status())
                .isEqualTo(409);
        assertThat(cloud.send("PATCH", "/v3/groups/" + id, admin, "{\"group\": {\"domain_id\": \"x\"}}").status())
                .isEqualTo(400);
        assertThat(cloud.send("PATCH", "/v3/groups/" + id, admin, "{\"group\": {}}").status()).isEqualTo(400);
        assertThat(cloud.send("PATCH", "/v3/groups/" + id, admin, "{\"group\": {\"name\": null}}").status())
                .isEqualTo(400);
    }

    @Test
    void listFiltersByNameAndDomain() {
        createGroup("list-a");
        createGroup("list-b");
        List<String> all = cloud.get("/v3/groups", admin).json().get("groups").findValuesAsText("name");
        assertThat(all).contains("list-a", "list-b");
        assertThat(cloud.get("/v3/groups?name=list-a", admin).json().get("groups").findValuesAsText("name"))
                .containsExactly("list-a");
        assertThat(cloud.get("/v3/groups?domain_id=default&name=list-b", admin).json().get("groups")).hasSize(1);
        assertThat(cloud.get("/v3/groups?domain_id=elsewhere", admin).json().get("groups")).isEmpty();
    }

    @Test
    void membershipAddCheckListRemove() {
        String g = createGroup("members");
        String u = createUser("member-1");
        String path = "/v3/groups/" + g + "/users/" + u;
        assertThat(cloud.send("HEAD", path, admin, null).status()).isEqualTo(404);
        assertThat(cloud.send("PUT", path, admin, null).status()).isEqualTo(204);
        assertThat(cloud.send("PUT", path, admin, null).status()).isEqualTo(204); // idempotent, as Keystone
        assertThat(cloud.send("HEAD", path, admin, null).status()).isEqualTo(204);
        assertThat(cloud.get(path, admin).status()).isEqualTo(204);
        assertThat(cloud.get("/v3/groups/" + g + "/users", admin).json().get("users").findValuesAsText("id"))
                .containsExactly(u);
        assertThat(cloud.get("/v3/groups/" + g + "/users?name=member-1", admin).json().get("users")).hasSize(1);
        assertThat(cloud.get("/v3/groups/" + g + "/users?enabled=false", admin).json().get("users")).isEmpty();
        JsonNode groups = cloud.get("/v3/users/" + u + "/groups", admin).json().get("groups");
        assertThat(groups.findValuesAsText("id")).containsExactly(g);
        assertThat(groups.get(0).has("membership_expires_at")).isTrue();
        assertThat(cloud.get("/v3/users/" + u + "/groups?name=other", admin).json().get("groups")).isEmpty();

        assertThat(cloud.send("DELETE", path, admin, null).status()).isEqualTo(204);
        assertThat(cloud.send("HEAD", path, admin, null).status()).isEqualTo(404);
        TestCloud.Response r = cloud.send("DELETE", path, admin, null);
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.json().at("/error/message").asText()).contains(u).contains(g);
    }

    @Test
    void unknownGroupOrUserIs404() {
        String g = createGroup("lonely");
        String u = createUser("loner");
        TestCloud.Response r = cloud.send("PUT", "/v3/groups/nope/users/" + u, admin, null);
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.json().at("/error/message").asText()).isEqualTo("Could not find group: nope.");
        r = cloud.send("PUT", "/v3/groups/" + g + "/users/nope", admin, null);
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.json().at("/error/message").asText()).isEqualTo("Could not find user: nope.");
        assertThat(cloud.send("DELETE", "/v3/groups/" + g + "/users/nope", admin, null).status()).isEqualTo(404);
        assertThat(cloud.get("/v3/groups/nope/users", admin).status()).isEqualTo(404);
        assertThat(cloud.get("/v3/groups/nope", admin).status()).isEqualTo(404);
    }

    @Test
    void rolesThroughGroupReachTokensAndRemovalRevokes() {
        String g = createGroup("role-holders");
        String u = createUser("via-group");
        grantMember(Assignment.Type.GroupProject, g);
        assertThat(cloud.send("PUT", "/v3/groups/" + g + "/users/" + u, admin, null).status()).isEqualTo(204);
        String token = cloud.passwordToken("via-group", "pw", "admin");
        assertThat(cloud.get("/v3/users/" + u + "/projects", token).json().get("projects").findValuesAsText("id"))
                .containsExactly(adminProjectId);

        assertThat(cloud.send("DELETE", "/v3/groups/" + g + "/users/" + u, admin, null).status()).isEqualTo(204);
        assertThat(cloud.get("/v3/users/" + u, token).status()).isEqualTo(401);
    }

    @Test
    void deletingAGroupWithGrantsRevokesMembersAndPurgesGrants() {
        String g = createGroup("doomed");
        String u = createUser("doomed-member");
        grantMember(Assignment.Type.GroupProject, g);
        cloud.send("PUT", "/v3/groups/" + g + "/users/" + u, admin, null);
        String token = cloud.passwordToken("doomed-member", "pw", "admin");
        assertThat(cloud.get("/v3/users/" + u, token).status()).isEqualTo(200);

        assertThat(cloud.send("DELETE", "/v3/groups/" + g, admin, null).status()).isEqualTo(204);
        assertThat(cloud.get("/v3/users/" + u, token).status()).isEqualTo(401);
        assertThat(new SqlAssignmentStore(cloud.database().jdbi()).forActors(List.of(g))).isEmpty();
        assertThat(cloud.get("/v3/users/" + u + "/groups", admin).json().get("groups")).isEmpty();
    }

    @Test
    void memberPersonaIsForbiddenAndNoTokenIs401() {
        String g = createGroup("guarded");
        String u = createUser("plain-member");
        grantMember(Assignment.Type.UserProject, u);
        String member = cloud.passwordToken("plain-member", "pw", "admin");
        String path = "/v3/groups/" + g + "/users/" + u;
        assertThat(cloud.get("/v3/groups", member).status()).isEqualTo(403);
        assertThat(cloud.get("/v3/groups/" + g, member).status()).isEqualTo(403);
        assertThat(cloud.post("/v3/groups", member, "{\"group\": {\"name\": \"mine\"}}").status()).isEqualTo(403);
        assertThat(cloud.send("PATCH", "/v3/groups/" + g, member, "{\"group\": {\"name\": \"m\"}}").status())
                .isEqualTo(403);
        assertThat(cloud.send("DELETE", "/v3/groups/" + g, member, null).status()).isEqualTo(403);
        assertThat(cloud.get("/v3/groups/" + g + "/users", member).status()).isEqualTo(403);
        assertThat(cloud.send("PUT", path, member, null).status()).isEqualTo(403);
        assertThat(cloud.send("HEAD", path, member, null).status()).isEqualTo(403);
        assertThat(cloud.send("DELETE", path, member, null).status()).isEqualTo(403);

        assertThat(cloud.get("/v3/groups", null).status()).isEqualTo(401);
        assertThat(cloud.send("PUT", path, null, null).status()).isEqualTo(401);
        assertThat(cloud.send("HEAD", path, null, null).status()).isEqualTo(401);
    }
}
