package org.apiary.compute;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** Keypairs: import, generation until 2.91, type (2.2), user_id (2.10), paging (2.35). */
class KeypairsTest extends ComputeTestBase {
    /** A real ed25519 public key (generated with ssh-keygen for this test). */
    static final String ED25519 = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBtpg1BnvNEJnhk9ukQoR9bQro8PWjPFKATOmbp0lhRG test@apiary";

    @Test
    void importComputesNovasFingerprint() throws Exception {
        JsonNode k = expect(cloud.send("POST", "/os-keypairs", "2.2", "{\"keypair\": {\"name\": \"imported\", "
                + "\"public_key\": \"" + ED25519 + "\"}}"), 201).json().get("keypair");
        byte[] blob = Base64.getDecoder().decode(ED25519.split(" ")[1]);
        String md5 = HexFormat.ofDelimiter(":").formatHex(MessageDigest.getInstance("MD5").digest(blob));
        assertThat(k.get("fingerprint").asText()).isEqualTo(md5);
        assertThat(k.get("type").asText()).isEqualTo("ssh");
        assertThat(k.has("private_key")).isFalse();
        JsonNode shown = expect(cloud.get("/os-keypairs/imported", null), 200).json().get("keypair");
        assertThat(shown.get("public_key").asText()).isEqualTo(ED25519);
        assertThat(shown.get("deleted").asBoolean()).isFalse();
        assertThat(shown.get("created_at").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}");
        expectError(cloud.send("POST", "/os-keypairs", null, "{\"keypair\": {\"name\": \"imported\", \"public_key\": \""
                + ED25519 + "\"}}"), 409, "conflictingRequest");
        expectError(cloud.send("POST", "/os-keypairs", null, "{\"keypair\": {\"name\": \"junk\", \"public_key\": "
                + "\"ssh-rsa bm90IGEga2V5\"}}"), 400, "badRequest");
        expect(cloud.send("DELETE", "/os-keypairs/imported", null, null), 204);
        expectError(cloud.get("/os-keypairs/imported", null), 404, "itemNotFound");
    }

    @Test
    void generationUntil291AndImportOnlyFrom292() {
        JsonNode k = expect(cloud.send("POST", "/os-keypairs", "2.91", "{\"keypair\": {\"name\": \"generated\"}}"),
                201).json().get("keypair");
        assertThat(k.get("private_key").asText()).startsWith("-----BEGIN RSA PRIVATE KEY-----");
        assertThat(k.get("public_key").asText()).startsWith("ssh-rsa ").endsWith(" Generated-by-Nova");
        assertThat(k.get("fingerprint").asText()).matches("([0-9a-f]{2}:){15}[0-9a-f]{2}");
        expectError(cloud.send("POST", "/os-keypairs", "2.92", "{\"keypair\": {\"name\": \"gen2\"}}"), 400,
                "badRequest");
        // 2.92 allows '@' and '.' in names; earlier versions do not.
        expectError(cloud.send("POST", "/os-keypairs", "2.91", "{\"keypair\": {\"name\": \"a@b.c\", \"public_key\": \""
                + ED25519 + "\"}}"), 400, "badRequest");
        expect(cloud.send("POST", "/os-keypairs", "2.92", "{\"keypair\": {\"name\": \"a@b.c\", \"public_key\": \""
                + ED25519 + "\"}}"), 201);
        // 2.1 answers 200 and has no type; 2.2 refuses an unknown type.
        JsonNode old = expect(cloud.send("POST", "/os-keypairs", "2.1", "{\"keypair\": {\"name\": \"old\"}}"), 200)
                .json().get("keypair");
        assertThat(old.has("type")).isFalse();
        expectError(cloud.send("POST", "/os-keypairs", "2.1", "{\"keypair\": {\"name\": \"t\", \"type\": \"ssh\"}}"),
                400, "badRequest");
        expectError(cloud.send("POST", "/os-keypairs", "2.2", "{\"keypair\": {\"name\": \"t\", \"type\": \"gpg\"}}"),
                400, "badRequest");
        expect(cloud.send("DELETE", "/os-keypairs/old", "2.1", null), 202);
    }

    @Test
    void userIdFrom210IsForAdminsOnly() {
        String member = memberOf("kp-member", "kp-project");
        String memberId = cloud.call(cloud.identityUrl, "GET", "/v3/users?name=kp-member", cloud.adminToken(), null)
                .json().at("/users/0/id").asText();
        expect(cloud.send("POST", "/os-keypairs", "2.10", "{\"keypair\": {\"name\": \"forhim\", \"user_id\": \""
                + memberId + "\", \"public_key\": \"" + ED25519 + "\"}}"), 201);
        assertThat(expect(cloud.as(member, "GET", "/os-keypairs", "2.10", null), 200).json()
                .findValuesAsText("name")).containsExactly("forhim");
        expect(cloud.get("/os-keypairs/forhim?user_id=" + memberId, "2.10"), 200);
        expectError(cloud.as(member, "GET", "/os-keypairs?user_id=someone-else", "2.10", null), 403, "forbidden");
        expectError(cloud.as(member, "POST", "/os-keypairs", "2.10", "{\"keypair\": {\"name\": \"x\", \"user_id\": "
                + "\"someone-else\", \"public_key\": \"" + ED25519 + "\"}}"), 403, "forbidden");
        expectError(cloud.send("POST", "/os-keypairs", "2.9", "{\"keypair\": {\"name\": \"x\", \"user_id\": \"u\"}}"),
                400, "badRequest");
    }

    @Test
    void pagingFrom235() {
        String member = memberOf("kp-pager", "kp-pager-project");
        for (String n : new String[] {"k1", "k2", "k3"}) {
            expect(cloud.as(member, "POST", "/os-keypairs", null, "{\"keypair\": {\"name\": \"" + n
                    + "\", \"public_key\": \"" + ED25519 + "\"}}"), 201);
        }
        JsonNode page = expect(cloud.as(member, "GET", "/os-keypairs?limit=2", "2.35", null), 200).json();
        assertThat(page.get("keypairs").findValuesAsText("name")).containsExactly("k1", "k2");
        assertThat(page.at("/keypairs_links/0/href").asText()).contains("marker=k2");
        assertThat(expect(cloud.as(member, "GET", "/os-keypairs?limit=2&marker=k2", "2.35", null), 200).json()
                .get("keypairs").findValuesAsText("name")).containsExactly("k3");
        expectError(cloud.as(member, "GET", "/os-keypairs?marker=nope", "2.35", null), 400, "badRequest");
        // Before 2.35 limit is ignored.
        assertThat(expect(cloud.as(member, "GET", "/os-keypairs?limit=1", "2.34", null), 200).json().get("keypairs")
                .size()).isEqualTo(3);
    }
}
