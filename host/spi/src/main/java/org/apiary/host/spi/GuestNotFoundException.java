package org.apiary.host.spi;

/** The hypervisor has no guest with this uuid (Nova's InstanceNotFound on the host side). */
public final class GuestNotFoundException extends RuntimeException {
    private final String uuid;

    public GuestNotFoundException(String uuid) {
        this(uuid, "no guest " + uuid + " on this hypervisor");
    }

    public GuestNotFoundException(String uuid, String message) {
        super(message);
        this.uuid = uuid;
    }

    public String uuid() {
        return uuid;
    }
}
