package org.apiary.network.domain;

import java.time.Instant;
import java.util.Map;

/** A network agent as its heartbeats describe it. */
public record Agent(String id, String agentType, String binary, String topic, String host,
                    String availabilityZone, boolean adminStateUp, String description,
                    Map<String, Object> configurations, Instant createdAt, Instant startedAt,
                    Instant heartbeatAt) {
    public static final String DHCP_AGENT = "DHCP agent";

    public Agent {
        configurations = Map.copyOf(configurations);
    }
}
