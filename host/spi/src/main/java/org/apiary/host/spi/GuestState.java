package org.apiary.host.spi;

/** A guest's power state as a hypervisor sees it (the same states Nova's drivers report). */
public enum GuestState {
    /** Being created, or in a state the driver cannot tell. */
    NOSTATE,
    RUNNING,
    PAUSED,
    /** Off: shut down by itself or powered off. */
    SHUTDOWN,
    CRASHED,
    SUSPENDED
}
