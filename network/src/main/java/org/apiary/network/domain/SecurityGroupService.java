package org.apiary.network.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.apiary.common.Ids;
import org.apiary.common.error.ErrorKind;
import org.apiary.network.store.SecurityGroupStore;

/**
 * Security groups and rules with Neutron's validation and its per-project {@code default} group.
 * The rules are stored and served only: no host enforces them yet.
 */
public final class SecurityGroupService {
    /** Protocol names Neutron accepts (neutron_lib.constants.IP_PROTOCOL_MAP keys, plus "any"). */
    static final List<String> PROTOCOLS = List.of("ah", "dccp", "egp", "esp", "gre", "hopopt", "icmp", "igmp",
            "ip", "ipip", "ipv6-encap", "ipv6-frag", "ipv6-icmp", "icmpv6", "ipv6-nonxt", "ipv6-opts", "ipv6-route",
            "ospf", "pgm", "rsvp", "sctp", "tcp", "udp", "udplite", "vrrp");
    private static final List<String> PORT_PROTOCOLS = List.of("tcp", "udp", "udplite", "sctp", "dccp", "6", "17",
            "136", "132", "33");
    private static final List<String> ICMP_PROTOCOLS = List.of("icmp", "ipv6-icmp", "icmpv6", "1", "58");

    private final SecurityGroupStore store;
    private final QuotaService quotas;

    public SecurityGroupService(SecurityGroupStore store, QuotaService quotas) {
        this.store = store;
        this.quotas = quotas;
    }

    /** The project's default group, created on first use with Neutron's four rules. */
    public String ensureDefault(String projectId) {
        Optional<String> id = store.defaultGroupOf(projectId);
        if (id.isPresent()) {
            return id.get();
        }
        Instant now = NetworkService.now();
        String gid = Ids.uuid();
        List<SecurityGroupRule> rules = new ArrayList<>();
        for (String eth : List.of("IPv4", "IPv6")) {
            rules.add(new SecurityGroupRule(Ids.uuid(), gid, projectId, "egress", eth, null, null, null, null, null,
                    "", 0, now, now));
            rules.add(new SecurityGroupRule(Ids.uuid(), gid, projectId, "ingress", eth, null, null, null, null, gid,
                    "", 0, now, now));
        }
        return store.createDefault(new SecurityGroup(gid, projectId, "default", "Default security group", true,
                rules, 1, now, now));
    }

    /** Ids of all default groups, to mark them in lists without a query per group. */
    public java.util.Set<String> defaultGroupIds() {
        return store.defaultGroupIds();
    }

    public boolean isDefault(SecurityGroup g) {
        return store.defaultGroupOf(g.projectId()).map(g.id()::equals).orElse(false);
    }

    public SecurityGroup create(String projectId, String name, String description, Boolean stateful) {
        ensureDefault(projectId);
        if ("default".equals(name)) {
            throw Faults.of(ErrorKind.CONFLICT, "SecurityGroupDefaultAlreadyExists",
                    "Default security group already exists.");
        }
        Instant now = NetworkService.now();
        String gid = Ids.uuid();
        List<SecurityGroupRule> rules = new ArrayList<>();
        for (String eth : List.of("IPv4", "IPv6")) {
            rules.add(new SecurityGroupRule(Ids.uuid(), gid, projectId, "egress", eth, null, null, null, null, null,
                    "", 0, now, now));
        }
        return store.create(new SecurityGroup(gid, projectId, name == null ? "" : name,
                description == null ? "" : description, stateful == null || stateful, rules, 1, now, now),
                quotas.limit(projectId, "security_group"));
    }

    public Optional<SecurityGroup> find(String id) {
        return store.find(id);
    }

    public SecurityGroup get(String id) {
        return store.find(id).orElseThrow(() -> Faults.securityGroupNotFound(id));
    }

    public List<SecurityGroup> list() {
        return store.list();
    }

    public SecurityGroup update(String id, String name, String description, Boolean stateful, Long ifMatch) {
        for (int attempt = 0; attempt < 20; attempt++) {
            SecurityGroup g = get(id);
            Revisions.check(ifMatch, g.revision());
            if (name != null && !name.equals(g.name()) && (isDefault(g) || "default".equals(name))) {
                throw Faults.of(ErrorKind.CONFLICT, "SecurityGroupCannotUpdateDefault",
                        "Updating default security group not allowed.");
            }
            SecurityGroup u = new SecurityGroup(g.id(), g.projectId(), name == null ? g.name() : name,
                    description == null ? g.description() : description, stateful == null ? g.stateful() : stateful,
                    g.rules(), g.revision() + 1, g.createdAt(), NetworkService.now());
            if (store.update(u, g.revision())) {
                return u;
            }
        }
        throw Faults.concurrentUpdate();
    }

    public void delete(String id, boolean admin, Long ifMatch) {
        SecurityGroup g = get(id);
        Revisions.check(ifMatch, g.revision());
        if (isDefault(g) && !admin) {
            throw Faults.of(ErrorKind.CONFLICT, "SecurityGroupCannotRemoveDefault",
                    "Insufficient rights for removing default security group.");
        }
        store.delete(id);
    }

    public SecurityGroupRule createRule(SecurityGroupRuleSpec s) {
        SecurityGroupRule r = validate(s);
        return store.createRule(r, siblings -> {
            for (SecurityGroupRule o : siblings) {
                if (sameRule(o, r)) {
                    throw Faults.of(ErrorKind.CONFLICT, "SecurityGroupRuleExists",
                            "Security group rule already exists. Rule id is " + o.id() + ".");
                }
            }
        }, quotas.limit(s.projectId(), "security_group_rule"));
    }

    private static boolean sameRule(SecurityGroupRule a, SecurityGroupRule b) {
        return a.direction().equals(b.direction()) && a.ethertype().equals(b.ethertype())
                && Objects.equals(protocolNumber(a.protocol()), protocolNumber(b.protocol()))
                && Objects.equals(a.portRangeMin(), b.portRangeMin()) && Objects.equals(a.portRangeMax(), b.portRangeMax())
                && Objects.equals(anyPrefix(a.remoteIpPrefix()), anyPrefix(b.remoteIpPrefix()))
                && Objects.equals(a.remoteGroupId(), b.remoteGroupId());
    }

    private static String anyPrefix(String prefix) {
        return "0.0.0.0/0".equals(prefix) || "::/0".equals(prefix) ? null : prefix;
    }

    private static String protocolNumber(String p) {
        if (p == null) {
            return null;
        }
        return switch (p) {
            case "tcp" -> "6";
            case "udp" -> "17";
            case "icmp" -> "1";
            case "ipv6-icmp", "icmpv6" -> "58";
            default -> p;
        };
    }

    SecurityGroupRule validate(SecurityGroupRuleSpec s) {
        if (s.securityGroupId() == null) {
            throw Faults.invalidInput("security_group_id is required");
        }
        if (!"ingress".equals(s.direction()) && !"egress".equals(s.direction())) {
            throw Faults.invalidInput("Invalid input for direction. Reason: '" + s.direction()
                    + "' is not in ['ingress', 'egress']");
        }
        String eth = s.ethertype() == null ? "IPv4" : switch (s.ethertype().toLowerCase(Locale.ROOT)) {
            case "ipv4" -> "IPv4";
            case "ipv6" -> "IPv6";
            default -> throw Faults.invalidInput("Invalid input for ethertype. Reason: '" + s.ethertype()
                    + "' is not in ['IPv4', 'IPv6']");
        };
        String protocol = s.protocol() == null || s.protocol().isEmpty() || s.protocol().equalsIgnoreCase("any")
                ? null : s.protocol().toLowerCase(Locale.ROOT);
        if (protocol != null && !PROTOCOLS.contains(protocol)) {
            boolean number = protocol.matches("\\d{1,3}") && Integer.parseInt(protocol) <= 255;
            if (!number) {
                throw Faults.of(ErrorKind.BAD_REQUEST, "SecurityGroupRuleInvalidProtocol", "Security group rule "
                        + "protocol " + s.protocol() + " not supported. Only protocol values " + PROTOCOLS
                        + " and integer representations [0 to 255] are supported.");
            }
        }
        checkPorts(protocol, s.portRangeMin(), s.portRangeMax());
        if (s.remoteIpPrefix() != null && s.remoteGroupId() != null) {
            throw Faults.of(ErrorKind.BAD_REQUEST, "SecurityGroupRemoteGroupAndRemoteIpPrefix",
                    "Only remote_ip_prefix or remote_group_id may be provided.");
        }
        String prefix = null;
        if (s.remoteIpPrefix() != null) {
            IpAddresses.Cidr c = IpAddresses.parseCidr(s.remoteIpPrefix(), false);
            if (c == null) {
                throw Faults.invalidInput("Invalid input for remote_ip_prefix. Reason: '" + s.remoteIpPrefix()
                        + "' is not a valid IP subnet");
            }
            if ((c.version() == 4) != eth.equals("IPv4")) {
                throw Faults.of(ErrorKind.BAD_REQUEST, "SecurityGroupRuleParameterConflict", "Conflicting value "
                        + "ethertype " + eth + " for CIDR " + s.remoteIpPrefix());
            }
            prefix = c.toString();
        }
        if (s.remoteGroupId() != null && store.find(s.remoteGroupId()).isEmpty()) {
            throw Faults.securityGroupNotFound(s.remoteGroupId());
        }
        if ("ipv6-icmp".equals(protocol) || "icmpv6".equals(protocol) || "58".equals(protocol)) {
            if (eth.equals("IPv4")) {
                throw Faults.of(ErrorKind.BAD_REQUEST, "SecurityGroupEthertypeConflictWithProtocol", "Ethertype "
                        + eth + " is not supported for protocol " + protocol + ".");
            }
        }
        Instant now = NetworkService.now();
        return new SecurityGroupRule(Ids.uuid(), s.securityGroupId(), s.projectId(), s.direction(), eth, protocol,
                s.portRangeMin(), s.portRangeMax(), prefix, s.remoteGroupId(),
                s.description() == null ? "" : s.description(), 0, now, now);
    }

    private static void checkPorts(String protocol, Integer min, Integer max) {
        if (min == null && max == null) {
            return;
        }
        if (protocol == null) {
            throw Faults.of(ErrorKind.BAD_REQUEST, "SecurityGroupProtocolRequiredWithPorts",
                    "Must also specify protocol if port range is given.");
        }
        if (PORT_PROTOCOLS.contains(protocol)) {
            for (Integer p : new Integer[] {min, max}) {
                if (p != null && (p < 1 || p > 65535)) {
                    throw Faults.of(ErrorKind.BAD_REQUEST, "SecurityGroupInvalidPortValue", "Invalid value for port "
                            + p + ".");
                }
            }
            if (min == null || max == null || min > max) {
                throw Faults.of(ErrorKind.BAD_REQUEST, "SecurityGroupInvalidPortRange",
                        "For TCP/UDP protocols, port_range_min must be <= port_range_max");
            }
        } else if (ICMP_PROTOCOLS.contains(protocol)) {
            if (min != null && (min < 0 || min > 255)) {
                throw Faults.of(ErrorKind.BAD_REQUEST, "SecurityGroupInvalidIcmpValue", "Invalid value for ICMP "
                        + "type (port-range-min) " + min + ". It must be 0 to 255.");
            }
            if (max != null && (max < 0 || max > 255)) {
                throw Faults.of(ErrorKind.BAD_REQUEST, "SecurityGroupInvalidIcmpValue", "Invalid value for ICMP "
                        + "code (port-range-max) " + max + ". It must be 0 to 255.");
            }
            if (min == null) {
                throw Faults.of(ErrorKind.BAD_REQUEST, "SecurityGroupMissingIcmpType", "ICMP code (port-range-max) "
                        + max + " is provided but ICMP type (port-range-min) is missing.");
            }
        } else {
            throw Faults.invalidInput("Port range is not supported for protocol " + protocol);
        }
    }

    public Optional<SecurityGroupRule> findRule(String id) {
        return store.findRule(id);
    }

    public List<SecurityGroupRule> listRules() {
        return store.listRules();
    }

    public void deleteRule(String id) {
        store.deleteRule(id);
    }
}
