package org.apiary.identity.token;

import com.macasaet.fernet.Key;
import com.macasaet.fernet.Token;
import com.macasaet.fernet.TokenValidationException;
import com.macasaet.fernet.Validator;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.TemporalAmount;
import java.util.List;
import java.util.function.Function;

/**
 * Seals and opens token payloads with the key repository, in Keystone's wire form: a Fernet
 * token with its base64 padding stripped.
 */
public final class FernetTokens {
    private static final SecureRandom RANDOM = new SecureRandom();
    // Expiry is enforced from the payload; the Fernet TTL only has to be longer than any token.
    private static final Validator<byte[]> OPEN = new Validator<>() {
        @Override
        public TemporalAmount getTimeToLive() {
            return Duration.ofDays(36500);
        }

        @Override
        public Function<byte[], byte[]> getTransformer() {
            return b -> b;
        }
    };

    private final FernetKeyRepository repository;
    private volatile List<Key> keys;

    public FernetTokens(FernetKeyRepository repository) {
        this.repository = repository;
        reloadKeys();
    }

    /** Re-reads the key repository (after a rotation by another process). */
    public void reloadKeys() {
        keys = repository.keys();
    }

    public String seal(TokenPayload payload) {
        String s = Token.generate(RANDOM, keys.get(0), PayloadCodec.encode(payload)).serialise();
        int end = s.length();
        while (end > 0 && s.charAt(end - 1) == '=') {
            end--;
        }
        return s.substring(0, end);
    }

    /** Opens a token; IllegalArgumentException when it is not one of ours or is malformed. */
    public TokenPayload open(String token) {
        if (token.length() > 8192 || !token.matches("[A-Za-z0-9_\\-]+=*")) {
            throw new IllegalArgumentException("not a Fernet token");
        }
        String padded = token + "=".repeat((4 - token.length() % 4) % 4);
        try {
            Token t = Token.fromString(padded);
            byte[] payload;
            try {
                payload = t.validateAndDecrypt(keys, OPEN);
            } catch (TokenValidationException first) {
                reloadKeys(); // another node may have rotated keys since we loaded them
                payload = t.validateAndDecrypt(keys, OPEN);
            }
            return PayloadCodec.decode(payload, t.getTimestamp());
        } catch (TokenValidationException | IllegalStateException e) {
            throw new IllegalArgumentException("Could not recognize Fernet token", e);
        }
    }

    public static Instant now() {
        return Instant.now();
    }
}
