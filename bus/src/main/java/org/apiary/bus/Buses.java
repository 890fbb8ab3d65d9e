package org.apiary.bus;

import org.apiary.common.config.Config;

/** Opens the bus named by configuration. */
public final class Buses {
    private Buses() {}

    /**
     * The broker of {@code [DEFAULT] transport_url}, for processes that talk to other processes
     * (`apiary agent`). Only rabbit:// is understood; anything else is refused with a clear message.
     */
    public static Bus openRemote(Config config) {
        String url = config.get(BusOptions.TRANSPORT_URL);
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("[DEFAULT] transport_url is not set; a separate agent needs "
                    + "rabbit://user:pass@host:5672/ (the all-in-one runs its agent on its in-process bus)");
        }
        if (!url.startsWith("rabbit://")) {
            throw new IllegalArgumentException("[DEFAULT] transport_url '" + TransportUrl.redact(url)
                    + "' is not supported: only rabbit://user:pass@host:5672/[vhost] (RabbitMQ) is");
        }
        return RabbitBus.connect(url, config.get(BusOptions.CONTROL_EXCHANGE));
    }
}
