package org.apiary.privhelper.host;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import org.apiary.privhelper.protocol.ErrorCode;
import org.apiary.privhelper.protocol.HelperException;

/**
 * Resolves paths under a configured root so that neither "..", an absolute component nor a
 * symlink planted by someone else can move a write outside it.
 */
public final class PathGuard {
    private final Path root;

    public PathGuard(Path root) {
        try {
            Files.createDirectories(root);
            this.root = root.toRealPath();
        } catch (IOException e) {
            throw new HelperException(ErrorCode.INTERNAL, "state root " + root + " is unusable: " + e.getMessage());
        }
    }

    public Path root() {
        return root;
    }

    /** A directory directly under the root, created if missing; refused if it is (or resolves via) a symlink. */
    public Path directory(String name) {
        Path p = child(root, name);
        try {
            if (Files.isSymbolicLink(p)) {
                throw HelperException.invalid("refusing symlinked state directory " + name);
            }
            if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
                Files.createDirectory(p);
            }
            Path real = p.toRealPath();
            if (!real.getParent().equals(root) || !Files.isDirectory(real, LinkOption.NOFOLLOW_LINKS)) {
                throw HelperException.invalid("state directory " + name + " escapes " + root);
            }
            return real;
        } catch (IOException e) {
            throw new HelperException(ErrorCode.HOST_COMMAND_FAILED, "cannot create " + p + ": " + e.getMessage());
        }
    }

    /** A plain file name inside dir; refused if it is a symlink. */
    public static Path file(Path dir, String name) {
        Path p = child(dir, name);
        if (Files.isSymbolicLink(p)) {
            throw HelperException.invalid("refusing symlinked state file " + p.getFileName());
        }
        return p;
    }

    private static Path child(Path dir, String name) {
        if (name.isEmpty() || name.equals(".") || name.equals("..") || name.contains("/") || name.contains("\0")) {
            throw HelperException.invalid("'" + name + "' is not a plain file name");
        }
        Path p = dir.resolve(name).normalize();
        if (!p.getParent().equals(dir)) {
            throw HelperException.invalid("'" + name + "' escapes " + dir);
        }
        return p;
    }
}
