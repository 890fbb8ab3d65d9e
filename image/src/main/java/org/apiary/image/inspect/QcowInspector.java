package org.apiary.image.inspect;

/**
 * QEMU qcow2: a big-endian header; we read 512 bytes of it. Unsafe when it names a backing
 * file, an external data file, or incompatible features we do not know (qemu would interpret
 * them, we cannot vouch for them).
 */
final class QcowInspector extends FormatInspector {
    private static final int BACKING_FILE_OFFSET = 0x08;
    private static final int SIZE = 0x18;
    private static final int INCOMPATIBLE_FEATURES = 0x48;
    private static final long DATA_FILE_BIT = 1L << 2;
    private static final long KNOWN_INCOMPATIBLE = 0x0fL; // dirty, corrupt, data file, compression type

    QcowInspector() {
        addRegion("header", 0, 512);
    }

    @Override
    public String name() {
        return "qcow2";
    }

    @Override
    public boolean formatMatch() {
        return matchDecided() && Bytes.startsWith(region("header").data(), 0, "QFI\u00fb");
    }

    @Override
    protected void postProcess() {
        if (formatMatch()) {
            long version = Bytes.u32be(region("header").data(), 4);
            if (version != 2 && version != 3) {
                throw new FormatError("Unsupported qcow2 version " + version);
            }
        }
    }

    @Override
    public long virtualSize() {
        return formatMatch() ? Bytes.u64be(region("header").data(), SIZE) : 0;
    }

    @Override
    public String safetyProblem() {
        if (!formatMatch()) {
            return null;
        }
        byte[] h = region("header").data();
        if (Bytes.u64be(h, BACKING_FILE_OFFSET) != 0) {
            return "qcow2 image has a backing file";
        }
        // Version 2 headers end before the feature fields; qemu reads them only from version 3.
        if (Bytes.u32be(h, 4) >= 3) {
            long features = Bytes.u64be(h, INCOMPATIBLE_FEATURES);
            if ((features & DATA_FILE_BIT) != 0) {
                return "qcow2 image has an external data file";
            }
            if ((features & ~KNOWN_INCOMPATIBLE) != 0) {
                return "qcow2 image has unknown incompatible features 0x" + Long.toHexString(features);
            }
        }
        return null;
    }
}
