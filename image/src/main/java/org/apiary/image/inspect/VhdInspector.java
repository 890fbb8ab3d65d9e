package org.apiary.image.inspect;

/** Microsoft VHD (qemu's vpc): a 512-byte big-endian footer copy at the start of dynamic disks. */
final class VhdInspector extends FormatInspector {
    VhdInspector() {
        addRegion("header", 0, 512);
    }

    @Override
    public String name() {
        return "vhd";
    }

    @Override
    public boolean formatMatch() {
        return matchDecided() && Bytes.startsWith(region("header").data(), 0, "conectix");
    }

    @Override
    public long virtualSize() {
        return formatMatch() ? Bytes.u64be(region("header").data(), 40) : 0;
    }
}
