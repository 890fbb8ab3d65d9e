package org.apiary.network.rpc;

/**
 * Calls an agent makes to the network controller (bus topic {@link #TOPIC}). Implemented by the
 * network module over its domain; called by agents through the bus.
 */
public interface NetworkAgentRpc {
    String TOPIC = "apiary.network.plugin";

    /** Everything the given host must realize: its networks, their subnets and ports. */
    HostNetworkState syncState(String host);

    /**
     * Ensures the DHCP port of {@code networkId} for this host exists, with one address on every
     * DHCP-enabled subnet of the network (device_owner {@code network:dhcp}, as Neutron's DHCP
     * agent asks for with create_dhcp_port), and returns it.
     */
    PortState ensureDhcpPort(String host, String networkId);

    /** Heartbeat: creates or refreshes this agent's row in {@code GET /v2.0/agents}. */
    void reportState(AgentReport report);
}
