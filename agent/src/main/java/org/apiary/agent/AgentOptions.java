package org.apiary.agent;

import java.util.List;
import org.apiary.common.config.ConfigOption;

/** [agent] options of the host network agent, named after Neutron's agent options where one exists. */
public final class AgentOptions {
    private AgentOptions() {}

    public static final ConfigOption<String> HOST = ConfigOption.string("agent", "host", null,
            "Name of this host as the controller knows it (binding:host_id, GET /v2.0/agents). Default: the "
                    + "machine's host name.");
    public static final ConfigOption<List<String>> PHYSICAL_INTERFACE_MAPPINGS = ConfigOption.list("agent",
            "physical_interface_mappings", List.of(),
            "physnet:interface pairs: the uplink that carries flat and VLAN networks of each physical network "
                    + "(the interface must also be in [helper] physical_interfaces).");
    public static final ConfigOption<String> LOCAL_IP = ConfigOption.string("agent", "local_ip", null,
            "Underlay address of this host for VXLAN. Unset: VXLAN networks are realized as local bridges only.");
    public static final ConfigOption<String> VXLAN_REMOTE_IP = ConfigOption.string("agent", "vxlan_remote_ip", null,
            "Unicast VXLAN peer (the other host of a two-host setup). Give this or vxlan_group.");
    public static final ConfigOption<String> VXLAN_GROUP = ConfigOption.string("agent", "vxlan_group", null,
            "Multicast group for VXLAN flooding (needs vxlan_device). Give this or vxlan_remote_ip.");
    public static final ConfigOption<String> VXLAN_DEVICE = ConfigOption.string("agent", "vxlan_device", null,
            "Underlay interface for multicast VXLAN (must be in [helper] physical_interfaces).");
    public static final ConfigOption<Integer> DHCP_LEASE_DURATION = ConfigOption.integer("agent",
            "dhcp_lease_duration", 86400, "DHCP lease time in seconds (Neutron's dhcp_lease_duration).");
    public static final ConfigOption<Integer> REPORT_INTERVAL = ConfigOption.integer("agent", "report_interval", 30,
            "Seconds between two state reports to the controller (keep it below [network] agent_down_time).");
    public static final ConfigOption<Integer> RESYNC_INTERVAL = ConfigOption.integer("agent", "resync_interval", 60,
            "Seconds between two full resyncs with the controller's desired state (besides the one on every change).");
    public static final ConfigOption<String> AVAILABILITY_ZONE = ConfigOption.string("agent", "availability_zone",
            "nova", "Availability zone this agent reports.");

    public static List<ConfigOption<?>> all() {
        return List.of(HOST, PHYSICAL_INTERFACE_MAPPINGS, LOCAL_IP, VXLAN_REMOTE_IP, VXLAN_GROUP, VXLAN_DEVICE,
                DHCP_LEASE_DURATION, REPORT_INTERVAL, RESYNC_INTERVAL, AVAILABILITY_ZONE);
    }
}
