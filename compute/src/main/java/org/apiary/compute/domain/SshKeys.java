package org.apiary.compute.domain;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Set;

/**
 * Key material as Nova handles it (nova/crypto.py): OpenSSH public keys are checked by decoding
 * their wire blob and fingerprinted as the colon-separated MD5 of it; X.509 certificates by the
 * SHA-1 of their DER form; generated keys are RSA-2048, the private half in traditional
 * ("BEGIN RSA PRIVATE KEY") PEM and the public half as {@code ssh-rsa ... Generated-by-Nova}.
 */
public final class SshKeys {
    private SshKeys() {}

    /** A generated key: what the API returns once and what it stores. */
    public record Generated(String privateKeyPem, String publicKey, String fingerprint) {}

    private static final Set<String> KEY_TYPES = Set.of("ssh-rsa", "ssh-dss", "ssh-ed25519",
            "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521");

    /** The fingerprint of an OpenSSH public key line, or a 400 when it is not one. */
    public static String sshFingerprint(String publicKey) {
        String[] parts = publicKey.strip().split("\\s+");
        if (parts.length < 2 || !KEY_TYPES.contains(parts[0])) {
            throw Faults.invalidKeypair("failed to generate fingerprint");
        }
        byte[] blob;
        try {
            blob = Base64.getDecoder().decode(parts[1]);
        } catch (IllegalArgumentException e) {
            throw Faults.invalidKeypair("failed to generate fingerprint");
        }
        if (!blobIsWellFormed(parts[0], blob)) {
            throw Faults.invalidKeypair("failed to generate fingerprint");
        }
        return colonHex(digest("MD5", blob));
    }

    /** The fingerprint of a PEM X.509 certificate, or a 400 when it is not one. */
    public static String x509Fingerprint(String pem) {
        try {
            X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.UTF_8)));
            return colonHex(digest("SHA-1", cert.getEncoded()));
        } catch (CertificateException | RuntimeException e) {
            throw Faults.invalidKeypair("failed to generate X509 fingerprint. Error message: " + e.getMessage());
        }
    }

    public static Generated generateRsa() {
        try {
            KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
            gen.initialize(2048);
            KeyPair kp = gen.generateKeyPair();
            RSAPublicKey pub = (RSAPublicKey) kp.getPublic();
            ByteArrayOutputStream blob = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(blob);
            writeString(out, "ssh-rsa".getBytes(StandardCharsets.US_ASCII));
            writeString(out, pub.getPublicExponent().toByteArray());
            writeString(out, pub.getModulus().toByteArray());
            String publicKey = "ssh-rsa " + Base64.getEncoder().encodeToString(blob.toByteArray()) + " Generated-by-Nova";
            String pem = "-----BEGIN RSA PRIVATE KEY-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                    .encodeToString(pkcs1(kp.getPrivate().getEncoded()))
                    + "\n-----END RSA PRIVATE KEY-----\n";
            return new Generated(pem, publicKey, colonHex(digest("MD5", blob.toByteArray())));
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("RSA key generation failed", e);
        }
    }

    /** The strings of the blob parse to the end and the first names the declared type. */
    private static boolean blobIsWellFormed(String type, byte[] blob) {
        ByteBuffer b = ByteBuffer.wrap(blob);
        int fields = 0;
        String first = null;
        while (b.hasRemaining()) {
            if (b.remaining() < 4) {
                return false;
            }
            int len = b.getInt();
            if (len < 0 || len > b.remaining()) {
                return false;
            }
            byte[] field = new byte[len];
            b.get(field);
            if (fields == 0) {
                first = new String(field, StandardCharsets.US_ASCII);
            }
            fields++;
        }
        int expected = switch (type) {
            case "ssh-rsa" -> 3;
            case "ssh-dss" -> 5;
            case "ssh-ed25519" -> 2;
            default -> 3; // ecdsa: type, curve, point
        };
        return type.equals(first) && fields == expected;
    }

    /**
     * The PKCS#1 RSAPrivateKey inside a PKCS#8 PrivateKeyInfo: SEQUENCE { INTEGER version,
     * SEQUENCE algorithm, OCTET STRING privateKey }.
     */
    static byte[] pkcs1(byte[] pkcs8) {
        int[] pos = {0};
        expectTag(pkcs8, pos, 0x30);
        readLength(pkcs8, pos);
        expectTag(pkcs8, pos, 0x02);
        skip(pkcs8, pos);
        expectTag(pkcs8, pos, 0x30);
        skip(pkcs8, pos);
        expectTag(pkcs8, pos, 0x04);
        int len = readLength(pkcs8, pos);
        return Arrays.copyOfRange(pkcs8, pos[0], pos[0] + len);
    }

    /** Skips a value whose tag was read (its length must be read before pos is advanced). */
    private static void skip(byte[] der, int[] pos) {
        int len = readLength(der, pos);
        pos[0] += len;
    }

    private static void expectTag(byte[] der, int[] pos, int tag) {
        if ((der[pos[0]++] & 0xff) != tag) {
            throw new IllegalStateException("unexpected DER tag in PKCS#8 key");
        }
    }

    private static int readLength(byte[] der, int[] pos) {
        int first = der[pos[0]++] & 0xff;
        if (first < 0x80) {
            return first;
        }
        int n = first & 0x7f;
        return new BigInteger(1, Arrays.copyOfRange(der, pos[0], pos[0] += n)).intValueExact();
    }

    private static void writeString(DataOutputStream out, byte[] bytes) throws IOException {
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static byte[] digest(String algorithm, byte[] data) {
        try {
            return MessageDigest.getInstance(algorithm).digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String colonHex(byte[] bytes) {
        return HexFormat.ofDelimiter(":").formatHex(bytes);
    }
}
