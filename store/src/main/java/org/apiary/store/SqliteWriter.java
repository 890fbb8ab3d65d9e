package org.apiary.store;

import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.MDC;

/**
 * SQLite's one writer as one platform thread that runs the write transactions in arrival order.
 * Callers used to queue on a fair lock, which left the database idle between two writes: the next
 * waiter, usually a virtual thread, had to be scheduled onto a core behind every other runnable
 * thread before it could begin, while this thread picks the next transaction up at once.
 */
final class SqliteWriter implements AutoCloseable {
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "sqlite-writer");
        t.setDaemon(true);
        return t;
    });
    private volatile Thread writer;

    <T> T run(Supplier<T> work) {
        if (Thread.currentThread() == writer) {
            return work.get(); // a write inside a write
        }
        Map<String, String> mdc = MDC.getCopyOfContextMap(); // the caller's request id stays on the log lines
        Future<T> result = executor.submit(() -> {
            writer = Thread.currentThread();
            if (mdc != null) {
                MDC.setContextMap(mdc);
            }
            try {
                return work.get();
            } finally {
                MDC.clear();
            }
        });
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return result.get();
                } catch (InterruptedException e) {
                    interrupted = true; // the write may be under way: its outcome is still the caller's
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof RuntimeException r) {
                        throw r;
                    }
                    if (e.getCause() instanceof Error err) {
                        throw err;
                    }
                    throw new IllegalStateException(e.getCause());
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void close() {
        executor.shutdown();
        try {
            executor.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
