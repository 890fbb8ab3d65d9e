package org.apiary.image.inspect;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Reading fixed-width fields out of captured headers. */
final class Bytes {
    private Bytes() {}

    static long u64be(byte[] b, int at) {
        return ByteBuffer.wrap(b, at, 8).order(ByteOrder.BIG_ENDIAN).getLong();
    }

    static long u32be(byte[] b, int at) {
        return ByteBuffer.wrap(b, at, 4).order(ByteOrder.BIG_ENDIAN).getInt() & 0xffffffffL;
    }

    static long u64le(byte[] b, int at) {
        return ByteBuffer.wrap(b, at, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
    }

    static long u32le(byte[] b, int at) {
        return ByteBuffer.wrap(b, at, 4).order(ByteOrder.LITTLE_ENDIAN).getInt() & 0xffffffffL;
    }

    static int u16le(byte[] b, int at) {
        return ByteBuffer.wrap(b, at, 2).order(ByteOrder.LITTLE_ENDIAN).getShort() & 0xffff;
    }

    static boolean startsWith(byte[] b, int at, String ascii) {
        byte[] want = ascii.getBytes(StandardCharsets.ISO_8859_1);
        if (b.length < at + want.length) {
            return false;
        }
        for (int i = 0; i < want.length; i++) {
            if (b[at + i] != want[i]) {
                return false;
            }
        }
        return true;
    }
}
