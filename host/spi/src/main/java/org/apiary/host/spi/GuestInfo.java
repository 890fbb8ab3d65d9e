package org.apiary.host.spi;

/**
 * One guest as its hypervisor sees it now.
 *
 * @param detail a short reason when the state is unexpected (exit status, error, operation in flight), else null
 */
public record GuestInfo(String uuid, GuestState state, String detail) {
    public GuestInfo {
        if (uuid == null || uuid.isBlank() || state == null) {
            throw new IllegalArgumentException("a guest needs a uuid and a state");
        }
    }
}
