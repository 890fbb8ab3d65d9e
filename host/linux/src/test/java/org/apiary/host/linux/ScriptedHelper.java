package org.apiary.host.linux;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apiary.privhelper.client.RecordingHelper;
import org.apiary.privhelper.ops.*;
import org.apiary.privhelper.protocol.ErrorCode;
import org.apiary.privhelper.protocol.HelperException;
import org.apiary.privhelper.protocol.Wire;

/**
 * A {@link RecordingHelper} (every op goes through the real wire validation and is recorded) whose answers
 * follow the Linux backend's guest and disk semantics: a guest is known once started, until destroyed;
 * guest_stop is an ACPI request the guest obeys or not; poweroff and reset wait for the exit; disk files
 * exist between create/convert and delete, and creating an existing one is a conflict.
 */
final class ScriptedHelper {
    record Guest(boolean running, Integer exitCode, String exitMeaning) {}

    final Map<String, Guest> guests = new HashMap<>();
    final Set<String> files = new HashSet<>();
    final RecordingHelper helper = new RecordingHelper(this::answer);
    /** Whether guests shut down on guest_stop (an OS that handles the ACPI button). */
    boolean obeysAcpi = true;
    /** When set, guest_start fails like QEMU that does not come up. */
    boolean startFails;
    /** When set, guest_snapshot fails like a qemu-img that cannot read the disk. */
    boolean snapshotFails;
    /** For each guest_snapshot: whether the helper found the guest running (QEMU pauses it itself). */
    final List<Boolean> snapshotsWhileRunning = new java.util.ArrayList<>();
    Path consoleLog = Path.of("/var/lib/apiary/guests/console.log");

    /** Every op but the reads (guest_status, guest_list, host_facts), by wire name. */
    List<String> changes() {
        return helper.calls().stream().filter(op -> !(op instanceof GuestStatus || op instanceof GuestList
                || op instanceof HostFacts)).map(OpCatalog::nameOf).toList();
    }

    <T extends Op> List<T> calls(Class<T> type) {
        return helper.calls().stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** What QEMU's exit after an in-guest reboot looks like to the helper. */
    void guestRebooted(String uuid) {
        guests.put(uuid, new Guest(false, 0, "reboot"));
    }

    private JsonNode answer(Op op) {
        return switch (op) {
            case HostFacts f -> Wire.MAPPER.createObjectNode().put("os", "linux");
            case GuestStart s -> {
                Guest g = guests.get(s.spec().name());
                if (g != null && g.running()) {
                    throw HelperException.conflict("guest " + s.spec().name() + " is already running");
                }
                for (GuestDisk d : s.spec().disks()) {
                    requireFile(d.path());
                }
                if (startFails) {
                    guests.put(s.spec().name(), new Guest(false, 1, "error"));
                    throw new HelperException(ErrorCode.HOST_COMMAND_FAILED, "QEMU did not start: boom");
                }
                guests.put(s.spec().name(), new Guest(true, null, null));
                yield changed(true).put("pid", 4242);
            }
            case GuestStop s -> {
                Guest g = require(s.name());
                if (g.running() && obeysAcpi) {
                    guests.put(s.name(), new Guest(false, 0, "poweroff"));
                }
                yield changed(g.running());
            }
            case GuestPoweroff p -> {
                Guest g = require(p.name());
                if (!g.running()) {
                    yield changed(false);
                }
                guests.put(p.name(), new Guest(false, 137, "poweroff"));
                yield status(p.name());
            }
            case GuestReset r -> {
                if (!require(r.name()).running()) {
                    throw HelperException.conflict("guest " + r.name() + " is not running");
                }
                guests.put(r.name(), new Guest(false, 0, "reboot"));
                yield status(r.name());
            }
            case GuestDestroy d -> changed(guests.remove(d.name()) != null);
            case GuestStatus s -> {
                require(s.name());
                yield status(s.name());
            }
            case GuestList l -> {
                ObjectNode n = Wire.MAPPER.createObjectNode();
                var list = n.putArray("guests");
                guests.keySet().stream().sorted().forEach(name -> list.add(status(name)));
                yield n;
            }
            case ConsoleOpen c -> {
                if (!require(c.name()).running()) {
                    throw HelperException.conflict("guest " + c.name() + " is not running");
                }
                yield Wire.MAPPER.createObjectNode().put("name", c.name()).put("socket", "/x/console.sock")
                        .put("log", consoleLog.toString());
            }
            case DiskConvert c -> {
                requireFile(c.source());
                yield create(c.target());
            }
            case GuestSnapshot s -> {
                requireFile(s.disk());
                if (snapshotFails) {
                    throw new HelperException(ErrorCode.HOST_COMMAND_FAILED, "qemu-img: Could not read image");
                }
                Guest g = guests.get(s.name());
                snapshotsWhileRunning.add(g != null && g.running());
                create(s.target());
                yield changed(true).put("path", "/var/lib/apiary/disks/" + s.target()).put("format", "qcow2")
                        .put("sizeBytes", 12345);
            }
            case DiskCreate c -> create(c.path());
            case DiskResize r -> {
                requireFile(r.path());
                yield changed(true);
            }
            case DiskDelete d -> changed(files.remove(d.path().replace("/var/lib/apiary/disks/", "")));
            default -> throw new AssertionError("the QEMU driver must not call " + OpCatalog.nameOf(op));
        };
    }

    private Guest require(String name) {
        Guest g = guests.get(name);
        if (g == null) {
            throw HelperException.conflict("guest " + name + " is unknown to this helper");
        }
        return g;
    }

    private ObjectNode status(String name) {
        Guest g = guests.get(name);
        ObjectNode n = Wire.MAPPER.createObjectNode().put("name", name).put("running", g.running());
        if (g.running()) {
            n.put("pid", 4242);
        }
        if (g.exitCode() != null) {
            n.put("exitCode", g.exitCode()).put("exitMeaning", g.exitMeaning());
        }
        return n;
    }

    private ObjectNode create(String path) {
        if (!files.add(path)) {
            throw HelperException.conflict("disk " + path + " already exists");
        }
        return changed(true).put("path", path);
    }

    private void requireFile(String path) {
        if (!files.contains(path)) {
            throw HelperException.conflict("disk " + path + " does not exist");
        }
    }

    private static ObjectNode changed(boolean c) {
        return Wire.MAPPER.createObjectNode().put("changed", c);
    }
}
