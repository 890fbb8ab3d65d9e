package org.apiary.compute.scheduler;

/** Nothing can take the server (nova.exception.NoValidHost); the conductor puts it in ERROR with this message. */
public final class NoValidHost extends RuntimeException {
    public NoValidHost(String reason) {
        super("No valid host was found. " + reason);
    }
}
