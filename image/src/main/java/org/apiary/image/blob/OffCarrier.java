package org.apiary.image.blob;

import java.io.IOException;

/**
 * Runs a bulk transfer on a platform thread of its own and waits for it. Request handlers run on
 * virtual threads; a multi-gigabyte copy there would keep one of the few carrier threads busy
 * hashing and copying (slowing every other request), and every time the socket blocks the
 * thread would go through the JDK's poller to be resumed, which on a busy machine costs more
 * than the kernel simply waking a blocked thread.
 */
final class OffCarrier {
    private OffCarrier() {}

    /** A transfer step that may fail with an I/O error. */
    @FunctionalInterface
    interface Transfer<T> {
        T run() throws IOException;
    }

    static <T> T run(String name, Transfer<T> transfer) throws IOException {
        if (!Thread.currentThread().isVirtual()) {
            return transfer.run();
        }
        Object[] result = new Object[1];
        Throwable[] failure = new Throwable[1];
        Thread worker = Thread.ofPlatform().daemon().name(name).start(() -> {
            try {
                result[0] = transfer.run();
            } catch (Throwable t) {
                failure[0] = t;
            }
        });
        try {
            worker.join();
        } catch (InterruptedException e) {
            worker.interrupt();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while transferring image data", e);
        }
        Throwable t = failure[0];
        if (t instanceof IOException io) {
            throw io;
        } else if (t instanceof RuntimeException re) {
            throw re;
        } else if (t instanceof Error err) {
            throw err;
        }
        @SuppressWarnings("unchecked")
        T value = (T) result[0];
        return value;
    }
}
