package org.apiary.network.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apiary.http.ApiRequest;
import org.apiary.http.ApiResponse;
import org.apiary.http.RouteTable;
import org.apiary.network.domain.Faults;
import org.apiary.network.domain.Network;
import org.apiary.network.domain.NetworkService;
import org.apiary.network.domain.Port;
import org.apiary.network.domain.PortService;
import org.apiary.network.domain.PortSpec;
import org.apiary.network.domain.TagService;

/** /v2.0/ports. */
public final class PortsResource {
    private static final Set<String> UPDATABLE = Set.of("name", "description", "admin_state_up", "mac_address",
            "fixed_ips", "device_owner", "device_id", "binding:host_id", "binding:vnic_type", "binding:profile",
            "port_security_enabled", "security_groups", "allowed_address_pairs", "dns_name", "extra_dhcp_opts");
    private static final Set<String> CREATABLE;

    static {
        Set<String> c = new java.util.HashSet<>(UPDATABLE);
        c.addAll(Set.of("network_id", "tenant_id", "project_id"));
        CREATABLE = Set.copyOf(c);
    }

    private final PortService ports;
    private final NetworkService networks;
    private final TagService tags;
    private final Authz authz;
    private final Listing listing;

    public PortsResource(PortService ports, NetworkService networks, TagService tags, Authz authz, Listing listing) {
        this.ports = ports;
        this.networks = networks;
        this.tags = tags;
        this.authz = authz;
        this.listing = listing;
    }

    public void register(RouteTable routes) {
        routes.add("GET", "/v2.0/ports", this::list);
        routes.add("POST", "/v2.0/ports", this::create);
        routes.add("GET", "/v2.0/ports/{id}", this::show);
        routes.add("PUT", "/v2.0/ports/{id}", this::update);
        routes.add("DELETE", "/v2.0/ports/{id}", this::delete);
    }

    private static Map<String, Object> target(Network n, String owner) {
        Map<String, Object> t = SubnetsResource.networkTarget(n);
        t.put("network_device", Port.isNetworkDevice(owner));
        return t;
    }

    private ApiResponse list(ApiRequest req) {
        Map<String, Network> nets = new HashMap<>();
        networks.list().forEach(n -> nets.put(n.id(), n));
        Map<String, List<String>> allTags = tags.all();
        List<Map<String, Object>> visible = new ArrayList<>();
        for (Port p : ports.list()) {
            Network n = nets.get(p.networkId());
            Map<String, Object> v = n == null ? null : authz.visible(req, "port",
                    Views.port(p, allTags.getOrDefault(p.id(), List.of())), target(n, p.deviceOwner()));
            if (v != null) {
                visible.add(v);
            }
        }
        return ApiResponse.ok(listing.render(req, "ports", visible, List.of("fixed_ips", "ip_address_substr")));
    }

    private Map<String, Object> visibleOr404(ApiRequest req, Port p) {
        Network n = networks.get(p.networkId());
        Map<String, Object> v = authz.visible(req, "port", Views.port(p, tags.of(p.id())), target(n, p.deviceOwner()));
        if (v == null) {
            throw Faults.portNotFound(p.id());
        }
        return v;
    }

    private ApiResponse show(ApiRequest req) {
        return ApiResponse.ok(Map.of("port", Listing.fields(req, visibleOr404(req, ports.get(req.param("id"))))));
    }

    private ApiResponse create(ApiRequest req) {
        return BulkCreate.create(req, "port", "ports", b -> {
            Bodies.allowOnly(b, CREATABLE, "POST");
            Network n = authz.parentNetwork(req, networks, b, "port");
            String project = Bodies.project(b, req);
            PortSpec spec = spec(b, project, n.id());
            Map<String, Object> t = target(n, spec.deviceOwner());
            t.put("project_id", project);
            t.put("tenant_id", project);
            authz.enforce(req, "create_port", t, attributes(b));
            return ports.create(spec);
        }, p -> visibleOr404(req, p), p -> ports.delete(p.id(), null));
    }

    /** Body attributes plus the sub-attributes Neutron has rules for (fixed_ips:ip_address...). */
    private static List<String> attributes(ObjectNode b) {
        List<String> attrs = new ArrayList<>(Bodies.fieldNames(b));
        List<ObjectNode> ips = b.has("fixed_ips") && b.get("fixed_ips").isArray() ? Bodies.objects(b, "fixed_ips")
                : List.of();
        for (ObjectNode ip : ips) {
            if (ip.has("ip_address")) {
                attrs.add("fixed_ips:ip_address");
            }
            if (ip.has("subnet_id")) {
                attrs.add("fixed_ips:subnet_id");
            }
        }
        return attrs;
    }

    private static PortSpec spec(ObjectNode b, String project, String networkId) {
        List<PortSpec.FixedIpSpec> fixed = null;
        List<ObjectNode> ipNodes = Bodies.objects(b, "fixed_ips");
        if (ipNodes != null) {
            fixed = new ArrayList<>();
            for (ObjectNode f : ipNodes) {
                Bodies.allowOnly(f, Set.of("subnet_id", "ip_address"), "PUT");
                fixed.add(new PortSpec.FixedIpSpec(Bodies.string(f, "subnet_id", 36), Bodies.string(f, "ip_address", 64)));
            }
        }
        List<Port.AddressPair> pairs = null;
        List<ObjectNode> pairNodes = Bodies.objects(b, "allowed_address_pairs");
        if (pairNodes != null) {
            pairs = new ArrayList<>();
            for (ObjectNode p : pairNodes) {
                Bodies.allowOnly(p, Set.of("ip_address", "mac_address"), "PUT");
                if (!p.has("ip_address")) {
                    throw Faults.invalidInput("Invalid input for allowed_address_pairs. Reason: AllowedAddressPair "
                            + "must contain ip_address");
                }
                pairs.add(new Port.AddressPair(Bodies.string(p, "ip_address", 64), Bodies.string(p, "mac_address", 32)));
            }
        }
        List<Port.DhcpOption> opts = null;
        List<ObjectNode> optNodes = Bodies.objects(b, "extra_dhcp_opts");
        if (optNodes != null) {
            opts = new ArrayList<>();
            for (ObjectNode o : optNodes) {
                String name = Bodies.string(o, "opt_name", 64);
                if (name == null || name.isEmpty()) {
                    throw Faults.invalidInput("Invalid input for extra_dhcp_opts. Reason: opt_name is required");
                }
                Integer v = Bodies.integer(o, "ip_version");
                opts.add(new Port.DhcpOption(name, Bodies.string(o, "opt_value", 255), v == null ? 4 : v));
            }
        }
        return new PortSpec(project, networkId, Bodies.string(b, "name", 255), Bodies.string(b, "description", 255),
                Bodies.bool(b, "admin_state_up"), Bodies.string(b, "mac_address", 32), fixed,
                Bodies.string(b, "device_owner", 255), Bodies.string(b, "device_id", 255),
                Bodies.string(b, "binding:host_id", 255), Bodies.string(b, "binding:vnic_type", 64),
                Bodies.map(b, "binding:profile"), Bodies.bool(b, "port_security_enabled"),
                Bodies.strings(b, "security_groups"), pairs, Bodies.string(b, "dns_name", 255), opts);
    }

    private void enforceExisting(ApiRequest req, Port p, String action, List<String> attrs) {
        Network n = networks.get(p.networkId());
        Map<String, Object> t = new HashMap<>(Views.port(p, List.of()));
        t.putAll(target(n, p.deviceOwner()));
        authz.enforceOnExisting(req, "port", action, t, attrs, Faults.portNotFound(p.id()));
    }

    private ApiResponse update(ApiRequest req) {
        Port p = ports.get(req.param("id"));
        ObjectNode b = Bodies.items(req, "port", "ports", false).get(0);
        Bodies.allowOnly(b, UPDATABLE, "PUT");
        enforceExisting(req, p, "update_port", attributes(b));
        Port u = ports.update(p.id(), spec(b, p.projectId(), p.networkId()), Bodies.ifMatch(req));
        return ApiResponse.ok(Map.of("port", visibleOr404(req, u)));
    }

    private ApiResponse delete(ApiRequest req) {
        Port p = ports.get(req.param("id"));
        enforceExisting(req, p, "delete_port", List.of());
        ports.delete(p.id(), Bodies.ifMatch(req));
        return ApiResponse.noContent();
    }
}
