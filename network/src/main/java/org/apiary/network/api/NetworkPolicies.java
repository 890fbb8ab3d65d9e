package org.apiary.network.api;

import java.util.List;
import org.apiary.common.policy.RuleDefault;

/**
 * Neutron Zed's secure-RBAC policy defaults (neutron/conf/policies/*.py, the new check strings):
 * admin does anything, project members manage their project's resources, readers read, shared
 * and external networks are visible to all. Two differences, because our policy engine has no
 * oslo "field:" check: {@code shared}, {@code external} and {@code network_device} compare a
 * target attribute instead ({@code 'True':%(shared)s}), which the resources fill in (a subnet's
 * or port's target carries its network's {@code shared}). The security group rules also admit
 * admins, as Neutron 2023.2 does. The owner rules compare the caller's {@code project_id} (Neutron's
 * Zed spelling), not {@code tenant_id}, which our credentials do not carry; every target carries
 * both {@code project_id} and {@code tenant_id}. Subnet writes by the network's owner need its
 * member role (Neutron 2023.2's NET_OWNER_MEMBER), so a reader cannot change subnets. Everyone
 * sees {@code router:external}, as upstream does while its deprecated rule (RULE_ANY) is still
 * OR-ed in (enforce_new_defaults=False, the upstream default).
 * Overridable rule by rule from policy.yaml.
 */
public final class NetworkPolicies {
    private NetworkPolicies() {}

    private static RuleDefault r(String name, String check) {
        return new RuleDefault(name, check, "");
    }

    public static final List<RuleDefault> DEFAULTS = List.of(
            r("context_is_admin", "role:admin"),
            r("owner", "project_id:%(project_id)s"),
            r("admin_or_owner", "rule:context_is_admin or rule:owner"),
            r("context_is_advsvc", "role:advsvc"),
            r("admin_or_network_owner", "rule:context_is_admin or project_id:%(network:project_id)s"),
            r("admin_owner_or_network_owner", "rule:owner or rule:admin_or_network_owner"),
            r("network_owner", "project_id:%(network:project_id)s"),
            r("admin_only", "rule:context_is_admin"),
            r("regular_user", ""),
            r("shared", "'True':%(shared)s"),
            r("default", "rule:admin_or_owner"),
            r("admin_or_ext_parent_owner", "rule:context_is_admin or project_id:%(ext_parent:project_id)s"),
            r("ext_parent_owner", "project_id:%(ext_parent:project_id)s"),
            r("sg_owner", "project_id:%(security_group:project_id)s"),
            r("get_agent", "rule:admin_only"),
            r("update_agent", "rule:admin_only"),
            r("delete_agent", "rule:admin_only"),
            r("create_dhcp-network", "rule:admin_only"),
            r("get_dhcp-networks", "rule:admin_only"),
            r("delete_dhcp-network", "rule:admin_only"),
            r("get_dhcp-agents", "rule:admin_only"),
            r("network_device", "'True':%(network_device)s"),
            r("external", "'True':%(router:external)s"),
            r("create_network", "rule:admin_only or role:member and project_id:%(project_id)s"),
            r("create_network:shared", "rule:admin_only"),
            r("create_network:router:external", "rule:admin_only"),
            r("create_network:is_default", "rule:admin_only"),
            r("create_network:port_security_enabled", "rule:admin_only or role:member and project_id:%(project_id)s"),
            r("create_network:segments", "rule:admin_only"),
            r("create_network:provider:network_type", "rule:admin_only"),
            r("create_network:provider:physical_network", "rule:admin_only"),
            r("create_network:provider:segmentation_id", "rule:admin_only"),
            r("get_network", "rule:admin_only or role:reader and project_id:%(project_id)s or rule:shared or rule:external or rule:context_is_advsvc"),
            r("get_network:router:external", "rule:regular_user"),
            r("get_network:segments", "rule:admin_only"),
            r("get_network:provider:network_type", "rule:admin_only"),
            r("get_network:provider:physical_network", "rule:admin_only"),
            r("get_network:provider:segmentation_id", "rule:admin_only"),
            r("update_network", "rule:admin_only or role:member and project_id:%(project_id)s"),
            r("update_network:segments", "rule:admin_only"),
            r("update_network:shared", "rule:admin_only"),
            r("update_network:provider:network_type", "rule:admin_only"),
            r("update_network:provider:physical_network", "rule:admin_only"),
            r("update_network:provider:segmentation_id", "rule:admin_only"),
            r("update_network:router:external", "rule:admin_only"),
            r("update_network:is_default", "rule:admin_only"),
            r("update_network:port_security_enabled", "rule:admin_only or role:member and project_id:%(project_id)s"),
            r("delete_network", "rule:admin_only or role:member and project_id:%(project_id)s"),
            r("create_port", "rule:admin_only or role:member and project_id:%(project_id)s"),
            r("create_port:device_owner", "not rule:network_device or rule:admin_only or rule:context_is_advsvc or rule:network_owner"),
            r("create_port:mac_address", "rule:context_is_advsvc or rule:network_owner or rule:admin_only"),
            r("create_port:fixed_ips", "rule:context_is_advsvc or rule:network_owner or rule:admin_only or rule:shared"),
            r("create_port:fixed_ips:ip_address", "rule:context_is_advsvc or rule:network_owner or rule:admin_only"),
            r("create_port:fixed_ips:subnet_id", "rule:context_is_advsvc or rule:network_owner or rule:admin_only or rule:shared"),
            r("create_port:port_security_enabled", "rule:context_is_advsvc or rule:network_owner or rule:admin_only"),
            r("create_port:binding:host_id", "rule:admin_only"),
            r("create_port:binding:profile", "rule:admin_only"),
            r("create_port:binding:vnic_type", "rule:admin_only or role:member and project_id:%(project_id)s"),
            r("create_port:allowed_address_pairs", "rule:admin_only or rule:network_owner"),
            r("create_port:allowed_address_pairs:mac_address", "rule:admin_only or rule:network_owner"),
            r("create_port:allowed_address_pairs:ip_address", "rule:admin_only or rule:network_owner"),
            r("get_port", "rule:admin_only or rule:context_is_advsvc or role:reader and project_id:%(project_id)s"),
            r("get_port:binding:vif_type", "rule:admin_only"),
            r("get_port:binding:vif_details", "rule:admin_only"),
            r("get_port:binding:host_id", "rule:admin_only"),
            r("get_port:binding:profile", "rule:admin_only"),
            r("get_port:resource_request", "rule:admin_only"),
            r("update_port", "rule:admin_only or role:member and project_id:%(project_id)s or rule:context_is_advsvc"),
            r("update_port:device_owner", "not rule:network_device or rule:context_is_advsvc or rule:network_owner or rule:admin_only"),
            r("update_port:mac_address", "rule:admin_only or rule:context_is_advsvc"),
            r("update_port:fixed_ips", "rule:context_is_advsvc or rule:network_owner or rule:admin_only"),
            r("update_port:fixed_ips:ip_address", "rule:context_is_advsvc or rule:network_owner or rule:admin_only"),
            r("update_port:fixed_ips:subnet_id", "rule:context_is_advsvc or rule:network_owner or rule:admin_only or rule:shared"),
            r("update_port:port_security_enabled", "rule:context_is_advsvc or rule:network_owner or rule:admin_only"),
            r("update_port:binding:host_id", "rule:admin_only"),
            r("update_port:binding:profile", "rule:admin_only"),
            r("update_port:binding:vnic_type", "rule:admin_only or role:member and project_id:%(project_id)s or rule:context_is_advsvc"),
            r("update_port:allowed_address_pairs", "rule:admin_only or rule:network_owner"),
            r("update_port:allowed_address_pairs:mac_address", "rule:admin_only or rule:network_owner"),
            r("update_port:allowed_address_pairs:ip_address", "rule:admin_only or rule:network_owner"),
            r("update_port:data_plane_status", "rule:admin_only or role:data_plane_integrator"),
            r("delete_port", "rule:admin_only or rule:context_is_advsvc or role:member and project_id:%(project_id)s"),
            r("get_quota", "rule:admin_only"),
            r("update_quota", "rule:admin_only"),
            r("delete_quota", "rule:admin_only"),
            r("create_security_group", "rule:admin_only or role:member and project_id:%(project_id)s"),
            r("get_security_group", "rule:admin_only or role:reader and project_id:%(project_id)s"),
            r("update_security_group", "rule:admin_only or role:member and project_id:%(project_id)s"),
            r("delete_security_group", "rule:admin_only or role:member and project_id:%(project_id)s"),
            r("create_security_group_rule", "rule:admin_only or role:member and project_id:%(project_id)s"),
            r("get_security_group_rule", "rule:admin_only or role:reader and project_id:%(project_id)s or rule:sg_owner"),
            r("delete_security_group_rule", "rule:admin_only or role:member and project_id:%(project_id)s"),
            r("create_subnet", "rule:admin_only or role:member and project_id:%(project_id)s or role:member and rule:network_owner"),
            r("create_subnet:segment_id", "rule:admin_only"),
            r("create_subnet:service_types", "rule:admin_only"),
            r("get_subnet", "rule:admin_only or role:reader and project_id:%(project_id)s or rule:shared"),
            r("get_subnet:segment_id", "rule:admin_only"),
            r("update_subnet", "rule:admin_only or role:member and project_id:%(project_id)s or role:member and rule:network_owner"),
            r("update_subnet:segment_id", "rule:admin_only"),
            r("update_subnet:service_types", "rule:admin_only"),
            r("delete_subnet", "rule:admin_only or role:member and project_id:%(project_id)s or role:member and rule:network_owner"),
            r("update_security_group_rule", "rule:admin_only"));
}
