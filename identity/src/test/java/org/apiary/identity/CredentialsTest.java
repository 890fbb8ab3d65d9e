package org.apiary.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.apiary.common.Ids;
import org.apiary.common.json.Json;
import org.apiary.identity.domain.Assignment;
import org.apiary.identity.domain.Passwords;
import org.apiary.identity.domain.Project;
import org.apiary.identity.domain.User;
import org.apiary.identity.store.sql.SqlAssignmentStore;
import org.apiary.identity.store.sql.SqlProjectStore;
import org.apiary.identity.store.sql.SqlRoleStore;
import org.apiary.identity.store.sql.SqlUserStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** /v3/credentials: ec2 ids, encryption at rest, owner-only access for non-admins, delegated tokens. */
class CredentialsTest {
    static TestCloud cloud;
    static String admin;
    static Seeded alice;
    static Seeded bob;
    static String aliceToken;
    static String bobToken;

    /** A user with password "pw-&lt;name&gt;" and the member role on its own project. */
    record Seeded(String userId, String projectId) {}

    /** Seeds a member through the stores, so these tests do not depend on the users/projects APIs. */
    static Seeded seedMember(TestCloud cloud, String name, String projectName) {
        var jdbi = cloud.database().jdbi();
        var projects = new SqlProjectStore(jdbi);
        Project p = projects.findByName("default", projectName).orElseGet(() -> {
            Project np = new Project(Ids.hex(), projectName, "default", "default", null, true, false, Map.of(), List.of());
            projects.create(np);
            return np;
        });
        var users = new SqlUserStore(jdbi);
        User u = new User(Ids.hex(), name, "default", true, p.id(), null, null, Map.of(), Map.of());
        users.create(u);
        users.setPassword(u.id(), new Passwords(4).hash("pw-" + name), null);
        String member = new SqlRoleStore(jdbi).findByName("member", null).orElseThrow().id();
        new SqlAssignmentStore(jdbi).grant(new Assignment(Assignment.Type.UserProject, u.id(), p.id(), member, false));
        return new Seeded(u.id(), p.id());
    }

    @BeforeAll
    static void start() throws Exception {
        cloud = new TestCloud();
        admin = cloud.adminToken();
        alice = seedMember(cloud, "alice", "alice-project");
        bob = seedMember(cloud, "bob", "bob-project");
        aliceToken = cloud.passwordToken("alice", "pw-alice", "alice-project");
        bobToken = cloud.passwordToken("bob", "pw-bob", "bob-project");
    }

    @AfterAll
    static void stop() {
        cloud.close();
    }

    static String ec2(String userId, String projectId, String access) {
        String blob = Json.MAPPER.createObjectNode().put("access", access).put("secret", "s3cr3t-" + access).toString();
        return Json.MAPPER.createObjectNode().set("credential", Json.MAPPER.createObjectNode().put("user_id", userId)
                .put("project_id", projectId).put("type", "ec2").put("blob", blob)).toString();
    }

    static String other(String userId, String type, String blob) {
        return "{\"credential\": {\"user_id\": \"" + userId + "\", \"type\": \"" + type + "\", \"blob\": "
                + Json.MAPPER.valueToTree(blob) + "}}";
    }

    static String sha256(String s) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void ec2CredentialIdIsTheHashOfItsAccessKey() throws Exception {
        TestCloud.Response r = cloud.post("/v3/credentials", admin, ec2(alice.userId(), alice.projectId(), "AK1"));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        JsonNode c = r.json().get("credential");
        assertThat(c.get("id").asText()).isEqualTo(sha256("AK1"));
        assertThat(c.get("user_id").asText()).isEqualTo(alice.userId());
        assertThat(c.get("project_id").asText()).isEqualTo(alice.projectId());
        assertThat(c.get("type").asText()).isEqualTo("ec2");
        assertThat(Json.MAPPER.readTree(c.get("blob").asText()).get("secret").asText()).isEqualTo("s3cr3t-AK1");
        assertThat(c.at("/links/self").asText()).endsWith("/v3/credentials/" + sha256("AK1"));

        JsonNode got = cloud.get("/v3/credentials/" + sha256("AK1"), admin).json().get("credential");
        assertThat(got.get("blob").asText()).isEqualTo(c.get("blob").asText());
        r = cloud.post("/v3/credentials", admin, ec2(alice.userId(), alice.projectId(), "AK1"));
        assertThat(r.status()).isEqualTo(409);
    }

    @Test
    void blobsAreEncryptedAtRest() {
        String id = cloud.post("/v3/credentials", admin, other(alice.userId(), "totp", "PLAINSEED"))
                .json().at("/credential/id").asText();
        Map<String, Object> row = cloud.database().jdbi().withHandle(h -> h.createQuery(
                "SELECT encrypted_blob, key_hash FROM identity_credential WHERE id = :id").bind("id", id).mapToMap().one());
        assertThat(row.get("encrypted_blob").toString()).startsWith("gAAAAA").doesNotContain("PLAINSEED");
        assertThat(row.get("key_hash").toString()).matches("[0-9a-f]{40}");
        assertThat(cloud.get("/v3/credentials/" + id, admin).json().at("/credential/blob").asText()).isEqualTo("PLAINSEED");
    }

    @Test
    void listFiltersByUserAndType() {
        cloud.post("/v3/credentials", admin, other(bob.userId(), "cert", "bob-cert"));
        cloud.post("/v3/credentials", admin, ec2(bob.userId(), bob.projectId(), "BOBAK"));
        JsonNode all = cloud.get("/v3/credentials?user_id=" + bob.userId(), admin).json().get("credentials");
        assertThat(all.findValuesAsText("type")).containsExactlyInAnyOrder("cert", "ec2");
        JsonNode certs = cloud.get("/v3/credentials?user_id=" + bob.userId() + "&type=cert", admin).json()
                .get("credentials");
        assertThat(certs.findValuesAsText("blob")).containsExactly("bob-cert");
        assertThat(certs.get(0).get("project_id").isNull()).isTrue();
    }

    @Test
    void validationIs400() {
        for (String bad : List.of("{}", "{\"credential\": {}}", "{\"credential\": {\"type\": \"x\", \"blob\": \"b\"}}",
                "{\"credential\": {\"user_id\": \"u\", \"blob\": \"b\"}}",
                "{\"credential\": {\"user_id\": \"u\", \"type\": \"x\"}}",
                "{\"credential\": {\"user_id\": \"u\", \"type\": \"x\", \"blob\": {\"a\": 1}}}",
                "{\"credential\": {\"user_id\": \"u\", \"type\": 1, \"blob\": \"b\"}}",
                "{\"credential\": {\"user_id\": \"u\", \"type\": \"x\", \"blob\": \"b\", \"project_id\": null}}",
                "{\"credential\": {\"user_id\": \"u\", \"type\": \"ec2\", \"blob\": \"{\\\"access\\\": \\\"a\\\"}\"}}",
                "{\"credential\": {\"user_id\": \"u\", \"type\": \"ec2\", \"project_id\": \"p\", \"blob\": \"not json\"}}",
                "{\"credential\": {\"user_id\": \"u\", \"type\": \"ec2\", \"project_id\": \"p\", \"blob\": \"[]\"}}",
                "{\"credential\": {\"user_id\": \"u\", \"type\": \"ec2\", \"project_id\": \"p\", \"blob\": \"{\\\"secret\\\": 1}\"}}",
                "{\"credential\": [1]}", "{\"credential\": ")) {
            TestCloud.Response r = cloud.post("/v3/credentials", admin, bad);
            assertThat(r.status()).as(bad + " -> " + r.body()).isEqualTo(400);
        }
        TestCloud.Response r = cloud.post("/v3/credentials", admin,
                "{\"credential\": {\"user_id\": \"u\", \"type\": \"ec2\", \"blob\": \"{}\"}}");
        assertThat(r.json().at("/error/message").asText()).isEqualTo("EC2 credentials require a project_id");
    }

    @Test
    void updateChangesBlobAndProjectButNotScopeKeys() throws Exception {
        String id = cloud.post("/v3/credentials", admin, ec2(alice.userId(), alice.projectId(), "UPD"))
                .json().at("/credential/id").asText();
        String newBlob = "{\"access\": \"UPD2\", \"secret\": \"new\"}";
        TestCloud.Response r = cloud.send("PATCH", "/v3/credentials/" + id, admin, "{\"credential\": {\"blob\": "
                + Json.MAPPER.valueToTree(newBlob) + ", \"project_id\": \"" + bob.projectId() + "\", \"type\": \"ec2\"}}");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().at("/credential/id").asText()).isEqualTo(id);
        assertThat(r.json().at("/credential/project_id").asText()).isEqualTo(bob.projectId());
        JsonNode got = cloud.get("/v3/credentials/" + id, admin).json().get("credential");
        assertThat(Json.MAPPER.readTree(got.get("blob").asText()).get("secret").asText()).isEqualTo("new");

        String scoped = "{\"access\": \"UPD2\", \"app_cred_id\": \"sneaky\"}";
        r = cloud.send("PATCH", "/v3/credentials/" + id, admin, "{\"credential\": {\"blob\": "
                + Json.MAPPER.valueToTree(scoped) + "}}");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().at("/error/message").asText()).isEqualTo("app_cred_id can not be updated for credential");
        assertThat(cloud.send("PATCH", "/v3/credentials/" + id, admin, "{\"credential\": {}}").status()).isEqualTo(400);
        assertThat(cloud.send("PATCH", "/v3/credentials/" + id, admin, "{\"credential\": {\"id\": \"x\"}}").status())
                .isEqualTo(400);
        assertThat(cloud.send("PATCH", "/v3/credentials/" + id, admin, "{\"credential\": {\"type\": 5}}").status())
                .isEqualTo(400);

        String plain = cloud.post("/v3/credentials", admin, other(alice.userId(), "cert", "c"))
                .json().at("/credential/id").asText();
        r = cloud.send("PATCH", "/v3/credentials/" + plain, admin, "{\"credential\": {\"type\": \"ec2\"}}");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().at("/error/message").asText()).startsWith("Expecting to find project_id in credential.");
        assertThat(cloud.send("PATCH", "/v3/credentials/nope", admin, "{\"credential\": {\"type\": \"x\"}}").status())
                .isEqualTo(404);
    }

    @Test
    void deleteRemovesTheCredential() {
        String id = cloud.post("/v3/credentials", admin, other(alice.userId(), "cert", "gone"))
                .json().at("/credential/id").asText();
        assertThat(cloud.send("DELETE", "/v3/credentials/" + id, admin, null).status()).isEqualTo(204);
        TestCloud.Response r = cloud.get("/v3/credentials/" + id, admin);
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.json().at("/error/message").asText()).isEqualTo("Could not find credential: " + id + ".");
        assertThat(cloud.send("DELETE", "/v3/credentials/" + id, admin, null).status()).isEqualTo(404);
    }

    @Test
    void membersOnlyReachTheirOwnCredentials() {
        TestCloud.Response r = cloud.post("/v3/credentials", aliceToken, other(alice.userId(), "cert", "mine"));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        String mine = r.json().at("/credential/id").asText();
        String bobs = cloud.post("/v3/credentials", admin, other(bob.userId(), "cert", "bobs"))
                .json().at("/credential/id").asText();

        assertThat(cloud.post("/v3/credentials", aliceToken, other(bob.userId(), "cert", "x")).status()).isEqualTo(403);
        JsonNode listed = cloud.get("/v3/credentials", aliceToken).json().get("credentials");
        assertThat(listed.findValuesAsText("user_id")).isNotEmpty().allMatch(u -> u.equals(alice.userId()));
        assertThat(listed.findValuesAsText("id")).contains(mine).doesNotContain(bobs);
        assertThat(cloud.get("/v3/credentials?user_id=" + bob.userId(), aliceToken).json().get("credentials")).isEmpty();

        assertThat(cloud.get("/v3/credentials/" + mine, aliceToken).status()).isEqualTo(200);
        assertThat(cloud.get("/v3/credentials/" + bobs, aliceToken).status()).isEqualTo(403);
        assertThat(cloud.get("/v3/credentials/nope", aliceToken).status()).isEqualTo(403);
        assertThat(cloud.send("DELETE", "/v3/credentials/" + bobs, aliceToken, null).status()).isEqualTo(403);
        assertThat(cloud.send("PATCH", "/v3/credentials/" + bobs, aliceToken, "{\"credential\": {\"blob\": \"x\"}}")
                .status()).isEqualTo(403);
        // Handing one's credential to someone else needs the right over the new owner too.
        assertThat(cloud.send("PATCH", "/v3/credentials/" + mine, aliceToken, "{\"credential\": {\"user_id\": \""
                + bob.userId() + "\"}}").status()).isEqualTo(403);
        assertThat(cloud.send("PATCH", "/v3/credentials/" + mine, aliceToken, "{\"credential\": {\"blob\": \"mine2\"}}")
                .status()).isEqualTo(200);
        assertThat(cloud.send("DELETE", "/v3/credentials/" + mine, aliceToken, null).status()).isEqualTo(204);

        assertThat(cloud.get("/v3/credentials", null).status()).isEqualTo(401);
        assertThat(cloud.post("/v3/credentials", null, other(alice.userId(), "cert", "x")).status()).isEqualTo(401);
        assertThat(cloud.get("/v3/credentials", bobToken).json().get("credentials").findValuesAsText("user_id"))
                .allMatch(u -> u.equals(bob.userId()));
    }

    @Test
    void applicationCredentialTokensStayInTheirProject() {
        TestCloud.Response r = cloud.post("/v3/users/" + alice.userId() + "/application_credentials", aliceToken,
                "{\"application_credential\": {\"name\": \"cred-scope\"}}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        String token = ApplicationCredentialsTest.appCredToken(cloud, r.json().at("/application_credential/id").asText(),
                r.json().at("/application_credential/secret").asText());

        r = cloud.post("/v3/credentials", token, ec2(alice.userId(), alice.projectId(), "FROMAPP"));
        assertThat(r.status()).isEqualTo(403); // restricted application credential

        String outside = cloud.post("/v3/credentials", admin, other(alice.userId(), "cert", "no-project"))
                .json().at("/credential/id").asText();
        r = cloud.post("/v3/credentials", token, "{\"credential\": {\"user_id\": \"" + alice.userId()
                + "\", \"type\": \"cert\", \"blob\": \"in\", \"project_id\": \"" + alice.projectId() + "\"}}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        String inside = r.json().at("/credential/id").asText();
        assertThat(cloud.post("/v3/credentials", token, "{\"credential\": {\"user_id\": \"" + alice.userId()
                + "\", \"type\": \"cert\", \"blob\": \"out\", \"project_id\": \"" + bob.projectId() + "\"}}").status())
                .isEqualTo(403);
        assertThat(cloud.get("/v3/credentials/" + outside, token).status()).isEqualTo(403);
        JsonNode listed = cloud.get("/v3/credentials", token).json().get("credentials");
        assertThat(listed.findValuesAsText("id")).contains(inside).doesNotContain(outside);
    }

    @Test
    void ec2CredentialsFromAnUnrestrictedApplicationCredentialRecordIt() throws Exception {
        TestCloud.Response r = cloud.post("/v3/users/" + alice.userId() + "/application_credentials", aliceToken,
                "{\"application_credential\": {\"name\": \"cred-free\", \"unrestricted\": true}}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        String appCredId = r.json().at("/application_credential/id").asText();
        String token = ApplicationCredentialsTest.appCredToken(cloud, appCredId,
                r.json().at("/application_credential/secret").asText());
        r = cloud.post("/v3/credentials", token, ec2(alice.userId(), alice.projectId(), "FREEAK"));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        JsonNode blob = Json.MAPPER.readTree(r.json().at("/credential/blob").asText());
        assertThat(blob.get("app_cred_id").asText()).isEqualTo(appCredId);
        assertThat(r.json().at("/credential/id").asText()).isEqualTo(sha256("FREEAK"));
    }
}
