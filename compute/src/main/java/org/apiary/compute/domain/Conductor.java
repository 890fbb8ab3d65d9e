package org.apiary.compute.domain;

/**
 * Where the API hands a server whose task it just recorded: the conductor reads the server's
 * vm_state/task_state and drives it on (schedule, plug, spawn, reboot, delete, ...). Returns at
 * once; the work is asynchronous, as Nova's casts are.
 */
public interface Conductor {
    void kick(String serverUuid);

    /** The last {@code lines} lines of the server's console log, asked of its host. */
    String consoleOutput(String host, String serverUuid, Integer lines);
}
