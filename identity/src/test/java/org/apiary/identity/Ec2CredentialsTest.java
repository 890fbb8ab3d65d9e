package org.apiary.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.apiary.identity.CredentialsTest.Seeded;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** /v3/users/{user_id}/credentials/OS-EC2: key pairs stored as ec2 credentials, owner-only for members. */
class Ec2CredentialsTest {
    static TestCloud cloud;
    static String admin;
    static Seeded alice;
    static Seeded bob;
    static String aliceToken;
    static String bobToken;

    @BeforeAll
    static void start() throws Exception {
        cloud = new TestCloud();
        admin = cloud.adminToken();
        alice = CredentialsTest.seedMember(cloud, "ec2-alice", "ec2-alice-project");
        bob = CredentialsTest.seedMember(cloud, "ec2-bob", "ec2-bob-project");
        aliceToken = cloud.passwordToken("ec2-alice", "pw-ec2-alice", "ec2-alice-project");
        bobToken = cloud.passwordToken("ec2-bob", "pw-ec2-bob", "ec2-bob-project");
    }

    @AfterAll
    static void stop() {
        cloud.close();
    }

    static String path(String userId) {
        return "/v3/users/" + userId + "/credentials/OS-EC2";
    }

    static JsonNode create(String token, Seeded owner) {
        var r = cloud.post(path(owner.userId()), token, "{\"tenant_id\": \"" + owner.projectId() + "\"}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("credential");
    }

    static String sha256(String s) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void adminCreatesShowsListsAndDeletesAKeyPair() throws Exception {
        JsonNode c = create(admin, alice);
        String access = c.get("access").asText();
        assertThat(c.get("user_id").asText()).isEqualTo(alice.userId());
        assertThat(c.get("tenant_id").asText()).isEqualTo(alice.projectId());
        assertThat(access).hasSize(32);
        assertThat(c.get("secret").asText()).hasSize(32);
        assertThat(c.get("trust_id").isNull()).isTrue();
        assertThat(c.at("/links/self").asText()).endsWith(path(alice.userId()) + "/" + access);

        var shown = cloud.get(path(alice.userId()) + "/" + access, admin);
        assertThat(shown.status()).isEqualTo(200);
        assertThat(shown.json().at("/credential/secret").asText()).isEqualTo(c.get("secret").asText());

        var listed = cloud.get(path(alice.userId()), admin);
        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.json().get("credentials").findValuesAsText("access")).contains(access);

        // The same key pair is a regular ec2 credential whose id is the hash of the access key.
        var regular = cloud.get("/v3/credentials/" + sha256(access), admin);
        assertThat(regular.status()).isEqualTo(200);
        assertThat(regular.json().at("/credential/type").asText()).isEqualTo("ec2");
        assertThat(regular.json().at("/credential/project_id").asText()).isEqualTo(alice.projectId());
        JsonNode blob = org.apiary.common.json.Json.MAPPER.readTree(regular.json().at("/credential/blob").asText());
        assertThat(blob.get("access").asText()).isEqualTo(access);

        assertThat(cloud.send("DELETE", path(alice.userId()) + "/" + access, admin, null).status()).isEqualTo(204);
        var gone = cloud.get(path(alice.userId()) + "/" + access, admin);
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.body()).contains("Could not find credential: " + sha256(access));
        assertThat(cloud.get("/v3/credentials/" + sha256(access), admin).status()).isEqualTo(404);
    }

    @Test
    void membersManageOnlyTheirOwnKeyPairs() {
        JsonNode mine = create(aliceToken, alice);
        String access = mine.get("access").asText();
        assertThat(cloud.get(path(alice.userId()), aliceToken).json().get("credentials").findValuesAsText("access"))
                .contains(access);
        assertThat(cloud.get(path(alice.userId()) + "/" + access, aliceToken).status()).isEqualTo(200);

        assertThat(cloud.get(path(alice.userId()), bobToken).status()).isEqualTo(403);
        assertThat(cloud.post(path(alice.userId()), bobToken, "{\"tenant_id\": \"" + alice.projectId() + "\"}")
                .status()).isEqualTo(403);
        assertThat(cloud.get(path(alice.userId()) + "/" + access, bobToken).status()).isEqualTo(403);
        // Naming himself in the path does not let bob reach alice's key pair.
        assertThat(cloud.get(path(bob.userId()) + "/" + access, bobToken).status()).isEqualTo(403);
        assertThat(cloud.send("DELETE", path(bob.userId()) + "/" + access, bobToken, null).status()).isEqualTo(403);

        assertThat(cloud.send("DELETE", path(alice.userId()) + "/" + access, aliceToken, null).status())
                .isEqualTo(204);
    }

    @Test
    void anonymousCallsAreUnauthorized() {
        assertThat(cloud.get(path(alice.userId()), null).status()).isEqualTo(401);
        assertThat(cloud.post(path(alice.userId()), null, "{\"tenant_id\": \"" + alice.projectId() + "\"}").status())
                .isEqualTo(401);
        assertThat(cloud.get(path(alice.userId()) + "/abc", null).status()).isEqualTo(401);
        assertThat(cloud.send("DELETE", path(alice.userId()) + "/abc", null, null).status()).isEqualTo(401);
    }

    @Test
    void badBodiesAndUnknownIds() throws Exception {
        assertThat(cloud.post(path(alice.userId()), admin, "{\"tenant_id\": 42}").status()).isEqualTo(400);
        assertThat(cloud.post(path(alice.userId()), admin, "{\"tenant_id\": ").status()).isEqualTo(400);
        var unknownProject = cloud.post(path(alice.userId()), admin, "{\"tenant_id\": \"nope\"}");
        assertThat(unknownProject.status()).isEqualTo(404);
        assertThat(unknownProject.body()).contains("Could not find project: nope.");
        assertThat(cloud.post(path(alice.userId()), admin, "{}").status()).isEqualTo(404);
        var unknownUser = cloud.post(path("nobody"), admin, "{\"tenant_id\": \"" + alice.projectId() + "\"}");
        assertThat(unknownUser.status()).isEqualTo(404);
        assertThat(unknownUser.body()).contains("Could not find user: nobody.");
        assertThat(cloud.get(path("nobody"), admin).status()).isEqualTo(404);
        assertThat(cloud.get(path(alice.userId()) + "/missing", admin).status()).isEqualTo(404);
        assertThat(cloud.send("DELETE", path(alice.userId()) + "/missing", admin, null).status()).isEqualTo(404);
    }

    @Test
    void aNonEc2CredentialIsNotAnAccessKey() throws Exception {
        // A credential whose id happens to be the hash of some string, but of another type.
        String fakeAccess = "not-an-access-key";
        String body = "{\"credential\": {\"user_id\": \"" + alice.userId() + "\", \"type\": \"cert\", \"blob\": \"x\"}}";
        var created = cloud.post("/v3/credentials", admin, body);
        assertThat(created.status()).isEqualTo(201);
        // Ids of non-ec2 credentials are random, so reach it through the hash by storing one directly.
        var jdbi = cloud.database().jdbi();
        jdbi.useHandle(h -> h.execute("UPDATE identity_credential SET id = ? WHERE id = ?", sha256(fakeAccess),
                created.json().at("/credential/id").asText()));
        var r = cloud.get(path(alice.userId()) + "/" + fakeAccess, admin);
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.body()).contains("EC2 access key not found.");
    }
}
