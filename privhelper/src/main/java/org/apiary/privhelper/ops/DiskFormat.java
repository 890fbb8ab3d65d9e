package org.apiary.privhelper.ops;

/** Disk image formats the helper handles; always given explicitly (qemu-img -f), never probed. */
public enum DiskFormat {
    RAW, QCOW2, VMDK;

    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
