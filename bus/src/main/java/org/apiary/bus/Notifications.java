package org.apiary.bus;

import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Typed fan-out: publish a record to a topic, receive it as the same record type on every subscriber. */
public final class Notifications {
    private static final Logger LOG = LoggerFactory.getLogger(Notifications.class);

    private Notifications() {}

    public static void publish(Bus bus, String topic, Object payload) {
        bus.publish(topic, Envelopes.bytes(payload));
    }

    public static <T> Bus.Registration subscribe(Bus bus, String topic, Class<T> type, Consumer<T> listener) {
        return bus.subscribe(topic, body -> {
            T value;
            try {
                value = type.cast(Envelopes.convert(Envelopes.tree(body), type));
            } catch (BusException e) {
                LOG.warn("dropping a notification on {} that is not a {}: {}", topic, type.getSimpleName(),
                        e.getMessage());
                return;
            }
            listener.accept(value);
        });
    }
}
