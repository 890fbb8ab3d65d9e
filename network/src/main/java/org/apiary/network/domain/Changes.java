package org.apiary.network.domain;

import org.apiary.network.rpc.NetworkChange;
import org.apiary.network.rpc.NetworkChangeListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Announces committed changes to agents; a failing listener never fails the API call that committed. */
public final class Changes {
    private static final Logger LOG = LoggerFactory.getLogger(Changes.class);
    private final NetworkChangeListener listener;

    public Changes(NetworkChangeListener listener) {
        this.listener = listener;
    }

    public void changed(String networkId, String reason) {
        try {
            listener.changed(new NetworkChange(networkId, reason));
        } catch (RuntimeException e) {
            LOG.warn("change notification {} for network {} failed: {}", reason, networkId, e.toString());
        }
    }
}
