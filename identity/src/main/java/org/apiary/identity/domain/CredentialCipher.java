package org.apiary.identity.domain;

import com.macasaet.fernet.Key;
import com.macasaet.fernet.Token;
import com.macasaet.fernet.TokenValidationException;
import com.macasaet.fernet.Validator;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.temporal.TemporalAmount;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Function;
import org.apiary.common.error.ErrorKind;
import org.apiary.common.error.ServiceException;
import org.apiary.identity.token.FernetKeyRepository;

/**
 * Encrypts credential blobs at rest as Keystone's fernet credential provider does: a Fernet token
 * under the primary key of the credential key repository, plus the SHA-1 of that key so operators
 * can tell which rows still need re-encrypting after a rotation. Keys are read on each use, so a
 * rotation by {@code apiary} on this host is picked up at once.
 */
public final class CredentialCipher {
    private static final SecureRandom RANDOM = new SecureRandom();
    // Credentials do not expire; the Fernet timestamp is only informative here.
    private static final Validator<String> ANY_AGE = new Validator<>() {
        @Override
        public TemporalAmount getTimeToLive() {
            return Duration.ofDays(365L * 1000);
        }

        @Override
        public Function<byte[], String> getTransformer() {
            return b -> new String(b, StandardCharsets.UTF_8);
        }
    };

    /** An encrypted blob and the hash of the key that sealed it. */
    public record Sealed(String encryptedBlob, String keyHash) {}

    private final FernetKeyRepository keys;

    public CredentialCipher(FernetKeyRepository keys) {
        this.keys = keys;
    }

    public Sealed encrypt(String plaintext) {
        Key primary = keys.keys().get(0);
        String token = Token.generate(RANDOM, primary, plaintext.getBytes(StandardCharsets.UTF_8)).serialise();
        return new Sealed(token, keyHash(primary));
    }

    public String decrypt(String encryptedBlob) {
        List<Key> all = keys.keys();
        try {
            return Token.fromString(encryptedBlob).validateAndDecrypt(all, ANY_AGE);
        } catch (TokenValidationException | IllegalArgumentException | IllegalStateException e) {
            throw new ServiceException(ErrorKind.INTERNAL,
                    "Credential could not be decrypted. Please contact the administrator");
        }
    }

    /** Keystone's primary_key_hash: SHA-1 over the key as written in the repository (URL-safe base64). */
    static String keyHash(Key key) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            return HexFormat.of().formatHex(sha1.digest(key.serialise().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
