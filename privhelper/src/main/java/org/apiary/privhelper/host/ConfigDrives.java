package org.apiary.privhelper.host;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apiary.privhelper.ops.ConfigDriveCreate;
import org.apiary.privhelper.protocol.ErrorCode;
import org.apiary.privhelper.protocol.HelperException;
import org.apiary.privhelper.protocol.Wire;

/**
 * Config drives for both platforms. The helper writes the files into a staging directory it
 * creates next to the image (mode 0700, random name starting with '.', which no disk path can
 * name), so the final rename stays on one file system and is atomic: a guest, or a retried call,
 * sees the old drive or the new one, never half of one. Layout of the staging directory:
 * {@code root/} (the tree the image is made from, 0755 directories, 0644 files) and the new image.
 * The image tool comes from the backend: genisoimage(1) on Linux, makefs(8) on FreeBSD. The
 * staging directory is removed whatever happens.
 */
public final class ConfigDrives {
    public static final Duration TIMEOUT = Duration.ofSeconds(60);

    /** The argv that writes an ISO 9660 image of {@code root} (labelled config-2) to {@code image}. */
    @FunctionalInterface
    public interface ImageTool {
        List<String> argv(Path image, Path root);
    }

    private final Exec exec;
    private final DiskPaths paths;
    private final ImageTool tool;

    public ConfigDrives(Exec exec, DiskPaths paths, ImageTool tool) {
        this.exec = exec;
        this.paths = paths;
        this.tool = tool;
    }

    public JsonNode create(ConfigDriveCreate c) {
        Path target = paths.replaceable(c.path());
        Path staging;
        try {
            staging = Files.createTempDirectory(target.getParent(), ".configdrive-");
            Files.setPosixFilePermissions(staging, PosixFilePermissions.fromString("rwx------"));
        } catch (IOException e) {
            throw failed("cannot create a staging directory next to " + target, e);
        }
        try {
            Path root = staging.resolve("root");
            directory(root);
            for (Map.Entry<String, byte[]> f : c.contents().entrySet()) {
                write(root, f.getKey(), f.getValue());
            }
            Path image = staging.resolve("config-2.iso");
            exec.must(new Command(tool.argv(image, root), null, TIMEOUT));
            if (!Files.isRegularFile(image, LinkOption.NOFOLLOW_LINKS)) {
                throw new HelperException(ErrorCode.HOST_COMMAND_FAILED, "the image tool wrote no image");
            }
            Files.setPosixFilePermissions(image, PosixFilePermissions.fromString("rw-r-----"));
            long bytes = Files.size(image);
            boolean replaced = Files.exists(target, LinkOption.NOFOLLOW_LINKS);
            Files.move(image, target, StandardCopyOption.ATOMIC_MOVE); // rename(2): replaces atomically
            return Wire.MAPPER.createObjectNode().put("changed", true).put("path", target.toString())
                    .put("bytes", bytes).put("replaced", replaced);
        } catch (IOException e) {
            throw failed("cannot build the config drive " + target, e);
        } finally {
            deleteTree(staging);
        }
    }

    /** Writes root/NAME, NAME being one of ConfigDriveCreate.FILE (plain components, no '..'). */
    private static void write(Path root, String name, byte[] content) throws IOException {
        String[] parts = name.split("/");
        Path dir = root;
        for (int i = 0; i < parts.length - 1; i++) {
            dir = dir.resolve(parts[i]);
            if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                directory(dir);
            }
        }
        Path file = dir.resolve(parts[parts.length - 1]);
        Files.write(file, content, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    }

    private static void directory(Path dir) throws IOException {
        Files.createDirectory(dir);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> all = Files.walk(dir)) { // does not follow links
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException ignored) {
            // the call's own outcome matters more; a leftover ".configdrive-*" holds only our files
        }
    }

    private static HelperException failed(String what, IOException e) {
        return new HelperException(ErrorCode.HOST_COMMAND_FAILED, what + ": " + e.getMessage());
    }
}
