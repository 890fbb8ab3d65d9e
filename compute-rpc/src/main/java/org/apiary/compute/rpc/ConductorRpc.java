package org.apiary.compute.rpc;

import java.util.List;

/** What compute agents tell the controller (bus topic {@link #TOPIC}). */
public interface ConductorRpc {
    String TOPIC = "apiary.compute.conductor";

    /**
     * Registers or refreshes the host: its service row, its compute node and the node's resource
     * provider with inventory and traits. Called at start and then periodically (the heartbeat);
     * returns the compute node's uuid, which is also its resource provider's uuid.
     */
    String reportHost(HostReport report);

    /** The guests the controller places on {@code host}, with the power state each should have. */
    List<AssignedGuest> assignedGuests(String host);

    /**
     * A step of a snapshot the conductor asked of {@code host}: moves the server's task_state on, or ends the
     * task (DONE, FAILED). Answers false when the snapshot is no longer wanted (the server was deleted, or
     * its task moved on): the agent then stops and removes its file.
     */
    boolean snapshotProgress(String host, SnapshotProgress progress);

    /** A guest's power state changed without the conductor asking (it shut itself down, crashed, …). */
    void guestChanged(String host, GuestStatus status);

    /**
     * Registers {@code host}'s console proxy: the base URL ({@code [serial_console] base_url}) the API hands out,
     * with a token, for the serial consoles of the servers on that host. Repeated periodically by the proxy.
     */
    void registerConsoleProxy(String host, String baseUrl);

    /** What a console token grants while it is valid (known, unexpired, its server still there), else null. */
    ConsoleTarget validateConsoleToken(String token);
}
