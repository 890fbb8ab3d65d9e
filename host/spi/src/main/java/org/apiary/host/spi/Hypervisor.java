package org.apiary.host.spi;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One host's hypervisor, as the compute agent drives it. Guests are named by their server uuid.
 *
 * <p>Contract every driver keeps, because the agent repeats steps after a restart:
 * <ul>
 *   <li>{@link #spawn} of a uuid the hypervisor already has changes nothing and answers that guest's state;</li>
 *   <li>{@link #destroy} of a uuid it does not have is not an error;</li>
 *   <li>the other operations on a uuid it does not have throw {@link GuestNotFoundException};</li>
 *   <li>operations may block until the guest reached its new state (the agent calls them off the bus thread).</li>
 * </ul>
 *
 * <p><b>Capabilities.</b> {@link #capabilities()} answers standard Placement trait names (os-traits, e.g.
 * {@link ComputeTraits#IMAGE_TYPE_RAW}) that the agent publishes on the host's resource provider, so the
 * scheduler only sends a host requests it can serve. A driver claims a trait only when it really does the
 * thing: a claimed trait that the driver cannot honour turns into a guest in ERROR after scheduling, an
 * unclaimed one only into "no valid host". Operations outside this interface (attach interface,
 * live migration, …) come with their own traits when a driver implements them.
 */
public interface Hypervisor extends AutoCloseable {

    /** Hypervisor type as os-hypervisors shows it: {@code fake}, {@code QEMU}, {@code bhyve}. */
    String type();

    /** Version as Nova encodes it, see {@link #encodeVersion}. */
    long version();

    /**
     * True when guests are not real (the fake driver): the agent says so in its log, so nobody mistakes a
     * simulated host for one that runs guests.
     */
    default boolean simulated() {
        return false;
    }

    /** What this host offers to guests, before the operator's reservations and allocation ratios. */
    HostResources resources();

    /** Standard Placement trait names this driver really supports (see the class comment). */
    Set<String> capabilities();

    /** Creates the guest (disks, config drive, NICs) and starts it. */
    GuestInfo spawn(GuestDefinition guest);

    /** A soft reboot asks the guest (ACPI) and resets it when it does not comply; a hard one resets it. */
    GuestInfo reboot(String uuid, boolean hard);

    /** Asks the guest to shut down, waits up to {@code cleanTimeout}, then cuts its power. */
    GuestInfo powerOff(String uuid, Duration cleanTimeout);

    GuestInfo powerOn(String uuid);

    /**
     * Applies a new size (vcpus, memory, disk sizes) to an existing guest, keeping its disks (grown, never
     * shrunk). A running guest is restarted with it; a stopped one stays stopped.
     */
    GuestInfo resize(GuestDefinition guest);

    /** Replaces the guest's root disk with a fresh one from the definition's image and starts it. */
    GuestInfo rebuild(GuestDefinition guest);

    /** Stops the guest and removes it and its disks; answers whether there was one. */
    boolean destroy(String uuid);

    Optional<GuestInfo> status(String uuid);

    /** Every guest this hypervisor has, whatever its state. */
    List<GuestInfo> list();

    /** The guest's serial console log so far. */
    String consoleOutput(String uuid);

    /**
     * Where the agent's console proxy reaches a running guest's serial console: a UNIX socket only the agent's
     * user or group can open (never a TCP port). Empty when the guest is not running or the driver has no
     * console to offer.
     */
    default Optional<SerialConsole> serialConsole(String uuid) {
        return Optional.empty();
    }

    /** Whether {@link #serialConsole} can answer running guests' consoles: the agent runs its proxy only then. */
    default boolean offersSerialConsoles() {
        return false;
    }

    /**
     * Writes a copy of the guest's root disk for createImage (Nova's driver.snapshot) and answers the file;
     * {@code imageId} names it. A running guest keeps or regains its power state: QEMU pauses it for the copy,
     * bhyve (which cannot pause) shuts it down cleanly and starts it again. The caller uploads the file, then
     * calls {@link #removeSnapshot}.
     *
     * @throws UnsupportedOperationException when this driver cannot copy a guest's disk
     */
    default SnapshotFile snapshot(String uuid, String imageId) {
        throw new UnsupportedOperationException("the " + type() + " compute driver cannot snapshot servers");
    }

    /** Removes a file {@link #snapshot} wrote; a file that is gone is not an error. */
    default void removeSnapshot(SnapshotFile file) {}

    /** Releases connections the driver holds; guests keep running. */
    @Override
    default void close() {}

    /** Nova's integer encoding of a version: major * 1,000,000 + minor * 1,000 + patch. */
    static long encodeVersion(int major, int minor, int patch) {
        return major * 1_000_000L + minor * 1_000L + patch;
    }
}
