package org.apiary.compute.domain;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.apiary.common.error.ErrorKind;
import org.apiary.common.error.ServiceException;
import org.apiary.compute.domain.ServerService.Caller;
import org.apiary.compute.domain.external.NetworkApi;
import org.apiary.compute.domain.external.NetworkApi.SecurityGroupInfo;
import org.apiary.compute.domain.external.NetworkApi.SecurityGroupRuleInfo;

/**
 * Nova's security-group proxy over Neutron (nova/network/security_group_api.py): Nova's view of a
 * group (ingress rules only, from/to ports, a cidr or a source group), Nova's rule building and
 * its error mapping, and adding/removing a group on every port of a server.
 */
public final class SecurityGroupProxy {
    private static final Pattern UUID_LIKE = Pattern.compile(
            "(?i)^\\{?[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}\\}?$");

    /** A rule as Nova shows it; {@code groupId} null means a cidr rule. */
    public record Rule(String id, String parentGroupId, String protocol, Integer fromPort, Integer toPort,
                       String groupId, String cidr) {}

    /** A group as Nova shows it: only its ingress rules. */
    public record Group(String id, String projectId, String name, String description, List<Rule> rules) {}

    private final NetworkApi network;

    public SecurityGroupProxy(NetworkApi network) {
        this.network = network;
    }

    /** The caller's groups; an admin asking for all tenants gets every project's. */
    public List<Group> list(Caller caller, boolean allTenants) {
        return network.securityGroups(caller.projectId(), caller.admin() && allTenants).stream()
                .map(SecurityGroupProxy::group).toList();
    }

    /** A group the caller can see (Neutron hides other projects' groups from non-admins). */
    public Group get(Caller caller, String id) {
        validateId(id);
        return find(caller, id).orElseThrow(() -> ServiceException.notFound("Security group " + id
                + " does not exist"));
    }

    /** The group if the caller can see it, without validating the id (a rule's source group). */
    public Optional<Group> find(Caller caller, String id) {
        return network.securityGroup(id).filter(g -> caller.admin() || Objects.equals(g.projectId(),
                caller.projectId())).map(SecurityGroupProxy::group);
    }

    public Group create(Caller caller, String name, String description) {
        checkLength("name", name);
        checkLength("description", description);
        try {
            return group(network.createSecurityGroup(caller.projectId(), name, description));
        } catch (ServiceException e) {
            // Neutron's 409 here is its quota: Nova answers SecurityGroupLimitExceeded (403).
            throw e.kind() == ErrorKind.CONFLICT ? ServiceException.forbidden(e.getMessage()) : badRequestFor(e);
        }
    }

    public Group update(Caller caller, String id, String name, String description) {
        get(caller, id);
        checkLength("name", name);
        checkLength("description", description);
        try {
            return group(network.updateSecurityGroup(id, name, description));
        } catch (ServiceException e) {
            throw badRequestFor(e);
        }
    }

    /** A group in use, or the default group, cannot be deleted: Nova turns Neutron's 409 into a 400. */
    public void delete(Caller caller, String id) {
        get(caller, id);
        try {
            network.deleteSecurityGroup(id, caller.admin());
        } catch (ServiceException e) {
            throw badRequestFor(e);
        }
    }

    /**
     * Adds an ingress rule the way Nova's API builds it ({@code _new_ingress_rule}); the ports are
     * what the client sent (numbers or numeric strings), null when absent.
     */
    public Rule createRule(Caller caller, String parentGroupId, String groupId, String ipProtocol, String fromPort,
                           String toPort, String cidr) {
        validateId(parentGroupId);
        Group parent = get(caller, parentGroupId);
        if (groupId != null) {
            validateId(groupId);
            get(caller, groupId);
        }
        NovaRules.NewRule rule = groupId != null ? NovaRules.build(ipProtocol, fromPort, toPort, groupId, null)
                : NovaRules.build(ipProtocol, fromPort, toPort, null, NovaRules.parseCidr(cidr));
        if (rule == null) {
            throw ServiceException.badRequest("Not enough parameters to build a valid rule.");
        }
        if (rule.cidr() != null && NovaRules.badZeroPrefix(rule.cidr())) {
            throw ServiceException.badRequest("Bad prefix for network in cidr " + rule.cidr());
        }
        for (Rule r : parent.rules()) {
            // _rule_exists: a group rule never matches on cidr there, so only cidr rules compare it.
            if (Objects.equals(r.groupId(), rule.groupId()) && rule.cidr() != null
                    && Objects.equals(r.cidr(), rule.cidr()) && Objects.equals(r.fromPort(), rule.fromPort())
                    && Objects.equals(r.toPort(), rule.toPort())
                    && Objects.equals(lower(r.protocol()), lower(rule.protocol()))) {
                throw ServiceException.badRequest("This rule already exists in group " + parentGroupId);
            }
        }
        String ethertype = rule.cidr() != null && rule.cidr().contains(":") ? "IPv6" : "IPv4";
        try {
            SecurityGroupRuleInfo created = network.createIngressRule(new NetworkApi.IngressRule(caller.projectId(),
                    parent.id(), ethertype, rule.protocol(), port(rule.fromPort()), port(rule.toPort()),
                    rule.cidr(), rule.groupId()));
            return rule(created);
        } catch (ServiceException e) {
            throw switch (e.kind()) {
                case NOT_FOUND -> ServiceException.notFound(e.getMessage());
                case CONFLICT -> ServiceException.forbidden(e.getMessage());
                default -> badRequestFor(e);
            };
        }
    }

    /** Nova sends -1 (ICMP "any") as no port at all. */
    private static Integer port(Integer p) {
        return p == null || p == -1 ? null : p;
    }

    public void deleteRule(Caller caller, String id) {
        validateId(id);
        SecurityGroupRuleInfo rule = network.securityGroupRule(id).orElseThrow(() -> ServiceException.notFound(
                "Security group rule " + id + " does not exist"));
        get(caller, rule.groupId());
        network.deleteSecurityGroupRule(id);
    }

    /** The groups of the server's ports, one entry per port and group, as Nova lists them. */
    public List<Group> ofServer(String serverUuid) {
        List<Group> out = new ArrayList<>();
        for (NetworkApi.PortGroups p : network.portGroups(serverUuid)) {
            for (String id : p.securityGroupIds()) {
                network.securityGroup(id).map(SecurityGroupProxy::group).ifPresent(out::add);
            }
        }
        return out;
    }

    /** Adds the project's group (name or id) to each of the server's ports (add_to_instance). */
    public void addToServer(Caller caller, Server server, String nameOrId) {
        String id = resolve(caller, nameOrId);
        List<NetworkApi.PortGroups> ports = portsOf(server);
        for (NetworkApi.PortGroups p : ports) {
            if (!p.portSecurityEnabled() || !p.hasFixedIps()) {
                throw ServiceException.badRequest("Network requires port_security_enabled and subnet associated in "
                        + "order to apply security groups.");
            }
        }
        for (NetworkApi.PortGroups p : ports) {
            Set<String> groups = new LinkedHashSet<>(p.securityGroupIds());
            groups.add(id);
            try {
                network.setPortSecurityGroups(p.portId(), List.copyOf(groups));
            } catch (ServiceException e) {
                throw badRequestFor(e);
            }
        }
    }

    /** Removes the group from the server's ports that have it; 404 when none had it (remove_from_instance). */
    public void removeFromServer(Caller caller, Server server, String nameOrId) {
        String id = resolve(caller, nameOrId);
        boolean found = false;
        for (NetworkApi.PortGroups p : portsOf(server)) {
            if (p.securityGroupIds().contains(id)) {
                List<String> rest = new ArrayList<>(p.securityGroupIds());
                rest.remove(id);
                network.setPortSecurityGroups(p.portId(), rest);
                found = true;
            }
        }
        if (!found) {
            throw ServiceException.notFound("Security group " + nameOrId + " not associated with the instance "
                    + server.uuid());
        }
    }

    private String resolve(Caller caller, String nameOrId) {
        try {
            return network.findSecurityGroupId(nameOrId, caller.projectId(), caller.admin())
                    .orElseThrow(() -> ServiceException.notFound("Security group " + nameOrId
                            + " is not found for project " + caller.projectId()));
        } catch (ServiceException e) {
            throw e.kind() == ErrorKind.CONFLICT ? ServiceException.conflict(e.getMessage()) : e;
        }
    }

    private List<NetworkApi.PortGroups> portsOf(Server server) {
        List<NetworkApi.PortGroups> ports = network.portGroups(server.uuid());
        if (ports.isEmpty()) {
            throw ServiceException.notFound("instance_id " + server.uuid() + " could not be found as device id on "
                    + "any ports");
        }
        return ports;
    }

    static void validateId(String id) {
        if (id == null || !UUID_LIKE.matcher(id).matches()) {
            throw ServiceException.badRequest("Security group id should be uuid");
        }
    }

    /** utils.check_string_length(value, min 0, max 255). */
    private static void checkLength(String property, String value) {
        if (value == null) {
            throw ServiceException.badRequest("Security group " + property + " is not a string or unicode");
        }
        if (value.length() > 255) {
            throw ServiceException.badRequest(property + " has a maximum length of 255 characters.");
        }
    }

    /** Nova's exception.Invalid: whatever Neutron refused is the client's 400, other kinds pass through. */
    private static ServiceException badRequestFor(ServiceException e) {
        return e.kind() == ErrorKind.BAD_REQUEST || e.kind() == ErrorKind.CONFLICT
                ? ServiceException.badRequest(e.getMessage()) : e;
    }

    private static String lower(String s) {
        return s == null ? null : s.toLowerCase(Locale.ROOT);
    }

    private static Group group(SecurityGroupInfo g) {
        List<Rule> rules = g.rules().stream().filter(r -> "ingress".equals(r.direction()))
                .map(SecurityGroupProxy::rule).toList();
        return new Group(g.id(), g.projectId(), g.name(), g.description(), rules);
    }

    /** _convert_to_nova_security_group_rule_format. */
    static Rule rule(SecurityGroupRuleInfo r) {
        Integer from = r.portRangeMin();
        Integer to = r.portRangeMax();
        if (r.protocol() != null && from == null && to == null) {
            boolean tcpUdp = List.of("tcp", "udp").contains(r.protocol().toLowerCase(Locale.ROOT));
            from = tcpUdp ? 1 : -1;
            to = tcpUdp ? 65535 : -1;
        }
        String cidr = r.remoteIpPrefix() == null || r.remoteIpPrefix().isEmpty() ? "0.0.0.0/0" : r.remoteIpPrefix();
        return new Rule(r.id(), r.groupId(), r.protocol(), from, to, r.remoteGroupId(), cidr);
    }
}
