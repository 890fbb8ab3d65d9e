package org.apiary.privhelper.host;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import org.apiary.privhelper.protocol.ErrorCode;
import org.apiary.privhelper.protocol.HelperException;
import org.apiary.privhelper.protocol.Wire;
import org.slf4j.LoggerFactory;

/**
 * The helper's guests: each running guest is a child process of the helper; when it exits, the
 * backend's after-exit step runs (FreeBSD: bhyvectl --destroy) and then the exit status and its
 * meaning are recorded, in memory and in the guest's state directory ("exit"), for guest_status.
 * What to do about an exit (restart on reboot, …) is the compute agent's decision, not ours.
 */
public final class GuestTable {
    public static final class Guest {
        public final String name;
        public final Path dir;
        volatile GuestProcess process;
        volatile CompletableFuture<Void> exited = CompletableFuture.completedFuture(null);
        volatile Integer exitCode;
        volatile String exitMeaning;
        /** Backend data: the QMP connection on Linux, the nmdm unit on FreeBSD. */
        public volatile Object platform;

        Guest(String name, Path dir) {
            this.name = name;
            this.dir = dir;
        }

        public GuestProcess process() {
            return process;
        }
    }

    private final PathGuard guard;
    private final String group;
    private final Map<String, Guest> guests = new ConcurrentHashMap<>();

    public GuestTable(Path root, String group) {
        this.guard = new PathGuard(root);
        this.group = group;
        grant(guard.root(), "rwxr-x---");
    }

    /** bhyve(8) EXIT STATUS; a status of 128 + n is death by signal n. */
    public static String bhyveMeaning(int code) {
        return switch (code) {
            case 0 -> "reboot";
            case 1 -> "poweroff";
            case 2 -> "halt";
            case 3 -> "triple_fault";
            case 4 -> "error";
            default -> code > 128 ? "killed" : "unknown";
        };
    }

    /** The guest's entry, also for a guest known only from its state directory; null if unknown. */
    public synchronized Guest find(String name) {
        Guest g = guests.get(name);
        if (g != null) {
            return g;
        }
        Path dir = guard.root().resolve(name);
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return null;
        }
        g = new Guest(name, guard.directory(name));
        readExit(g);
        guests.put(name, g);
        return g;
    }

    public Guest require(String name) {
        Guest g = find(name);
        if (g == null) {
            throw HelperException.conflict("guest " + name + " is unknown to this helper");
        }
        return g;
    }

    /** A known guest whose process runs; a conflict otherwise (reset and console need one). */
    public Guest requireRunning(String name) {
        Guest g = require(name);
        if (!running(g)) {
            throw HelperException.conflict("guest " + name + " is not running");
        }
        return g;
    }

    /** Refuses to start a second process of one guest. */
    public void requireNotRunning(String name) {
        Guest existing = find(name);
        if (existing != null && running(existing)) {
            throw HelperException.conflict("guest " + name + " is already running (pid " + existing.process().pid()
                    + ")");
        }
    }

    /** Entry and state directory (mode 0750, agent group) for a guest about to start. */
    public synchronized Guest open(String name) {
        Guest g = find(name);
        if (g == null) {
            g = new Guest(name, guard.directory(name));
            guests.put(name, g);
        }
        grant(g.dir, "rwxr-x---");
        return g;
    }

    public boolean running(Guest g) {
        return g.process != null && !g.exited.isDone();
    }

    /** Records a started process; on exit runs afterExit, then records status and meaning. */
    public void started(Guest g, GuestProcess p, IntFunction<String> meaning, Consumer<Guest> afterExit) {
        g.process = p;
        g.exitCode = null;
        g.exitMeaning = null;
        g.exited = p.onExit().thenAccept(code -> {
            try {
                afterExit.accept(g);
            } catch (RuntimeException e) {
                LoggerFactory.getLogger(GuestTable.class).warn("after-exit step for guest {} failed: {}", g.name,
                        e.getMessage());
            }
            g.exitCode = code;
            g.exitMeaning = meaning.apply(code);
            try {
                Files.writeString(PathGuard.file(g.dir, "exit"), code + " " + g.exitMeaning + "\n");
            } catch (IOException | HelperException e) {
                LoggerFactory.getLogger(GuestTable.class).warn("cannot record exit of {}: {}", g.name, e.toString());
            }
        });
    }

    /** Waits until the guest's exit is recorded; false on timeout. */
    public boolean awaitExit(Guest g, Duration timeout) {
        try {
            g.exited.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (java.util.concurrent.TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (java.util.concurrent.ExecutionException e) {
            return true;
        }
    }

    public JsonNode status(Guest g) {
        ObjectNode n = Wire.MAPPER.createObjectNode().put("name", g.name);
        boolean running = running(g);
        n.put("running", running);
        if (running) {
            n.put("pid", g.process.pid());
        }
        if (g.exitCode != null) {
            n.put("exitCode", g.exitCode).put("exitMeaning", g.exitMeaning);
        }
        return n;
    }

    /** Every guest with an entry or a state directory, by name. */
    public List<Guest> all() {
        List<Guest> out = new ArrayList<>();
        try (var dirs = Files.list(guard.root())) {
            for (Path d : dirs.sorted().toList()) {
                String n = d.getFileName().toString();
                if (n.matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")) {
                    Guest g = find(n);
                    if (g != null) {
                        out.add(g);
                    }
                }
            }
        } catch (IOException e) {
            throw new HelperException(ErrorCode.HOST_COMMAND_FAILED, "cannot list " + guard.root() + ": " + e);
        }
        return out;
    }

    /** Removes a stopped guest's state directory (its files only; links are removed, never followed). */
    public synchronized void remove(Guest g) {
        try {
            if (Files.isDirectory(g.dir, LinkOption.NOFOLLOW_LINKS)) {
                try (var files = Files.list(g.dir)) {
                    for (Path p : files.toList()) {
                        Files.deleteIfExists(p);
                    }
                }
                Files.deleteIfExists(g.dir);
            }
        } catch (IOException e) {
            throw new HelperException(ErrorCode.HOST_COMMAND_FAILED, "cannot remove " + g.dir + ": " + e.getMessage());
        }
        guests.remove(g.name);
    }

    /** Root-owned, group = the agent group (when configured), the given mode; never through a link. */
    public void grant(Path p, String mode) {
        if (Files.isSymbolicLink(p)) {
            throw HelperException.invalid("refusing symlinked " + p.getFileName());
        }
        try {
            // Path-based, as for the helper socket: a socket cannot be opened with O_NOFOLLOW. The
            // directory is root-owned 0750, so nobody can swap the file for a link in between.
            PosixFileAttributeView view = Files.getFileAttributeView(p, PosixFileAttributeView.class);
            if (group != null) {
                view.setGroup(p.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByGroupName(group));
            }
            view.setPermissions(PosixFilePermissions.fromString(mode));
        } catch (IOException e) {
            throw new HelperException(ErrorCode.HOST_COMMAND_FAILED, "cannot set access on " + p + ": " + e);
        }
    }

    private static void readExit(Guest g) {
        try {
            String[] s = Files.readString(g.dir.resolve("exit")).strip().split(" ");
            if (s.length == 2 && s[0].matches("[0-9]{1,3}")) {
                g.exitCode = Integer.parseInt(s[0]);
                g.exitMeaning = s[1];
            }
        } catch (IOException e) {
            // never exited under this helper
        }
    }
}
