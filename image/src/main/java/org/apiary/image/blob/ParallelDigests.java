package org.apiary.image.blob;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * md5 and sha512 of a stream while it is being stored: md5 on the caller's thread, sha512 (the
 * slower of the two) on a thread of its own, so that a 2-core machine hashes at twice the speed
 * of doing both in line. Chunks travel in a small pool of buffers, so memory stays at
 * {@code BUFFERS * BUFFER_SIZE} per upload whatever the image size; the pool is deep enough to
 * ride out the sha512 thread being descheduled for a while on a busy machine.
 */
final class ParallelDigests implements AutoCloseable {
    /** Small enough that a chunk stays in the CPU cache from socket read to file write to hashing. */
    static final int BUFFER_SIZE = 128 << 10;
    private static final int BUFFERS = 32;
    private static final byte[] END = new byte[0];

    private record Chunk(byte[] buf, int len) {}

    private final BlockingQueue<byte[]> free = new ArrayBlockingQueue<>(BUFFERS);
    private final BlockingQueue<Chunk> toSha = new ArrayBlockingQueue<>(BUFFERS + 1);
    private final MessageDigest md5 = digest("MD5");
    private final MessageDigest sha512 = digest("SHA-512");
    private final Thread worker;
    private volatile String sha512Hex;

    ParallelDigests() {
        for (int i = 0; i < BUFFERS; i++) {
            free.add(new byte[BUFFER_SIZE]);
        }
        // A platform thread: hashing is pure CPU and should not hold a virtual-thread carrier.
        worker = Thread.ofPlatform().daemon().name("image-sha512").start(this::run);
    }

    private static MessageDigest digest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A free buffer to read the next chunk into; waits while sha512 catches up. */
    byte[] borrow() throws InterruptedException {
        return free.take();
    }

    /** Returns a buffer that turned out not to hold data (end of stream). */
    void giveBack(byte[] buf) {
        free.add(buf);
    }

    /** Digests a filled buffer: md5 now, sha512 on the worker, which then frees the buffer. */
    void submit(byte[] buf, int len) throws InterruptedException {
        md5.update(buf, 0, len);
        toSha.put(new Chunk(buf, len));
    }

    /** Waits for sha512 and returns {md5, sha512} in hex. */
    String[] finish() throws InterruptedException {
        toSha.put(new Chunk(END, 0));
        worker.join();
        return new String[] {HexFormat.of().formatHex(md5.digest()), sha512Hex};
    }

    @Override
    public void close() {
        worker.interrupt();
    }

    private void run() {
        try {
            while (true) {
                Chunk c = toSha.take();
                if (c.buf == END) {
                    sha512Hex = HexFormat.of().formatHex(sha512.digest());
                    return;
                }
                sha512.update(c.buf, 0, c.len);
                free.add(c.buf);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
