package org.apiary.identity.token;

import com.macasaet.fernet.Key;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * A Keystone-compatible Fernet key repository: files named by integers, {@code 0} is the staged
 * key, the highest number is the primary key (used to encrypt), the rest are secondary keys
 * (still accepted for decryption). Rotation promotes the staged key, so every node that already
 * holds it can decrypt tokens the new primary signs.
 */
public final class FernetKeyRepository {
    private static final SecureRandom RANDOM = new SecureRandom();
    private final Path dir;

    public FernetKeyRepository(Path dir) {
        this.dir = dir;
    }

    public Path dir() {
        return dir;
    }

    /** Creates the directory with a staged and a primary key when it holds no keys yet. */
    public void initializeIfEmpty() {
        try {
            Files.createDirectories(dir);
            restrict(dir, "rwx------");
            if (read().isEmpty()) {
                write(0, Key.generateKey(RANDOM));
                write(1, Key.generateKey(RANDOM));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot initialise key repository " + dir, e);
        }
    }

    /**
     * Promotes the staged key to primary, stages a new key and removes the oldest secondary keys
     * beyond {@code maxActiveKeys} (staged + primary + secondaries), as keystone-manage does.
     */
    public void rotate(int maxActiveKeys) {
        if (maxActiveKeys < 2) {
            throw new IllegalArgumentException("max_active_keys must be at least 2");
        }
        TreeMap<Integer, Key> keys = read();
        if (keys.isEmpty()) {
            initializeIfEmpty();
            keys = read();
        }
        try {
            int next = keys.lastKey() + 1;
            Files.move(dir.resolve("0"), dir.resolve(Integer.toString(next)), StandardCopyOption.ATOMIC_MOVE);
            write(0, Key.generateKey(RANDOM));
            List<Integer> secondaries = new ArrayList<>(read().keySet());
            secondaries.removeIf(i -> i == 0 || i == next);
            int excess = secondaries.size() - (maxActiveKeys - 2);
            for (int i = 0; i < excess; i++) {
                Files.delete(dir.resolve(Integer.toString(secondaries.get(i))));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot rotate keys in " + dir, e);
        }
    }

    /** Keys for decryption, primary first; the first element is the one to encrypt with. */
    public List<Key> keys() {
        TreeMap<Integer, Key> keys = read();
        if (keys.isEmpty()) {
            throw new IllegalStateException("no Fernet keys in " + dir + " (run `apiary fernet rotate` to create them)");
        }
        List<Key> out = new ArrayList<>(keys.descendingMap().values());
        return out;
    }

    TreeMap<Integer, Key> read() {
        TreeMap<Integer, Key> keys = new TreeMap<>();
        if (!Files.isDirectory(dir)) {
            return keys;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                String name = p.getFileName().toString();
                if (name.matches("\\d+")) {
                    keys.put(Integer.parseInt(name), new Key(Files.readString(p, StandardCharsets.US_ASCII).strip()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read key repository " + dir, e);
        }
        return keys;
    }

    private void write(int index, Key key) throws IOException {
        Path tmp = dir.resolve("." + index + ".tmp");
        Files.writeString(tmp, key.serialise(), StandardCharsets.US_ASCII);
        restrict(tmp, "rw-------");
        Files.move(tmp, dir.resolve(Integer.toString(index)), StandardCopyOption.ATOMIC_MOVE);
    }

    private static void restrict(Path p, String perms) {
        try {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(perms));
        } catch (UnsupportedOperationException | IOException ignored) {
            // Non-POSIX file systems: permissions are the operator's concern there.
        }
    }
}
