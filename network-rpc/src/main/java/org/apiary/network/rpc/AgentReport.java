package org.apiary.network.rpc;

import java.util.Map;

/**
 * One agent heartbeat, as Neutron's report_state: shown by {@code GET /v2.0/agents}, where
 * {@code alive} is whether the last report is newer than {@code [network] agent_down_time}.
 *
 * @param agentType     e.g. {@code DHCP agent}, {@code Linux bridge agent}, {@code FreeBSD bridge agent}
 * @param binary        e.g. {@code apiary-dhcp-agent}
 * @param topic         e.g. {@code dhcp_agent}, {@code N/A}
 * @param configurations free-form facts shown to admins (backend, bridge mappings, networks served)
 * @param startFlag     true on the first report after the agent started
 */
public record AgentReport(String host, String agentType, String binary, String topic, String availabilityZone,
                          Map<String, Object> configurations, boolean startFlag) {
    public AgentReport {
        configurations = Map.copyOf(configurations);
    }
}
