package org.apiary.network;

import java.util.List;
import org.apiary.common.config.ConfigOption;

/** [network] options, named as in neutron.conf / ml2_conf.ini where upstream has the same knob. */
public final class NetworkOptions {
    private NetworkOptions() {}

    public static final ConfigOption<Integer> PORT = ConfigOption.port("network", "port", 9696,
            "Port of the Networking API (Neutron v2.0).");
    public static final ConfigOption<String> POLICY_FILE = ConfigOption.string("network", "policy_file", null,
            "policy.yaml with rules that override the built-in Neutron defaults.");
    public static final ConfigOption<Integer> GLOBAL_PHYSNET_MTU = ConfigOption.integer("network",
            "global_physnet_mtu", 1500, "MTU of the underlying physical network; a network's MTU is this minus "
                    + "its encapsulation overhead (VXLAN 50, VLAN and flat 0).");
    public static final ConfigOption<List<String>> TENANT_NETWORK_TYPES = ConfigOption.list("network",
            "tenant_network_types", List.of("vxlan"), "Network types given to project networks created without "
                    + "provider attributes, in order of preference (vxlan, vlan, local).");
    public static final ConfigOption<List<String>> VNI_RANGES = ConfigOption.list("network", "vni_ranges",
            List.of("1:65535"), "min:max ranges of VXLAN VNIs available for project networks.");
    public static final ConfigOption<List<String>> NETWORK_VLAN_RANGES = ConfigOption.list("network",
            "network_vlan_ranges", List.of(), "physical_network[:min:max] entries: physical networks usable for "
                    + "VLAN networks and, with a range, VLAN ids available for project networks.");
    public static final ConfigOption<List<String>> FLAT_NETWORKS = ConfigOption.list("network", "flat_networks",
            List.of("*"), "Physical networks on which flat networks may be created ('*' = any).");
    public static final ConfigOption<String> BASE_MAC = ConfigOption.string("network", "base_mac",
            "fa:16:3e:00:00:00", "Base MAC address of ports; the bytes that are 00 are random.");
    public static final ConfigOption<Integer> AGENT_DOWN_TIME = ConfigOption.integer("network", "agent_down_time",
            75, "Seconds after the last heartbeat an agent is considered down (alive=false).");
    public static final ConfigOption<Integer> DHCP_AGENTS_PER_NETWORK = ConfigOption.integer("network",
            "dhcp_agents_per_network", 1, "DHCP agents serving each network. Only 1 is supported.");
    public static final ConfigOption<Integer> MAX_DNS_NAMESERVERS = ConfigOption.integer("network",
            "max_dns_nameservers", 5, "Maximum number of DNS nameservers per subnet.");
    public static final ConfigOption<Integer> MAX_SUBNET_HOST_ROUTES = ConfigOption.integer("network",
            "max_subnet_host_routes", 20, "Maximum number of host routes per subnet.");
    public static final ConfigOption<Integer> MAX_ALLOWED_ADDRESS_PAIR = ConfigOption.integer("network",
            "max_allowed_address_pair", 10, "Maximum number of allowed address pairs per port.");
    public static final ConfigOption<Integer> PAGINATION_MAX_LIMIT = ConfigOption.integer("network",
            "pagination_max_limit", -1, "Largest page a list returns; -1 means no limit.");
    public static final ConfigOption<Integer> QUOTA_NETWORK = ConfigOption.integer("network", "quota_network", 100,
            "Networks a project may have (-1 = unlimited).");
    public static final ConfigOption<Integer> QUOTA_SUBNET = ConfigOption.integer("network", "quota_subnet", 100,
            "Subnets a project may have (-1 = unlimited).");
    public static final ConfigOption<Integer> QUOTA_PORT = ConfigOption.integer("network", "quota_port", 500,
            "Ports a project may have (-1 = unlimited).");
    public static final ConfigOption<Integer> QUOTA_SECURITY_GROUP = ConfigOption.integer("network",
            "quota_security_group", 10, "Security groups a project may have (-1 = unlimited).");
    public static final ConfigOption<Integer> QUOTA_SECURITY_GROUP_RULE = ConfigOption.integer("network",
            "quota_security_group_rule", 100, "Security group rules a project may have (-1 = unlimited).");

    public static List<ConfigOption<?>> all() {
        return List.of(PORT, POLICY_FILE, GLOBAL_PHYSNET_MTU, TENANT_NETWORK_TYPES, VNI_RANGES, NETWORK_VLAN_RANGES,
                FLAT_NETWORKS, BASE_MAC, AGENT_DOWN_TIME, DHCP_AGENTS_PER_NETWORK, MAX_DNS_NAMESERVERS,
                MAX_SUBNET_HOST_ROUTES, MAX_ALLOWED_ADDRESS_PAIR, PAGINATION_MAX_LIMIT, QUOTA_NETWORK, QUOTA_SUBNET,
                QUOTA_PORT, QUOTA_SECURITY_GROUP, QUOTA_SECURITY_GROUP_RULE);
    }
}
