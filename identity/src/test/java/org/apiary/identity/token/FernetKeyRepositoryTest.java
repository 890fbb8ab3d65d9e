package org.apiary.identity.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.apiary.common.Ids;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FernetKeyRepositoryTest {
    @TempDir
    Path dir;

    private static TokenPayload payload() {
        return new TokenPayload(Ids.hex(), List.of("password"), Ids.hex(), null, null,
                Instant.now().plus(1, ChronoUnit.HOURS), List.of(Ids.secret(16)), null, Instant.now());
    }

    @Test
    void rotationKeepsOldTokensValidUntilTheirKeyIsPurged() throws Exception {
        FernetKeyRepository repo = new FernetKeyRepository(dir);
        repo.initializeIfEmpty();
        assertThat(Files.list(dir).map(p -> p.getFileName().toString()).sorted().toList()).containsExactly("0", "1");
        String staged = Files.readString(dir.resolve("0"));
        FernetTokens tokens = new FernetTokens(repo);
        String old = tokens.seal(payload());

        repo.rotate(3);
        // The staged key became primary (2); a new key is staged; 1 is now secondary.
        assertThat(Files.readString(dir.resolve("2"))).isEqualTo(staged);
        assertThat(Files.list(dir).map(p -> p.getFileName().toString()).sorted().toList())
                .containsExactly("0", "1", "2");
        tokens.reloadKeys();
        assertThat(tokens.open(old).userId()).isNotNull();

        repo.rotate(3); // with 3 active keys, key 1 is purged
        assertThat(Files.exists(dir.resolve("1"))).isFalse();
        tokens.reloadKeys();
        assertThatThrownBy(() -> tokens.open(old)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void tamperedOrForeignTokensAreRejected() {
        FernetKeyRepository repo = new FernetKeyRepository(dir);
        repo.initializeIfEmpty();
        FernetTokens tokens = new FernetTokens(repo);
        String t = tokens.seal(payload());
        String tampered = t.substring(0, 20) + (t.charAt(20) == 'A' ? 'B' : 'A') + t.substring(21);
        assertThatThrownBy(() -> tokens.open(tampered)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> tokens.open("not a token!")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> tokens.open("")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void payloadRoundTripsEveryScope() {
        FernetKeyRepository repo = new FernetKeyRepository(dir);
        repo.initializeIfEmpty();
        FernetTokens tokens = new FernetTokens(repo);
        Instant exp = Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MILLIS);
        for (TokenPayload p : List.of(
                new TokenPayload("u", List.of(), null, null, null, exp, List.of(Ids.secret(16)), null, Instant.now()),
                new TokenPayload(Ids.hex(), List.of("token", "password"), null, "default", null, exp,
                        List.of(Ids.secret(16), Ids.secret(16)), null, Instant.now()),
                new TokenPayload(Ids.hex(), List.of("password"), null, null, "all", exp, List.of(Ids.secret(16)), null,
                        Instant.now()),
                new TokenPayload(Ids.hex(), List.of("application_credential"), Ids.hex(), null, null, exp,
                        List.of(Ids.secret(16)), Ids.hex(), Instant.now()))) {
            TokenPayload back = tokens.open(tokens.seal(p));
            assertThat(back.userId()).isEqualTo(p.userId());
            assertThat(back.projectId()).isEqualTo(p.projectId());
            assertThat(back.domainId()).isEqualTo(p.domainId());
            assertThat(back.system()).isEqualTo(p.system());
            assertThat(back.appCredId()).isEqualTo(p.appCredId());
            assertThat(back.auditIds()).isEqualTo(p.auditIds());
            assertThat(back.expiresAt()).isEqualTo(exp);
            assertThat(back.methods()).containsExactlyInAnyOrderElementsOf(p.methods());
        }
    }
}
