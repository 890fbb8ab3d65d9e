package org.apiary.compute.rpc;

/** Nova's power states with their API numbers (nova/compute/power_state.py). */
public enum PowerState {
    NOSTATE(0), RUNNING(1), PAUSED(3), SHUTDOWN(4), CRASHED(6), SUSPENDED(7);

    private final int code;

    PowerState(int code) {
        this.code = code;
    }

    /** The number the API shows as {@code OS-EXT-STS:power_state}. */
    public int code() {
        return code;
    }

    public static PowerState of(int code) {
        for (PowerState p : values()) {
            if (p.code == code) {
                return p;
            }
        }
        throw new IllegalArgumentException("no power state " + code);
    }
}
