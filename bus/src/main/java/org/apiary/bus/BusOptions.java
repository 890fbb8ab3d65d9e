package org.apiary.bus;

import java.util.List;
import org.apiary.common.config.ConfigOption;

/** oslo.messaging's options, with the same names and meaning. */
public final class BusOptions {
    private BusOptions() {}

    public static final ConfigOption<String> TRANSPORT_URL = ConfigOption.string("DEFAULT", "transport_url", null,
            "Message bus between controllers and agents: rabbit://user:pass@host:5672/[vhost] for RabbitMQ. "
                    + "Unset: the all-in-one uses its in-process bus; `apiary agent` needs a rabbit:// URL.");
    public static final ConfigOption<Integer> RPC_RESPONSE_TIMEOUT = ConfigOption.integer("DEFAULT",
            "rpc_response_timeout", 60, "Seconds to wait for the reply to an RPC call.");
    public static final ConfigOption<String> CONTROL_EXCHANGE = ConfigOption.string("DEFAULT", "control_exchange",
            "apiary", "Name of the RabbitMQ topic exchange for RPC (fan-out exchanges are named <topic>_fanout).");

    public static List<ConfigOption<?>> all() {
        return List.of(TRANSPORT_URL, RPC_RESPONSE_TIMEOUT, CONTROL_EXCHANGE);
    }
}
