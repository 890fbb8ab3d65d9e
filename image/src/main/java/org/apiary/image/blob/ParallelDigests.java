package org.apiary.image.blob;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * md5 and sha512 of a stream, each computed on its own thread while the caller keeps reading
 * and writing: on one core sha512 alone is slower than the disk, so hashing one after the
 * other would halve upload speed. Chunks travel in a small pool of buffers, so memory stays at
 * {@code BUFFERS * BUFFER_SIZE} per upload whatever the image size.
 */
final class ParallelDigests implements AutoCloseable {
    static final int BUFFER_SIZE = 1 << 20;
    private static final int BUFFERS = 4;
    private static final Chunk END = new Chunk(new byte[0], 0, new AtomicInteger());

    private record Chunk(byte[] buf, int len, AtomicInteger pending) {}

    private final BlockingQueue<byte[]> free = new ArrayBlockingQueue<>(BUFFERS);
    private final Worker md5;
    private final Worker sha512;

    ParallelDigests() {
        for (int i = 0; i < BUFFERS; i++) {
            free.add(new byte[BUFFER_SIZE]);
        }
        md5 = new Worker("MD5");
        sha512 = new Worker("SHA-512");
    }

    /** A free buffer to read the next chunk into; waits while the digests catch up. */
    byte[] borrow() throws InterruptedException {
        return free.take();
    }

    /** Returns a buffer that turned out not to hold data (end of stream). */
    void giveBack(byte[] buf) {
        free.add(buf);
    }

    /** Hands a filled buffer to both digests; it returns to the pool when both are done with it. */
    void submit(byte[] buf, int len) throws InterruptedException {
        Chunk c = new Chunk(buf, len, new AtomicInteger(2));
        md5.queue.put(c);
        sha512.queue.put(c);
    }

    /** Waits for both digests and returns {md5, sha512} in hex. */
    String[] finish() throws InterruptedException {
        md5.queue.put(END);
        sha512.queue.put(END);
        md5.thread.join();
        sha512.thread.join();
        return new String[] {md5.hex, sha512.hex};
    }

    @Override
    public void close() {
        md5.thread.interrupt();
        sha512.thread.interrupt();
    }

    private final class Worker implements Runnable {
        final BlockingQueue<Chunk> queue = new ArrayBlockingQueue<>(BUFFERS + 1);
        final MessageDigest digest;
        final Thread thread;
        volatile String hex;

        Worker(String algorithm) {
            try {
                digest = MessageDigest.getInstance(algorithm);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
            // Platform threads: hashing is pure CPU and should not hold a virtual-thread carrier.
            thread = Thread.ofPlatform().daemon().name("image-" + algorithm.toLowerCase()).start(this);
        }

        @Override
        public void run() {
            try {
                while (true) {
                    Chunk c = queue.take();
                    if (c == END) {
                        hex = HexFormat.of().formatHex(digest.digest());
                        return;
                    }
                    digest.update(c.buf, 0, c.len);
                    if (c.pending.decrementAndGet() == 0) {
                        free.add(c.buf);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
