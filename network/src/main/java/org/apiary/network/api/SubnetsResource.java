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
import org.apiary.network.domain.Subnet;
import org.apiary.network.domain.SubnetService;
import org.apiary.network.domain.SubnetSpec;
import org.apiary.network.domain.TagService;

/** /v2.0/subnets. */
public final class SubnetsResource {
    private static final Set<String> UPDATABLE = Set.of("name", "description", "gateway_ip", "allocation_pools",
            "dns_nameservers", "host_routes", "enable_dhcp");
    private static final Set<String> CREATABLE = Set.of("name", "description", "gateway_ip", "allocation_pools",
            "dns_nameservers", "host_routes", "enable_dhcp", "tenant_id", "project_id", "network_id", "ip_version",
            "cidr", "ipv6_ra_mode", "ipv6_address_mode", "subnetpool_id", "service_types", "use_default_subnetpool",
            "prefixlen", "segment_id");

    private final SubnetService subnets;
    private final NetworkService networks;
    private final TagService tags;
    private final Authz authz;
    private final Listing listing;

    public SubnetsResource(SubnetService subnets, NetworkService networks, TagService tags, Authz authz,
                           Listing listing) {
        this.subnets = subnets;
        this.networks = networks;
        this.tags = tags;
        this.authz = authz;
        this.listing = listing;
    }

    public void register(RouteTable routes) {
        routes.add("GET", "/v2.0/subnets", this::list);
        routes.add("POST", "/v2.0/subnets", this::create);
        routes.add("GET", "/v2.0/subnets/{id}", this::show);
        routes.add("PUT", "/v2.0/subnets/{id}", this::update);
        routes.add("DELETE", "/v2.0/subnets/{id}", this::delete);
    }

    /** What policy sees beside the subnet: its network's owner and sharing. */
    static Map<String, Object> networkTarget(Network n) {
        Map<String, Object> t = new HashMap<>();
        t.put("network:tenant_id", n.projectId());
        t.put("network:project_id", n.projectId());
        t.put("shared", n.shared());
        t.put("router:external", n.external());
        return t;
    }

    private ApiResponse list(ApiRequest req) {
        Map<String, Network> nets = new HashMap<>();
        networks.list().forEach(n -> nets.put(n.id(), n));
        Map<String, List<String>> allTags = tags.all();
        List<Map<String, Object>> visible = new ArrayList<>();
        for (Subnet s : subnets.list()) {
            Network n = nets.get(s.networkId());
            Map<String, Object> v = n == null ? null : authz.visible(req, "subnet",
                    Views.subnet(s, allTags.getOrDefault(s.id(), List.of())), networkTarget(n));
            if (v != null) {
                visible.add(v);
            }
        }
        return ApiResponse.ok(listing.render(req, "subnets", visible, List.of()));
    }

    private Map<String, Object> visibleOr404(ApiRequest req, Subnet s) {
        Network n = networks.get(s.networkId());
        Map<String, Object> v = authz.visible(req, "subnet", Views.subnet(s, tags.of(s.id())), networkTarget(n));
        if (v == null) {
            throw Faults.subnetNotFound(s.id());
        }
        return v;
    }

    private ApiResponse show(ApiRequest req) {
        return ApiResponse.ok(Map.of("subnet", Listing.fields(req, visibleOr404(req, subnets.get(req.param("id"))))));
    }

    private ApiResponse create(ApiRequest req) {
        return BulkCreate.create(req, "subnet", "subnets", b -> {
            Bodies.allowOnly(b, CREATABLE, "POST");
            Network n = authz.parentNetwork(req, networks, b, "subnet");
            if (Bodies.string(b, "subnetpool_id", 36) != null) {
                throw Faults.badRequest("subnet", "Subnet pools are not supported");
            }
            String project = Bodies.project(b, req);
            Map<String, Object> target = networkTarget(n);
            target.put("project_id", project);
            target.put("tenant_id", project);
            authz.enforce(req, "create_subnet", target, Bodies.fieldNames(b));
            return subnets.create(spec(b, project, n.id()));
        }, s -> visibleOr404(req, s), s -> subnets.delete(s.id(), null));
    }

    private static SubnetSpec spec(ObjectNode b, String project, String networkId) {
        List<Subnet.Pool> pools = null;
        List<ObjectNode> poolNodes = Bodies.objects(b, "allocation_pools");
        if (poolNodes != null) {
            pools = new ArrayList<>();
            for (ObjectNode p : poolNodes) {
                pools.add(new Subnet.Pool(Bodies.string(p, "start", 64), Bodies.string(p, "end", 64)));
            }
        }
        List<Subnet.HostRoute> routes = null;
        List<ObjectNode> routeNodes = Bodies.objects(b, "host_routes");
        if (routeNodes != null) {
            routes = new ArrayList<>();
            for (ObjectNode r : routeNodes) {
                routes.add(new Subnet.HostRoute(Bodies.string(r, "destination", 64), Bodies.string(r, "nexthop", 64)));
            }
        }
        return new SubnetSpec(project, networkId, Bodies.string(b, "name", 255), Bodies.string(b, "description", 255),
                Bodies.integer(b, "ip_version"), Bodies.string(b, "cidr", 64), Bodies.string(b, "gateway_ip", 64),
                b.has("gateway_ip"), Bodies.bool(b, "enable_dhcp"), Bodies.string(b, "ipv6_ra_mode", 32),
                Bodies.string(b, "ipv6_address_mode", 32), pools, Bodies.strings(b, "dns_nameservers"), routes);
    }

    private void enforceExisting(ApiRequest req, Subnet s, String action, List<String> attrs) {
        Network n = networks.get(s.networkId());
        Map<String, Object> target = new HashMap<>(Views.subnet(s, List.of()));
        target.putAll(networkTarget(n));
        authz.enforceOnExisting(req, "subnet", action, target, attrs, Faults.subnetNotFound(s.id()));
    }

    private ApiResponse update(ApiRequest req) {
        Subnet s = subnets.get(req.param("id"));
        ObjectNode b = Bodies.items(req, "subnet", "subnets", false).get(0);
        Bodies.allowOnly(b, UPDATABLE, "PUT");
        enforceExisting(req, s, "update_subnet", Bodies.fieldNames(b));
        Subnet u = subnets.update(s.id(), spec(b, s.projectId(), s.networkId()), Bodies.ifMatch(req));
        return ApiResponse.ok(Map.of("subnet", visibleOr404(req, u)));
    }

    private ApiResponse delete(ApiRequest req) {
        Subnet s = subnets.get(req.param("id"));
        enforceExisting(req, s, "delete_subnet", List.of());
        subnets.delete(s.id(), Bodies.ifMatch(req));
        return ApiResponse.noContent();
    }
}
