import at.favre.lib.crypto.bcrypt.BCrypt;
import at.favre.lib.crypto.bcrypt.LongPasswordStrategies;
import java.util.Arrays;

/**
 * Times one bcrypt hash at a given cost, single-threaded, with the library Apiary uses
 * (at.favre bcrypt, $2b$, truncating long passwords as Apiary's Passwords class does).
 * A token issue with password auth does exactly one such hash (the verify re-hashes the
 * password with the stored salt), so nproc / (seconds per hash) is the most token issues
 * per second the machine can do at that cost.
 *
 * Run as a single-file program, no build needed:
 *   java -cp bcrypt-0.10.2.jar:bytes-1.5.0.jar bench/keystone/BcryptCost.java [COST] [N] [WARMUP] [THREADS]
 * Prints one line: {"impl":..,"cost":12,"n":8,"median_ms":..,"mean_ms":..,"min_ms":..,"max_ms":..,
 * "threads":2,"parallel_per_s":..}. The last two come from THREADS threads (default: the number
 * of CPUs) each doing N hashes at once: what the machine really sustains with every core busy,
 * which can be less than cores / one hash's time (shared caches, SMT siblings, a busy host).
 */
public class BcryptCost {
    public static void main(String[] args) {
        int cost = args.length > 0 ? Integer.parseInt(args[0]) : 12;
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        int warmup = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        int threads = args.length > 3 ? Integer.parseInt(args[3]) : Runtime.getRuntime().availableProcessors();
        BCrypt.Hasher hasher = BCrypt.with(BCrypt.Version.VERSION_2B,
                LongPasswordStrategies.truncate(BCrypt.Version.VERSION_2B));
        BCrypt.Verifyer verifyer = BCrypt.verifyer(BCrypt.Version.VERSION_2B,
                LongPasswordStrategies.truncate(BCrypt.Version.VERSION_2B));
        char[] password = "bench-password-0123456789".toCharArray();
        byte[] hash = hasher.hash(cost, password);
        // Let the JIT compile the hot loop first: a long-running server has compiled it too.
        for (int i = 0; i < warmup; i++) {
            hash = hasher.hash(cost, password);
        }
        double[] ms = new double[n];
        for (int i = 0; i < n; i++) {
            long t0 = System.nanoTime();
            // What Apiary does per password auth: verify = one hash with the stored salt.
            if (!verifyer.verify(password, hash).verified) {
                throw new IllegalStateException("bcrypt verify failed");
            }
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        double[] sorted = ms.clone();
        Arrays.sort(sorted);
        double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        double mean = Arrays.stream(ms).average().orElse(0);

        // Every core at once: THREADS platform threads, N hashes each.
        final byte[] stored = hash;
        Thread[] pool = new Thread[threads];
        long p0 = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            pool[t] = new Thread(() -> {
                for (int i = 0; i < n; i++) {
                    if (!verifyer.verify(password, stored).verified) {
                        throw new IllegalStateException("bcrypt verify failed");
                    }
                }
            });
            pool[t].start();
        }
        for (Thread t : pool) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        double parallelPerS = threads * n / ((System.nanoTime() - p0) / 1e9);

        System.out.printf(java.util.Locale.ROOT,
                "{\"impl\":\"java-at.favre-bcrypt\",\"java\":\"%s\",\"cost\":%d,\"n\":%d,"
                        + "\"median_ms\":%.2f,\"mean_ms\":%.2f,\"min_ms\":%.2f,\"max_ms\":%.2f,"
                        + "\"threads\":%d,\"parallel_per_s\":%.2f}%n",
                System.getProperty("java.version"), cost, n, median, mean, sorted[0], sorted[n - 1],
                threads, parallelPerS);
    }
}
