package org.apiary.network.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apiary.http.ApiRequest;
import org.apiary.http.ApiResponse;
import org.apiary.http.RouteTable;
import org.apiary.network.domain.Faults;
import org.apiary.network.domain.Network;
import org.apiary.network.domain.NetworkService;
import org.apiary.network.domain.NetworkSpec;
import org.apiary.network.domain.SecurityGroupService;
import org.apiary.network.domain.Subnet;
import org.apiary.network.domain.SubnetService;
import org.apiary.network.domain.TagService;

/** /v2.0/networks. */
public final class NetworksResource {
    private static final Set<String> PROVIDER = Set.of("provider:network_type", "provider:physical_network",
            "provider:segmentation_id");
    private static final Set<String> UPDATABLE = Set.of("name", "description", "admin_state_up", "shared",
            "router:external", "is_default", "mtu", "port_security_enabled", "dns_domain", "provider:network_type",
            "provider:physical_network", "provider:segmentation_id");
    private static final Set<String> CREATABLE;

    static {
        Set<String> c = new java.util.HashSet<>(UPDATABLE);
        c.addAll(Set.of("tenant_id", "project_id", "availability_zone_hints"));
        CREATABLE = Set.copyOf(c);
    }

    private final NetworkService networks;
    private final SubnetService subnets;
    private final SecurityGroupService groups;
    private final TagService tags;
    private final Authz authz;
    private final Listing listing;

    public NetworksResource(NetworkService networks, SubnetService subnets, SecurityGroupService groups,
                            TagService tags, Authz authz, Listing listing) {
        this.networks = networks;
        this.subnets = subnets;
        this.groups = groups;
        this.tags = tags;
        this.authz = authz;
        this.listing = listing;
    }

    public void register(RouteTable routes) {
        routes.add("GET", "/v2.0/networks", this::list);
        routes.add("POST", "/v2.0/networks", this::create);
        routes.add("GET", "/v2.0/networks/{id}", this::show);
        routes.add("PUT", "/v2.0/networks/{id}", this::update);
        routes.add("DELETE", "/v2.0/networks/{id}", this::delete);
    }

    Map<String, Object> view(Network n, Map<String, List<String>> subnetIds, Map<String, List<String>> allTags) {
        return Views.network(n, subnetIds.getOrDefault(n.id(), List.of()), allTags.getOrDefault(n.id(), List.of()));
    }

    private Map<String, Object> view(Network n) {
        return Views.network(n, subnets.ofNetwork(n.id()).stream().map(Subnet::id).toList(), tags.of(n.id()));
    }

    private ApiResponse list(ApiRequest req) {
        Map<String, List<String>> subnetIds = subnets.list().stream().collect(Collectors.groupingBy(
                Subnet::networkId, Collectors.mapping(Subnet::id, Collectors.toList())));
        Map<String, List<String>> allTags = tags.all();
        List<Map<String, Object>> visible = new ArrayList<>();
        for (Network n : networks.list()) {
            Map<String, Object> v = authz.visible(req, "network", view(n, subnetIds, allTags), Map.of());
            if (v != null) {
                visible.add(v);
            }
        }
        return ApiResponse.ok(listing.render(req, "networks", visible, List.of()));
    }

    private Map<String, Object> visibleOr404(ApiRequest req, Network n) {
        Map<String, Object> v = authz.visible(req, "network", view(n), Map.of());
        if (v == null) {
            throw Faults.networkNotFound(n.id());
        }
        return v;
    }

    private ApiResponse show(ApiRequest req) {
        Network n = networks.get(req.param("id"));
        return ApiResponse.ok(Map.of("network", Listing.fields(req, visibleOr404(req, n))));
    }

    private ApiResponse create(ApiRequest req) {
        return BulkCreate.create(req, "network", "networks", b -> {
            Bodies.allowOnly(b, CREATABLE, "POST");
            NetworkSpec spec = spec(b, Bodies.project(b, req));
            Map<String, Object> target = new HashMap<>();
            target.put("project_id", spec.projectId());
            target.put("tenant_id", spec.projectId());
            authz.enforce(req, "create_network", target, Bodies.fieldNames(b));
            return networks.create(spec);
        }, n -> {
            // The project's default group comes with its network; if it fails, the network goes too.
            groups.ensureDefault(n.projectId());
            return authz.visible(req, "network", view(n), Map.of());
        }, n -> networks.delete(n.id(), null));
    }

    static NetworkSpec spec(ObjectNode b, String project) {
        boolean provider = PROVIDER.stream().anyMatch(b::has);
        return new NetworkSpec(project, Bodies.string(b, "name", 255), Bodies.string(b, "description", 255),
                Bodies.bool(b, "admin_state_up"), Bodies.bool(b, "shared"), Bodies.bool(b, "router:external"),
                Bodies.bool(b, "is_default"), Bodies.integer(b, "mtu"), Bodies.bool(b, "port_security_enabled"),
                Bodies.strings(b, "availability_zone_hints"), Bodies.string(b, "dns_domain", 255),
                Bodies.string(b, "provider:network_type", 32), Bodies.string(b, "provider:physical_network", 64),
                Bodies.integer(b, "provider:segmentation_id"), provider);
    }

    private ApiResponse update(ApiRequest req) {
        Network n = networks.get(req.param("id"));
        ObjectNode b = Bodies.items(req, "network", "networks", false).get(0);
        Bodies.allowOnly(b, UPDATABLE, "PUT");
        authz.enforceOnExisting(req, "network", "update_network", Views.network(n, List.of(), List.of()),
                Bodies.fieldNames(b), Faults.networkNotFound(n.id()));
        NetworkSpec spec = spec(b, n.projectId());
        if (spec.providerGiven()) {
            spec = new NetworkSpec(spec.projectId(), spec.name(), spec.description(), spec.adminStateUp(),
                    spec.shared(), spec.external(), spec.isDefault(), spec.mtu(), spec.portSecurityEnabled(),
                    spec.availabilityZoneHints(), spec.dnsDomain(),
                    b.has("provider:network_type") ? spec.networkType() : n.segment().networkType(),
                    b.has("provider:physical_network") ? spec.physicalNetwork() : n.segment().physicalNetwork(),
                    b.has("provider:segmentation_id") ? spec.segmentationId() : n.segment().segmentationId(), true);
        }
        Network u = networks.update(n.id(), spec, Bodies.ifMatch(req));
        return ApiResponse.ok(Map.of("network", visibleOr404(req, u)));
    }

    private ApiResponse delete(ApiRequest req) {
        Network n = networks.get(req.param("id"));
        authz.enforceOnExisting(req, "network", "delete_network", Views.network(n, List.of(), List.of()), List.of(),
                Faults.networkNotFound(n.id()));
        networks.delete(n.id(), Bodies.ifMatch(req));
        return ApiResponse.noContent();
    }
}
