package org.apiary.privhelper.ops;

/** Disk image formats the helper handles; always given explicitly (qemu-img -f), never probed. */
public enum DiskFormat {
    RAW, QCOW2, VMDK;

    /** The wire form, lower case, as the parsers (Check.oneOf) expect it; also how Jackson writes it. */
    @com.fasterxml.jackson.annotation.JsonValue
    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
