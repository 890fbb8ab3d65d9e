package org.apiary.compute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.apiary.common.error.ServiceException;
import org.apiary.compute.domain.SshKeys;
import org.junit.jupiter.api.Test;

/** Generated keys are well-formed PKCS#1 whose modulus is the public key's; fingerprints refuse junk. */
class SshKeysTest {
    @Test
    void generatedPrivateKeyIsPkcs1MatchingThePublicKey() {
        SshKeys.Generated g = SshKeys.generateRsa();
        String b64 = g.privateKeyPem().replace("-----BEGIN RSA PRIVATE KEY-----", "")
                .replace("-----END RSA PRIVATE KEY-----", "").replaceAll("\\s", "");
        List<BigInteger> ints = derSequenceOfIntegers(Base64.getDecoder().decode(b64));
        assertThat(ints).hasSize(9); // version, n, e, d, p, q, dp, dq, qinv
        assertThat(ints.get(0)).isEqualTo(BigInteger.ZERO);
        assertThat(ints.get(1)).isEqualTo(ints.get(4).multiply(ints.get(5))); // n = p·q
        assertThat(ints.get(1).bitLength()).isEqualTo(2048);
        ByteBuffer blob = ByteBuffer.wrap(Base64.getDecoder().decode(g.publicKey().split(" ")[1]));
        assertThat(new String(field(blob))).isEqualTo("ssh-rsa");
        assertThat(new BigInteger(field(blob))).isEqualTo(ints.get(2));
        assertThat(new BigInteger(field(blob))).isEqualTo(ints.get(1));
        assertThat(SshKeys.sshFingerprint(g.publicKey())).isEqualTo(g.fingerprint());
    }

    @Test
    void malformedKeysAreA400() {
        for (String bad : new String[] {"", "ssh-rsa", "ssh-rsa !!!", "ssh-foo AAAA", "ssh-rsa AAAAB3NzaC1yc2EAAAAD",
                "ssh-ed25519 AAAAC3NzaC1yc2EAAAAD"}) {
            assertThatThrownBy(() -> SshKeys.sshFingerprint(bad)).isInstanceOf(ServiceException.class)
                    .extracting(e -> ((ServiceException) e).status()).isEqualTo(400);
        }
        assertThatThrownBy(() -> SshKeys.x509Fingerprint("-----BEGIN CERTIFICATE-----\nAAAA\n"))
                .isInstanceOf(ServiceException.class);
    }

    private static byte[] field(ByteBuffer b) {
        byte[] f = new byte[b.getInt()];
        b.get(f);
        return f;
    }

    /** A minimal DER reader: SEQUENCE { INTEGER* }. */
    private static List<BigInteger> derSequenceOfIntegers(byte[] der) {
        int[] pos = {0};
        assertThat(der[pos[0]++]).isEqualTo((byte) 0x30);
        int end = length(der, pos) + pos[0];
        assertThat(end).isEqualTo(der.length);
        List<BigInteger> out = new ArrayList<>();
        while (pos[0] < end) {
            assertThat(der[pos[0]++]).isEqualTo((byte) 0x02);
            int len = length(der, pos);
            byte[] v = new byte[len];
            System.arraycopy(der, pos[0], v, 0, len);
            pos[0] += len;
            out.add(new BigInteger(v));
        }
        return out;
    }

    private static int length(byte[] der, int[] pos) {
        int first = der[pos[0]++] & 0xff;
        if (first < 0x80) {
            return first;
        }
        int n = first & 0x7f;
        int len = 0;
        for (int i = 0; i < n; i++) {
            len = (len << 8) | (der[pos[0]++] & 0xff);
        }
        return len;
    }
}
