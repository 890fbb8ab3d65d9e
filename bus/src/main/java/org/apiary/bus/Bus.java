package org.apiary.bus;

import java.time.Duration;

/**
 * The message bus between controllers and agents, shaped like oslo.messaging: RPC {@link #call}
 * (one server of a topic answers), {@link #cast} (one server, no answer) and {@link #publish}
 * (fan-out: every subscriber of a topic gets a copy). Bodies are JSON bytes; {@link RpcClients},
 * {@link RpcServers} and {@link Notifications} turn them into plain Java interfaces and records.
 *
 * <p>Implementations: {@link InProcessBus} (all-in-one) and {@link RabbitBus} (AMQP 0-9-1).
 */
public interface Bus extends AutoCloseable {

    /**
     * Sends {@code body} to one server of {@code topic} and waits for its reply body.
     *
     * @throws BusTimeoutException when no reply arrives within {@code timeout}
     * @throws BusException        when the bus itself fails (e.g. no server in process)
     */
    byte[] call(String topic, byte[] body, Duration timeout);

    /** Sends {@code body} to one server of {@code topic}; nothing comes back, failures are the server's. */
    void cast(String topic, byte[] body);

    /** Delivers a copy of {@code body} to every current subscriber of {@code topic}. */
    void publish(String topic, byte[] body);

    /** Becomes a server of {@code topic}; calls and casts are shared among the servers of a topic. */
    Registration serve(String topic, RequestHandler handler);

    /** Receives every notification published on {@code topic} from now on. */
    Registration subscribe(String topic, NotificationHandler handler);

    @Override
    void close();

    /** Answers one request body with a reply body (ignored for casts). */
    @FunctionalInterface
    interface RequestHandler {
        byte[] handle(byte[] body);
    }

    @FunctionalInterface
    interface NotificationHandler {
        void handle(byte[] body);
    }

    /** Ends a {@link #serve} or {@link #subscribe}. */
    interface Registration extends AutoCloseable {
        @Override
        void close();
    }
}
