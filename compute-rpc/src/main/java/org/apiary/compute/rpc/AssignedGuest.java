package org.apiary.compute.rpc;

/**
 * A guest the controller expects on a host, for the agent's reconciliation at start.
 *
 * @param running whether it should be running (ACTIVE, rebooting) or off (STOPPED, SHUTOFF)
 */
public record AssignedGuest(GuestSpec spec, boolean running) {}
