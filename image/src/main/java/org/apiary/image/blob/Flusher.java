package org.apiary.image.blob;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.util.concurrent.Semaphore;

/**
 * Flushes a file being written to disk in the background, every {@link #EVERY} bytes, so that
 * writing back a large image overlaps with receiving it and the final fsync only has the tail
 * left. Without it, the kernel keeps the whole image dirty until that fsync (dd conv=fsync
 * behaves that way).
 */
final class Flusher implements AutoCloseable {
    static final long EVERY = 64L << 20;

    private final FileChannel channel;
    private final Semaphore due = new Semaphore(0);
    private final Thread thread;
    private volatile boolean stopped;
    private long next = EVERY;

    Flusher(FileChannel channel) {
        this.channel = channel;
        this.thread = Thread.ofPlatform().daemon().name("image-flush").start(this::run);
    }

    /** Called with the bytes written so far; asks for a flush each time another EVERY bytes are in. */
    void written(long total) {
        if (total >= next) {
            next = total + EVERY;
            due.release();
        }
    }

    private void run() {
        try {
            while (!stopped) {
                due.acquire();
                due.drainPermits();
                if (!stopped) {
                    channel.force(false);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // The final fsync on the writing thread reports the error; nothing to add here.
        }
    }

    @Override
    public void close() {
        stopped = true;
        due.release();
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
