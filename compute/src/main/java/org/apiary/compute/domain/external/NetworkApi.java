package org.apiary.compute.domain.external;

import java.util.List;
import java.util.Optional;
import org.apiary.compute.domain.Vif;

/** Neutron as the compute API and conductor use it. Failures the user caused are ServiceExceptions (4xx). */
public interface NetworkApi {
    /** A network visible to a project. {@code external}: router:external. */
    record NetworkInfo(String id, String name, String projectId, boolean shared, boolean external,
                       boolean hasSubnets, int mtu) {}

    /** A port as the API checks it before a create. */
    record PortInfo(String id, String networkId, String projectId, String deviceId, String deviceOwner,
                    String hostId) {}

    /** Networks a project may boot on: its own and shared ones, external ones excluded (for networks=auto). */
    List<NetworkInfo> bootableNetworks(String projectId);

    /** The network if it exists and the project may use it. */
    Optional<NetworkInfo> network(String networkId, String projectId);

    Optional<PortInfo> port(String portId);

    /**
     * Whether a security group the project may use exists: by id, or by name among the project's
     * own groups (neutronclient's find_resourceid_by_name_or_id, as Nova calls it).
     */
    boolean securityGroupExists(String nameOrId, String projectId);

    /**
     * Creates a port for the server (device_id = server, device_owner compute:{@code zone},
     * binding:host_id = host) on the network, with {@code fixedIp} when given, in the project's
     * security groups (names or ids; empty = default group).
     */
    Vif createPort(String serverUuid, String projectId, String networkId, String fixedIp, List<String> securityGroups,
                   String host, String zone, String tag);

    /** Binds a user's existing port to the server and host; fails when it is in use by another device. */
    Vif bindPort(String portId, String serverUuid, String host, String zone, String tag);

    /** Moves the server's ports to another host (resize to another host). */
    void rebindPorts(String serverUuid, String host);

    /** The ports whose device_id is the server, created by compute or not. */
    List<Vif> portsOf(String serverUuid);

    /** Deletes a port compute created; no-op when gone. */
    void deletePort(String portId);

    /** Clears device_id, device_owner and binding of a user's port; no-op when gone. */
    void unbindPort(String portId);

    // Security groups, for Nova's proxy APIs (os-security-groups, add/removeSecurityGroup).

    /** A Neutron security group with all its rules (both directions). */
    record SecurityGroupInfo(String id, String projectId, String name, String description,
                             List<SecurityGroupRuleInfo> rules) {
        public SecurityGroupInfo {
            rules = List.copyOf(rules);
        }
    }

    /** A Neutron rule: {@code protocol} as stored, null ports and prefix when not given. */
    record SecurityGroupRuleInfo(String id, String groupId, String direction, String ethertype, String protocol,
                                 Integer portRangeMin, Integer portRangeMax, String remoteIpPrefix,
                                 String remoteGroupId) {}

    /** An ingress rule to create in {@code projectId}; Neutron validates it (4xx on bad values). */
    record IngressRule(String projectId, String groupId, String ethertype, String protocol, Integer portRangeMin,
                       Integer portRangeMax, String remoteIpPrefix, String remoteGroupId) {}

    /** A server port's security-group state: its groups, and whether groups can apply to it at all. */
    record PortGroups(String portId, List<String> securityGroupIds, boolean portSecurityEnabled, boolean hasFixedIps) {
        public PortGroups {
            securityGroupIds = List.copyOf(securityGroupIds);
        }
    }

    /** The project's groups (its default group created on first use), or every project's when {@code all}. */
    List<SecurityGroupInfo> securityGroups(String projectId, boolean all);

    Optional<SecurityGroupInfo> securityGroup(String id);

    SecurityGroupInfo createSecurityGroup(String projectId, String name, String description);

    /** Neutron's rules apply: the default group cannot be renamed (409). */
    SecurityGroupInfo updateSecurityGroup(String id, String name, String description);

    /** 409 while a port uses it, or for the default group unless {@code admin}. */
    void deleteSecurityGroup(String id, boolean admin);

    /** 409 when an equal rule exists or the quota is used up, 400 when Neutron refuses a value. */
    SecurityGroupRuleInfo createIngressRule(IngressRule rule);

    Optional<SecurityGroupRuleInfo> securityGroupRule(String id);

    void deleteSecurityGroupRule(String id);

    /**
     * The id of the group named or identified by {@code nameOrId} as the caller finds it
     * (find_resourceid_by_name_or_id): names among the project's groups, ids among the project's
     * groups or, for an admin, any project's; empty when none, 409 when the name is not unique.
     */
    Optional<String> findSecurityGroupId(String nameOrId, String projectId, boolean admin);

    /** The ports whose device_id is the server, with their groups. */
    List<PortGroups> portGroups(String serverUuid);

    /** Replaces a port's security groups (ids); Neutron's checks apply (400 when port security is off). */
    void setPortSecurityGroups(String portId, List<String> groupIds);
}
