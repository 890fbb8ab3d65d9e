package org.apiary.identity.domain;

import at.favre.lib.crypto.bcrypt.BCrypt;
import at.favre.lib.crypto.bcrypt.LongPasswordStrategies;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * bcrypt hashing in the {@code $2b$} form Keystone writes, so hashes move between the two.
 * Passwords longer than bcrypt's 72 bytes are truncated, which is what bcrypt itself (and so
 * Keystone) does.
 *
 * <p>Hashing runs on one platform thread per core with a first-come queue: virtual threads are
 * never preempted, so CPU-bound hashes on the shared carriers would starve request handling and
 * finish in a random order (multi-second tails under load); a FIFO pool keeps every core busy and
 * serves logins in arrival order.
 */
public final class Passwords {
    private static final ExecutorService HASHING = Executors.newFixedThreadPool(
            Runtime.getRuntime().availableProcessors(), r -> {
                Thread t = new Thread(r, "bcrypt");
                t.setDaemon(true);
                return t;
            });

    private final int cost;
    private final BCrypt.Hasher hasher;
    private final BCrypt.Verifyer verifyer;

    public Passwords(int cost) {
        if (cost < 4 || cost > 31) {
            throw new IllegalArgumentException("bcrypt cost must be between 4 and 31");
        }
        this.cost = cost;
        this.hasher = BCrypt.with(BCrypt.Version.VERSION_2B, LongPasswordStrategies.truncate(BCrypt.Version.VERSION_2B));
        this.verifyer = BCrypt.verifyer(BCrypt.Version.VERSION_2B, LongPasswordStrategies.truncate(BCrypt.Version.VERSION_2B));
    }

    public String hash(String password) {
        return onHashingPool(() -> hasher.hashToString(cost, password.toCharArray()));
    }

    public boolean verify(String password, String hash) {
        if (password == null || hash == null) {
            return false;
        }
        return onHashingPool(() -> verifyer.verify(password.getBytes(StandardCharsets.UTF_8),
                hash.getBytes(StandardCharsets.UTF_8)).verified);
    }

    private static <T> T onHashingPool(Callable<T> work) {
        try {
            return HASHING.submit(work).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while hashing", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    public int cost() {
        return cost;
    }
}
