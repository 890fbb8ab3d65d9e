package org.apiary.network.store;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apiary.network.domain.Agent;

/** Agents (heartbeats) and the DHCP network → agent bindings. */
public interface AgentStore {
    /** Creates the agent of (type, host) or refreshes its heartbeat; returns the stored agent. */
    Agent heartbeat(Agent report, boolean restarted, Instant now);

    Optional<Agent> find(String id);

    List<Agent> list();

    void update(String id, boolean adminStateUp, String description);

    void delete(String id);

    /** network id → DHCP agent id. */
    Map<String, String> dhcpBindings();

    /** Binds a network to an agent, replacing any previous binding. */
    void bindDhcp(String networkId, String agentId);

    void unbindDhcp(String networkId);
}
