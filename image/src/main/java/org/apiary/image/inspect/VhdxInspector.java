package org.apiary.image.inspect;

/**
 * Microsoft VHDX: "vhdxfile" at 0; the region table at 192 KiB points at the metadata region,
 * whose table points at the Virtual Disk Size item. Each step adds the next region to capture;
 * at most a 64 KiB table and the 8-byte size are kept.
 */
final class VhdxInspector extends FormatInspector {
    private static final String METAREGION = "8B7CA206-4790-4B9A-B8FE-575F050F886E";
    private static final String VIRTUAL_DISK_SIZE = "2FA54224-CD1B-4876-B211-5DBED83BF4B8";
    private static final int TABLE_MAX = 32 * 2048;

    VhdxInspector() {
        addRegion("ident", 0, 32);
        addRegion("header", 192 * 1024, 64 * 1024);
    }

    @Override
    public String name() {
        return "vhdx";
    }

    @Override
    public boolean matchDecided() {
        return region("ident").complete();
    }

    @Override
    public boolean formatMatch() {
        return matchDecided() && Bytes.startsWith(region("ident").data(), 0, "vhdxfile");
    }

    @Override
    protected void postProcess() {
        if (!formatMatch()) {
            return;
        }
        if (region("header").complete() && !hasRegion("metadata")) {
            long offset = findMetadataRegion(region("header").data());
            // The spec puts it at 1 MiB or later; a stream cannot go back for data before the table.
            if (offset < region("header").offset + region("header").length()) {
                throw new FormatError("VHDX metadata region lies before the end of the region table");
            }
            addRegion("metadata", offset, TABLE_MAX);
        } else if (hasRegion("metadata") && !hasRegion("vds")) {
            findVirtualDiskSize();
        }
    }

    private static long findMetadataRegion(byte[] table) {
        if (Bytes.u32le(table, 0) != 0x69676572L) { // "regi"
            throw new FormatError("VHDX region table signature not found");
        }
        long count = Bytes.u32le(table, 8);
        if (count >= 2048) {
            throw new FormatError("VHDX region count " + count + " exceeds 2047");
        }
        for (int i = 0; i < count; i++) {
            int entry = 16 + i * 32;
            if (guid(table, entry).equals(METAREGION)) {
                return Bytes.u64le(table, entry + 16);
            }
        }
        throw new FormatError("VHDX has no metadata region");
    }

    private void findVirtualDiskSize() {
        CaptureRegion meta = region("metadata");
        if (!meta.complete()) {
            return; // the whole table (at most 64 KiB) is read before it is searched
        }
        byte[] d = meta.data();
        if (!Bytes.startsWith(d, 0, "metadata")) {
            throw new FormatError("VHDX metadata region has no signature");
        }
        int count = Bytes.u16le(d, 10);
        if (count >= 2048) {
            throw new FormatError("VHDX metadata item count " + count + " exceeds 2047");
        }
        for (int i = 0; i < count; i++) {
            int entry = 32 + i * 32;
            if (guid(d, entry).equals(VIRTUAL_DISK_SIZE)) {
                long itemOffset = Bytes.u32le(d, entry + 16);
                addRegion("vds", meta.offset + itemOffset, 8);
                return;
            }
        }
        throw new FormatError("VHDX has no virtual disk size");
    }

    @Override
    public long virtualSize() {
        return hasRegion("vds") && region("vds").complete() ? Bytes.u64le(region("vds").data(), 0) : 0;
    }

    /** A Microsoft GUID in its text form (first three fields little-endian). */
    private static String guid(byte[] b, int at) {
        return String.format("%08X-%04X-%04X-%02X%02X-%02X%02X%02X%02X%02X%02X",
                Bytes.u32le(b, at), Bytes.u16le(b, at + 4), Bytes.u16le(b, at + 6),
                b[at + 8], b[at + 9], b[at + 10], b[at + 11], b[at + 12], b[at + 13], b[at + 14], b[at + 15]);
    }
}
