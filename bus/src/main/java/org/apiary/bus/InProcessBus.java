package org.apiary.bus;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bus of the all-in-one process. Bodies are still JSON bytes (copied on the way), and every
 * handler runs on its own thread, never the caller's, so what works here also works when the
 * two sides are processes apart on RabbitMQ.
 */
public final class InProcessBus implements Bus {
    private static final Logger LOG = LoggerFactory.getLogger(InProcessBus.class);

    private final Map<String, List<RequestHandler>> servers = new ConcurrentHashMap<>();
    private final Map<String, List<NotificationHandler>> subscribers = new ConcurrentHashMap<>();
    private final AtomicInteger roundRobin = new AtomicInteger();
    private final ExecutorService workers = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("bus-", 0).factory());

    @Override
    public byte[] call(String topic, byte[] body, Duration timeout) {
        RequestHandler server = pick(topic);
        Future<byte[]> reply = submit(() -> server.handle(body.clone()));
        try {
            return reply.get(timeout.toMillis(), TimeUnit.MILLISECONDS).clone();
        } catch (TimeoutException e) {
            reply.cancel(true);
            throw new BusTimeoutException("no reply on " + topic + " within " + timeout.toMillis() + " ms");
        } catch (ExecutionException e) {
            throw new BusException("server of " + topic + " failed outside its handler: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BusException("interrupted while waiting for " + topic);
        }
    }

    @Override
    public void cast(String topic, byte[] body) {
        RequestHandler server = pick(topic);
        byte[] copy = body.clone();
        submit(() -> {
            try {
                server.handle(copy);
            } catch (RuntimeException e) {
                LOG.warn("cast on {} failed: {}", topic, e.toString());
            }
            return null;
        });
    }

    @Override
    public void publish(String topic, byte[] body) {
        for (NotificationHandler h : subscribers.getOrDefault(topic, List.of())) {
            byte[] copy = body.clone();
            submit(() -> {
                try {
                    h.handle(copy);
                } catch (RuntimeException e) {
                    LOG.warn("subscriber of {} failed: {}", topic, e.toString());
                }
                return null;
            });
        }
    }

    @Override
    public Registration serve(String topic, RequestHandler handler) {
        List<RequestHandler> list = servers.computeIfAbsent(topic, t -> new CopyOnWriteArrayList<>());
        list.add(handler);
        return () -> list.remove(handler);
    }

    @Override
    public Registration subscribe(String topic, NotificationHandler handler) {
        List<NotificationHandler> list = subscribers.computeIfAbsent(topic, t -> new CopyOnWriteArrayList<>());
        list.add(handler);
        return () -> list.remove(handler);
    }

    @Override
    public void close() {
        workers.shutdownNow();
        servers.clear();
        subscribers.clear();
    }

    private RequestHandler pick(String topic) {
        List<RequestHandler> list = servers.getOrDefault(topic, List.of());
        if (list.isEmpty()) {
            throw new BusException("no server listens on topic " + topic);
        }
        try {
            return list.get(Math.floorMod(roundRobin.getAndIncrement(), list.size()));
        } catch (IndexOutOfBoundsException e) { // a server left between size() and get()
            return pick(topic);
        }
    }

    private <T> Future<T> submit(java.util.concurrent.Callable<T> task) {
        try {
            return workers.submit(task);
        } catch (RejectedExecutionException e) {
            throw new BusException("the bus is closed");
        }
    }
}
