package org.apiary.network.api;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apiary.network.domain.Agent;
import org.apiary.network.domain.Network;
import org.apiary.network.domain.Port;
import org.apiary.network.domain.SecurityGroup;
import org.apiary.network.domain.SecurityGroupRule;
import org.apiary.network.domain.Subnet;

/** Domain records in Neutron's JSON shape. */
final class Views {
    private static final DateTimeFormatter AGENT_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneOffset.UTC);

    private Views() {}

    static String time(Instant t) {
        return DateTimeFormatter.ISO_INSTANT.format(t);
    }

    private static void standard(Map<String, Object> m, String projectId, long rev, Instant created, Instant updated,
                                 List<String> tags) {
        m.put("tenant_id", projectId);
        m.put("project_id", projectId);
        m.put("tags", tags);
        m.put("created_at", time(created));
        m.put("updated_at", time(updated));
        m.put("revision_number", rev);
    }

    static Map<String, Object> network(Network n, List<String> subnetIds, List<String> tags) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", n.id());
        m.put("name", n.name());
        m.put("admin_state_up", n.adminStateUp());
        m.put("mtu", n.mtu());
        m.put("status", n.status());
        m.put("subnets", subnetIds);
        m.put("shared", n.shared());
        m.put("availability_zone_hints", n.availabilityZoneHints());
        m.put("availability_zones", List.of());
        m.put("ipv4_address_scope", null);
        m.put("ipv6_address_scope", null);
        m.put("router:external", n.external());
        m.put("description", n.description());
        m.put("port_security_enabled", n.portSecurityEnabled());
        m.put("is_default", n.isDefault());
        m.put("dns_domain", n.dnsDomain());
        m.put("l2_adjacency", true);
        m.put("provider:network_type", n.segment().networkType());
        m.put("provider:physical_network", n.segment().physicalNetwork());
        m.put("provider:segmentation_id", n.segment().segmentationId());
        standard(m, n.projectId(), n.revision(), n.createdAt(), n.updatedAt(), tags);
        return m;
    }

    static Map<String, Object> subnet(Subnet s, List<String> tags) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", s.id());
        m.put("name", s.name());
        m.put("network_id", s.networkId());
        m.put("ip_version", s.ipVersion());
        m.put("subnetpool_id", null);
        m.put("enable_dhcp", s.enableDhcp());
        m.put("ipv6_ra_mode", s.ipv6RaMode());
        m.put("ipv6_address_mode", s.ipv6AddressMode());
        m.put("gateway_ip", s.gatewayIp());
        m.put("cidr", s.cidr());
        List<Map<String, String>> pools = new ArrayList<>();
        s.allocationPools().forEach(p -> pools.add(Map.of("start", p.start(), "end", p.end())));
        m.put("allocation_pools", pools);
        List<Map<String, String>> routes = new ArrayList<>();
        s.hostRoutes().forEach(r -> routes.add(Map.of("destination", r.destination(), "nexthop", r.nexthop())));
        m.put("host_routes", routes);
        m.put("dns_nameservers", s.dnsNameservers());
        m.put("description", s.description());
        m.put("service_types", List.of());
        m.put("segment_id", null);
        standard(m, s.projectId(), s.revision(), s.createdAt(), s.updatedAt(), tags);
        return m;
    }

    static Map<String, Object> port(Port p, List<String> tags) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", p.id());
        m.put("name", p.name());
        m.put("network_id", p.networkId());
        m.put("mac_address", p.macAddress());
        m.put("admin_state_up", p.adminStateUp());
        m.put("status", p.status());
        m.put("device_id", p.deviceId());
        m.put("device_owner", p.deviceOwner());
        List<Map<String, String>> ips = new ArrayList<>();
        p.fixedIps().forEach(f -> ips.add(Map.of("subnet_id", f.subnetId(), "ip_address", f.ipAddress())));
        m.put("fixed_ips", ips);
        List<Map<String, String>> pairs = new ArrayList<>();
        p.allowedAddressPairs().forEach(a -> pairs.add(Map.of("ip_address", a.ipAddress(),
                "mac_address", a.macAddress() == null ? p.macAddress() : a.macAddress())));
        m.put("allowed_address_pairs", pairs);
        List<Map<String, Object>> opts = new ArrayList<>();
        p.extraDhcpOpts().forEach(o -> opts.add(Map.of("opt_name", o.optName(), "opt_value", o.optValue(),
                "ip_version", o.ipVersion())));
        m.put("extra_dhcp_opts", opts);
        m.put("security_groups", p.securityGroups());
        m.put("description", p.description());
        m.put("binding:vnic_type", p.vnicType());
        m.put("binding:profile", p.profile());
        m.put("binding:host_id", p.hostId());
        m.put("binding:vif_type", p.vifType());
        m.put("binding:vif_details", p.vifDetails());
        m.put("port_security_enabled", p.portSecurityEnabled());
        m.put("dns_name", p.dnsName());
        standard(m, p.projectId(), p.revision(), p.createdAt(), p.updatedAt(), tags);
        return m;
    }

    static Map<String, Object> rule(SecurityGroupRule r, boolean inDefault) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", r.id());
        m.put("security_group_id", r.securityGroupId());
        m.put("direction", r.direction());
        m.put("ethertype", r.ethertype());
        m.put("protocol", r.protocol());
        m.put("port_range_min", r.portRangeMin());
        m.put("port_range_max", r.portRangeMax());
        m.put("remote_ip_prefix", r.remoteIpPrefix());
        m.put("remote_group_id", r.remoteGroupId());
        m.put("remote_address_group_id", null);
        m.put("normalized_cidr", r.remoteIpPrefix());
        m.put("description", r.description());
        m.put("belongs_to_default_sg", inDefault);
        m.put("tenant_id", r.projectId());
        m.put("project_id", r.projectId());
        m.put("created_at", time(r.createdAt()));
        m.put("updated_at", time(r.updatedAt()));
        m.put("revision_number", r.revision());
        return m;
    }

    static Map<String, Object> securityGroup(SecurityGroup g, boolean isDefault, List<String> tags) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", g.id());
        m.put("name", g.name());
        m.put("description", g.description());
        m.put("stateful", g.stateful());
        m.put("shared", false);
        List<Map<String, Object>> rules = new ArrayList<>();
        g.rules().forEach(r -> rules.add(rule(r, isDefault)));
        m.put("security_group_rules", rules);
        standard(m, g.projectId(), g.revision(), g.createdAt(), g.updatedAt(), tags);
        return m;
    }

    static Map<String, Object> agent(Agent a, boolean alive) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", a.id());
        m.put("agent_type", a.agentType());
        m.put("binary", a.binary());
        m.put("topic", a.topic());
        m.put("host", a.host());
        m.put("admin_state_up", a.adminStateUp());
        m.put("alive", alive);
        m.put("availability_zone", a.availabilityZone());
        m.put("description", a.description());
        m.put("configurations", a.configurations());
        m.put("created_at", AGENT_TIME.format(a.createdAt()));
        m.put("started_at", AGENT_TIME.format(a.startedAt()));
        m.put("heartbeat_timestamp", AGENT_TIME.format(a.heartbeatAt()));
        m.put("resources_synced", null);
        return m;
    }
}
