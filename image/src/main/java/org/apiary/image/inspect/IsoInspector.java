package org.apiary.image.inspect;

/**
 * ISO 9660: the primary volume descriptor in sector 16 (byte 32768) starts with type 1 and
 * "CD001"; the volume size is its block count (offset 80) times its block size (offset 128),
 * both stored little-endian first.
 */
final class IsoInspector extends FormatInspector {
    private static final int PVD = 16 * 2048;

    IsoInspector() {
        addRegion("header", PVD, 2048);
    }

    @Override
    public String name() {
        return "iso";
    }

    @Override
    public boolean formatMatch() {
        byte[] d = region("header").data();
        return matchDecided() && d[0] == 1 && Bytes.startsWith(d, 1, "CD001");
    }

    @Override
    public long virtualSize() {
        if (!formatMatch()) {
            return 0;
        }
        byte[] d = region("header").data();
        return Bytes.u32le(d, 80) * Bytes.u16le(d, 128);
    }
}
