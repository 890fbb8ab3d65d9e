package org.apiary.image.inspect;

/**
 * A byte range of the image an inspector wants to see, filled from whatever chunks stream by:
 * chunk boundaries need not line up with the region. Only these ranges are ever kept in memory.
 */
final class CaptureRegion {
    final long offset;
    private final int length;
    private byte[] data;
    private int filled;

    CaptureRegion(long offset, int length) {
        if (offset < 0 || length < 0) {
            throw new FormatError("invalid region " + offset + "+" + length);
        }
        this.offset = offset;
        this.length = length;
    }

    boolean complete() {
        return filled == length;
    }

    int length() {
        return length;
    }

    /** The captured bytes; valid when complete. */
    byte[] data() {
        return data == null ? new byte[0] : data;
    }

    /** Takes the part of a chunk that covers the next missing bytes of the region. */
    void capture(byte[] buf, int off, int len, long chunkStart) {
        if (complete()) {
            return;
        }
        long want = offset + filled;
        long chunkEnd = chunkStart + len;
        if (want < chunkStart || want >= chunkEnd) {
            return;
        }
        if (data == null) {
            data = new byte[length];
        }
        int from = (int) (want - chunkStart);
        int n = (int) Math.min(length - filled, chunkEnd - want);
        System.arraycopy(buf, off + from, data, filled, n);
        filled += n;
    }
}
