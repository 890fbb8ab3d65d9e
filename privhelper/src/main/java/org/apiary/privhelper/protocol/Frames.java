package org.apiary.privhelper.protocol;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;

/**
 * Length-prefixed frames: a 4-byte big-endian length, then that many bytes of UTF-8 JSON. The
 * length is checked against the maximum before any body byte is read, so a peer cannot make the
 * helper allocate more than {@code maxBytes}.
 */
public final class Frames {
    /** Room for the largest valid request: a config drive of 1 MiB, base64 in JSON (about 1.4 MiB). */
    public static final int DEFAULT_MAX_BYTES = 2 * 1024 * 1024;

    private Frames() {}

    /** Returns null on a clean end of stream before a frame starts. */
    public static byte[] read(ReadableByteChannel in, int maxBytes) throws IOException {
        ByteBuffer header = ByteBuffer.allocate(4);
        if (!fill(in, header, true)) {
            return null;
        }
        int length = header.flip().getInt();
        if (length <= 0) {
            throw new HelperException(ErrorCode.BAD_FRAME, "frame length " + length + " is not positive");
        }
        if (length > maxBytes) {
            throw new HelperException(ErrorCode.BAD_FRAME,
                    "frame of " + length + " bytes exceeds the maximum of " + maxBytes);
        }
        ByteBuffer body = ByteBuffer.allocate(length);
        fill(in, body, false);
        return body.array();
    }

    public static void write(WritableByteChannel out, byte[] body) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(4 + body.length).putInt(body.length).put(body).flip();
        while (buf.hasRemaining()) {
            out.write(buf);
        }
    }

    /** Fills the buffer; false if the stream ended before the first byte (when allowed). */
    private static boolean fill(ReadableByteChannel in, ByteBuffer buf, boolean eofOkAtStart) throws IOException {
        while (buf.hasRemaining()) {
            int n = in.read(buf);
            if (n < 0) {
                if (buf.position() == 0 && eofOkAtStart) {
                    return false;
                }
                throw new HelperException(ErrorCode.BAD_FRAME,
                        eofOkAtStart ? "truncated frame header" : "truncated frame");
            }
        }
        return true;
    }
}
