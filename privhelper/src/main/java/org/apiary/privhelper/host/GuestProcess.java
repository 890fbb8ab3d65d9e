package org.apiary.privhelper.host;

import java.util.concurrent.CompletableFuture;

/** A hypervisor process the helper started and keeps as its own child. */
public interface GuestProcess {
    long pid();

    boolean alive();

    /** Completes with the exit status (128 + signal number when killed by a signal). */
    CompletableFuture<Integer> onExit();

    /** SIGTERM. */
    void terminate();

    /** SIGKILL. */
    void kill();
}
