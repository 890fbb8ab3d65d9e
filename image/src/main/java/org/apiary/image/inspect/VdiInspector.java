package org.apiary.image.inspect;

/** VirtualBox VDI: little-endian header, magic 0xbeda107f at 0x40, disk size at 0x170. */
final class VdiInspector extends FormatInspector {
    VdiInspector() {
        addRegion("header", 0, 512);
    }

    @Override
    public String name() {
        return "vdi";
    }

    @Override
    public boolean formatMatch() {
        return matchDecided() && Bytes.u32le(region("header").data(), 0x40) == 0xbeda107fL;
    }

    @Override
    public long virtualSize() {
        return formatMatch() ? Bytes.u64le(region("header").data(), 0x170) : 0;
    }
}
