package org.apiary.placement.store.sql;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Surrogate keys for Placement rows: the creation time in the high bits, so lists ordered by key
 * come out in creation order (as upstream's auto-increment ids do), plus a random part so that
 * several controllers sharing a database practically never collide. A collision is a unique
 * violation, which the transaction helper turns into a retry.
 */
final class Ids {
    private static long last;

    private Ids() {}

    static synchronized long next() {
        long candidate = (System.currentTimeMillis() << 20) | ThreadLocalRandom.current().nextLong(1 << 16);
        last = Math.max(last + 1, candidate);
        return last;
    }

    static long now() {
        return System.currentTimeMillis();
    }
}
