package org.apiary.identity.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.apiary.common.Ids;
import org.apiary.common.json.Json;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our tokens opened by Keystone's own formatter (python3-keystone), and Keystone's opened by us:
 * the proof that the payload layout is Keystone's. Skipped where python3-keystone is missing;
 * bin/test installs it.
 */
class KeystoneInteropTest {
    static Path script;

    @BeforeAll
    static void needsKeystone() throws Exception {
        Process p = new ProcessBuilder("/usr/bin/python3", "-c", "import keystone.token.token_formatters")
                .redirectErrorStream(true).start();
        assumeTrue(p.waitFor() == 0, "python3-keystone is not installed");
        script = Files.createTempFile("keystone_tokens", ".py");
        try (var in = KeystoneInteropTest.class.getResourceAsStream("/keystone_tokens.py")) {
            Files.write(script, in.readAllBytes());
        }
    }

    @TempDir
    Path keys;

    private FernetTokens tokens() {
        FernetKeyRepository repo = new FernetKeyRepository(keys);
        repo.initializeIfEmpty();
        return new FernetTokens(repo);
    }

    private String primaryKey() throws IOException {
        return Files.readString(keys.resolve("1")).strip();
    }

    private static String run(String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of("/usr/bin/python3", script.toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(p.waitFor()).as(out).isZero();
        String[] lines = out.split("\n");
        return lines[lines.length - 1];
    }

    @Test
    void keystoneReadsOurProjectScopedToken() throws Exception {
        String user = Ids.hex();
        String project = Ids.hex();
        String audit = Ids.secret(16);
        Instant expires = Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        String token = tokens().seal(new TokenPayload(user, List.of("password", "token"), project, null, null, expires,
                List.of(audit), null, Instant.now()));
        JsonNode k = Json.MAPPER.readTree(run("open", primaryKey(), token));
        assertThat(k.get("version").asInt()).isEqualTo(2);
        assertThat(k.get("user_id").asText()).isEqualTo(user);
        assertThat(k.get("project_id").asText()).isEqualTo(project);
        assertThat(k.get("methods").findValuesAsText("")).isEmpty();
        assertThat(k.get("methods").toString()).contains("password", "token");
        assertThat(k.get("audit_ids").get(0).asText()).isEqualTo(audit);
        assertThat(Instant.parse(k.get("expires_at").asText())).isEqualTo(expires);
    }

    @Test
    void keystoneReadsDomainSystemAndApplicationCredentialTokens() throws Exception {
        FernetTokens t = tokens();
        Instant expires = Instant.now().plus(1, ChronoUnit.HOURS);
        String domainToken = t.seal(new TokenPayload("admin-not-a-uuid", List.of("password"), null, "default", null,
                expires, List.of(Ids.secret(16)), null, Instant.now()));
        JsonNode d = Json.MAPPER.readTree(run("open", primaryKey(), domainToken));
        assertThat(d.get("version").asInt()).isEqualTo(1);
        assertThat(d.get("domain_id").asText()).isEqualTo("default");
        assertThat(d.get("user_id").asText()).isEqualTo("admin-not-a-uuid");

        String systemToken = t.seal(new TokenPayload(Ids.hex(), List.of("password"), null, null, "all", expires,
                List.of(Ids.secret(16)), null, Instant.now()));
        assertThat(Json.MAPPER.readTree(run("open", primaryKey(), systemToken)).get("system").asText()).isEqualTo("all");

        String appCred = Ids.hex();
        String acToken = t.seal(new TokenPayload(Ids.hex(), List.of("application_credential"), Ids.hex(), null, null,
                expires, List.of(Ids.secret(16)), appCred, Instant.now()));
        JsonNode ac = Json.MAPPER.readTree(run("open", primaryKey(), acToken));
        assertThat(ac.get("version").asInt()).isEqualTo(9);
        assertThat(ac.get("app_cred_id").asText()).isEqualTo(appCred);
    }

    @Test
    void weReadKeystonesToken() throws Exception {
        String user = Ids.hex();
        String project = Ids.hex();
        FernetTokens t = tokens();
        TokenPayload p = t.open(run("seal", primaryKey(), user, project));
        assertThat(p.userId()).isEqualTo(user);
        assertThat(p.projectId()).isEqualTo(project);
        assertThat(p.methods()).containsExactly("password");
        assertThat(p.auditIds()).containsExactly("AAECAwQFBgcICQoLDA0ODw");
        assertThat(p.expiresAt()).isAfter(Instant.now());
    }
}
