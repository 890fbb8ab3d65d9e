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

    /** A guest's power state changed without the conductor asking (it shut itself down, crashed, …). */
    void guestChanged(String host, GuestStatus status);
}
