package org.apiary.common;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.UUID;

/** Identifier helpers in the forms OpenStack services use. */
public final class Ids {
    private static final SecureRandom RANDOM = new SecureRandom();

    private Ids() {}

    /** Keystone-style id: a random UUID as 32 lowercase hex characters. */
    public static String hex() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    /** Dashed UUID, as Nova, Neutron, Glance and Placement use. */
    public static String uuid() {
        return UUID.randomUUID().toString();
    }

    /** Request id in the form every OpenStack service returns. */
    public static String requestId() {
        return "req-" + UUID.randomUUID();
    }

    /** Random URL-safe secret of {@code bytes} bytes, without padding. */
    public static String secret(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
