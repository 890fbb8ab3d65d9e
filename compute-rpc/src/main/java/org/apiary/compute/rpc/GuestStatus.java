package org.apiary.compute.rpc;

/**
 * A guest as its host sees it.
 *
 * @param detail a short human reason when the state is unexpected (exit status, error), else null
 */
public record GuestStatus(String uuid, PowerState powerState, String detail) {
    public static GuestStatus gone(String uuid) {
        return new GuestStatus(uuid, PowerState.NOSTATE, null);
    }
}
