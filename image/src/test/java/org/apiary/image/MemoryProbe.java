package org.apiary.image;

import java.io.InputStream;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.SplittableRandom;

/**
 * Run in a JVM with a small heap (see MemoryFlatTest): uploads an image several times larger
 * than the heap through the real API, chunked, then downloads it, and checks sha512 both ways.
 * Exits 0 on success; an image held in memory anywhere would end in OutOfMemoryError.
 */
public final class MemoryProbe {
    private MemoryProbe() {}

    public static void main(String[] args) throws Exception {
        long size = Long.parseLong(args[0]);
        try (ImageCloud cloud = new ImageCloud()) {
            ImageCloud.Persona p = cloud.persona("probe", "probe", "member");
            String id = cloud.createImage(p.token(), "{\"disk_format\": \"raw\", \"container_format\": \"bare\"}");
            MessageDigest sent = MessageDigest.getInstance("SHA-512");
            ImageCloud.Response up = cloud.upload("/v2/images/" + id + "/file", p.token(),
                    BodyPublishers.ofInputStream(() -> new Generated(size, sent)));
            if (up.status() != 204) {
                throw new IllegalStateException("upload: " + up.status() + " " + up.body());
            }
            String expected = HexFormat.of().formatHex(sent.digest());
            if (!expected.equals(cloud.show(id, p.token()).path("os_hash_value").asText())) {
                throw new IllegalStateException("server sha512 differs");
            }
            HttpResponse<InputStream> down = cloud.downloadStream("/v2/images/" + id + "/file", p.token());
            MessageDigest got = MessageDigest.getInstance("SHA-512");
            long n = 0;
            try (InputStream in = down.body()) {
                byte[] buf = new byte[1 << 16];
                for (int r; (r = in.read(buf)) > 0; n += r) {
                    got.update(buf, 0, r);
                }
            }
            if (n != size || !expected.equals(HexFormat.of().formatHex(got.digest()))) {
                throw new IllegalStateException("download differs (" + n + " bytes)");
            }
            Runtime rt = Runtime.getRuntime();
            System.out.println("PROBE OK size=" + size + " maxHeap=" + rt.maxMemory());
        }
        System.exit(0);
    }

    /** Pseudo-random bytes made on the fly, digested as they are read. */
    private static final class Generated extends InputStream {
        private final SplittableRandom random = new SplittableRandom(7);
        private final MessageDigest digest;
        private long left;

        Generated(long size, MessageDigest digest) {
            this.left = size;
            this.digest = digest;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (left == 0) {
                return -1;
            }
            int n = (int) Math.min(len, left);
            for (int i = 0; i < n; i += 8) {
                long v = random.nextLong();
                for (int k = 0; k < 8 && i + k < n; k++, v >>>= 8) {
                    b[off + i + k] = (byte) v;
                }
            }
            digest.update(b, off, n);
            left -= n;
            return n;
        }
    }
}
