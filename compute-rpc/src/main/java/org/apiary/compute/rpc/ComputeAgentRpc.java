package org.apiary.compute.rpc;

import java.util.List;

/**
 * What the conductor asks of one host's compute agent (bus topic {@link #topic(String)}).
 * Every operation is idempotent, because the conductor repeats a step after a restart: spawning
 * a guest that already runs with that uuid, destroying one that is gone, or powering off one
 * that is off just answer its present status. {@link #snapshot} is the one cast: it reports back on its own.
 */
public interface ComputeAgentRpc {
    String TOPIC_PREFIX = "apiary.compute.host.";

    static String topic(String host) {
        return TOPIC_PREFIX + host;
    }

    /** Creates the guest's disks and starts it. */
    GuestStatus spawn(GuestSpec spec);

    /** Soft (ACPI, falling back to hard after the agent's timeout) or hard reset. */
    GuestStatus reboot(String uuid, boolean hard);

    /** Clean shutdown within {@code timeoutSeconds}, then a hard power-off. */
    GuestStatus powerOff(String uuid, int timeoutSeconds);

    GuestStatus powerOn(String uuid);

    /** Restarts the guest with the spec's flavor (resize and revert), keeping its disks (grown, never shrunk). */
    GuestStatus resize(GuestSpec spec);

    /** Replaces the guest's root disk with a fresh one from the spec's image and starts it again. */
    GuestStatus rebuild(GuestSpec spec);

    /** Stops the guest and removes it with its disks; a guest that is not there answers {@link PowerState#NOSTATE}. */
    GuestStatus destroy(String uuid);

    /**
     * Snapshots the guest's root disk into the queued image {@code imageId} (createImage). A cast: copying and
     * uploading a multi-GB disk outlasts any RPC timeout, so the agent works on its own and reports each step
     * with {@link ConductorRpc#snapshotProgress}. Asking again for a snapshot that is running changes nothing.
     */
    void snapshot(String uuid, String imageId);

    /** The last {@code lines} lines of the guest's console log (all of it when null). */
    String consoleOutput(String uuid, Integer lines);

    /** Every guest the hypervisor has on this host. */
    List<GuestStatus> guests();
}
