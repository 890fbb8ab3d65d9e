package org.apiary.privhelper.host;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import org.apiary.privhelper.protocol.ErrorCode;
import org.apiary.privhelper.protocol.HelperException;
import org.apiary.privhelper.protocol.Printable;

/**
 * Resolves disk paths under the configured disk root: relative paths from the root, absolute ones
 * only if they lie under it (as configured or as its real path). Every component is walked from
 * the root without following links, so neither ".." (refused by syntax already) nor a symlink
 * planted inside the tree can point a disk operation elsewhere.
 */
public final class DiskPaths {
    private final Path configured;
    private final Path root;

    public DiskPaths(Path root) {
        try {
            Files.createDirectories(root);
            this.configured = root.toAbsolutePath().normalize();
            this.root = root.toRealPath();
        } catch (IOException e) {
            throw new HelperException(ErrorCode.INTERNAL, "disk root " + root + " is unusable: " + e.getMessage());
        }
    }

    public Path root() {
        return root;
    }

    /** An existing regular file (never a link, never a directory). */
    public Path existing(String path) {
        Path p = walk(path, false);
        if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
            throw HelperException.conflict("disk " + show(path) + " does not exist");
        }
        if (!Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
            throw HelperException.invalid("disk " + show(path) + " is not a regular file");
        }
        return p;
    }

    /** A file that does not exist yet; missing parent directories are created (mode 0700). */
    public Path fresh(String path) {
        Path p = walk(path, true);
        if (Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
            throw HelperException.conflict("disk " + show(path) + " already exists");
        }
        return p;
    }

    /**
     * A file that may be replaced: missing, or an existing regular file (never a link or a
     * directory). Missing parent directories are created (mode 0700).
     */
    public Path replaceable(String path) {
        Path p = walk(path, true);
        if (Files.exists(p, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
            throw HelperException.invalid("disk " + show(path) + " exists and is not a regular file");
        }
        return p;
    }

    private Path walk(String path, boolean createParents) {
        Path rel = relative(path);
        if (rel.getNameCount() == 0 || rel.toString().isEmpty()) {
            throw HelperException.invalid("'" + show(path) + "' names the disk root itself");
        }
        Path cur = root;
        for (int i = 0; i < rel.getNameCount(); i++) {
            String c = rel.getName(i).toString();
            if (c.equals("..") || c.equals(".")) {
                throw HelperException.invalid("'" + show(path) + "' contains " + c);
            }
            cur = cur.resolve(c);
            if (Files.isSymbolicLink(cur)) {
                throw HelperException.invalid("'" + show(path) + "' goes through a symlink (" + root.relativize(cur)
                        + "); refused");
            }
            boolean last = i == rel.getNameCount() - 1;
            if (!last && !Files.isDirectory(cur, LinkOption.NOFOLLOW_LINKS)) {
                if (Files.exists(cur, LinkOption.NOFOLLOW_LINKS) || !createParents) {
                    throw HelperException.conflict("directory " + root.relativize(cur) + " does not exist");
                }
                try {
                    Files.createDirectory(cur, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                            java.nio.file.attribute.PosixFilePermissions.fromString("rwx------")));
                } catch (IOException e) {
                    throw new HelperException(ErrorCode.HOST_COMMAND_FAILED, "cannot create " + cur + ": " + e);
                }
            }
        }
        return cur;
    }

    private Path relative(String path) {
        Path p = Path.of(path);
        if (!p.isAbsolute()) {
            return p;
        }
        Path n = p.normalize();
        if (n.startsWith(configured)) {
            return configured.relativize(n);
        }
        if (n.startsWith(root)) {
            return root.relativize(n);
        }
        throw HelperException.invalid("'" + show(path) + "' is outside the disk root " + configured);
    }

    private static String show(String path) {
        return Printable.of(path, 120);
    }
}
