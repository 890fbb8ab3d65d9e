package org.apiary.host.fake;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.Deque;
import org.apiary.host.spi.GuestDefinition;
import org.apiary.host.spi.GuestInfo;
import org.apiary.host.spi.GuestState;

/** One simulated guest: its definition, power state and the console lines the driver wrote for it. */
final class FakeGuest {
    /** Console lines kept per guest; older ones are dropped, as a rotating console log would. */
    static final int CONSOLE_LINES = 500;

    private final Clock clock;
    private final Deque<String> console = new ArrayDeque<>();
    private GuestDefinition definition;
    private GuestState state;
    private String detail;
    private int rootDiskGb;

    FakeGuest(GuestDefinition definition, Clock clock) {
        this.definition = definition;
        this.clock = clock;
        this.state = GuestState.NOSTATE;
        this.detail = "spawning";
        this.rootDiskGb = definition.rootGb();
    }

    synchronized GuestInfo info() {
        return new GuestInfo(definition.uuid(), state, detail);
    }

    synchronized GuestState state() {
        return state;
    }

    synchronized GuestDefinition definition() {
        return definition;
    }

    synchronized int rootDiskGb() {
        return rootDiskGb;
    }

    /** Marks an operation in flight (shown as the status detail until it ends). */
    synchronized void busy(String what) {
        detail = what;
    }

    synchronized GuestInfo set(GuestState newState, String consoleLine) {
        state = newState;
        detail = newState == GuestState.CRASHED ? consoleLine : null;
        log(consoleLine);
        return info();
    }

    /** New flavor; the root disk only grows, as a real driver can't shrink a disk under a file system. */
    synchronized GuestInfo resize(GuestDefinition next) {
        definition = next;
        rootDiskGb = Math.max(rootDiskGb, next.rootGb());
        detail = null;
        String size = next.vcpus() + " vcpus, " + next.memoryMb() + " MiB, root disk " + rootDiskGb + " GiB";
        log(state == GuestState.RUNNING ? "guest restarted with " + size : "guest resized to " + size + " (stays off)");
        return info();
    }

    synchronized GuestInfo rebuild(GuestDefinition next) {
        definition = next;
        rootDiskGb = next.rootGb();
        return set(GuestState.RUNNING, "guest rebuilt from image " + next.imageId() + " and started");
    }

    synchronized String consoleLog() {
        return console.isEmpty() ? "" : String.join("\n", console) + "\n";
    }

    synchronized void log(String line) {
        console.addLast(Instant.now(clock).truncatedTo(ChronoUnit.MILLIS) + " apiary-fake: " + line);
        while (console.size() > CONSOLE_LINES) {
            console.removeFirst();
        }
    }
}
