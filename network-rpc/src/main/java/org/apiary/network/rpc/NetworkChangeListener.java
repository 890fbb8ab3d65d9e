package org.apiary.network.rpc;

/**
 * Where the network controller announces changes (bound to a bus fan-out, topic
 * {@link NetworkChange#TOPIC}). Called after the change is committed.
 */
@FunctionalInterface
public interface NetworkChangeListener {
    NetworkChangeListener NONE = change -> {};

    void changed(NetworkChange change);
}
