package org.apiary.network.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.apiary.common.error.ErrorKind;
import org.apiary.common.error.ServiceException;
import org.apiary.http.ApiRequest;
import org.apiary.http.ApiResponse;
import org.apiary.http.RouteTable;
import org.apiary.network.domain.Faults;
import org.apiary.network.domain.Network;
import org.apiary.network.domain.NetworkService;
import org.apiary.network.domain.Port;
import org.apiary.network.domain.PortService;
import org.apiary.network.domain.SecurityGroupService;
import org.apiary.network.domain.SubnetService;
import org.apiary.network.domain.TagService;

/**
 * {@code /v2.0/{networks,subnets,ports,security-groups}/{id}/tags[/{tag}]} (standard-attr-tag),
 * with upstream's statuses: list 200, check 204, add one 201, replace all 200, remove 204. Reading
 * tags needs {@code get_<resource>} on the parent; changing them needs {@code update_<resource>}.
 */
public final class TagsResource {
    /** How a parent is found and what policy sees of it; empty when it does not exist. */
    private record Parent(String resource, Function<String, Optional<Map<String, Object>>> target) {}

    private final TagService tags;
    private final Map<String, Parent> parents = new HashMap<>();
    private final Authz authz;

    public TagsResource(TagService tags, NetworkService networks, SubnetService subnets, PortService ports,
                        SecurityGroupService groups, Authz authz) {
        this.tags = tags;
        this.authz = authz;
        parents.put("networks", new Parent("network", id -> networks.find(id)
                .map(n -> Views.network(n, List.of(), List.of()))));
        parents.put("subnets", new Parent("subnet", id -> subnets.find(id).flatMap(s -> networks.find(s.networkId())
                .map(n -> withNetwork(Views.subnet(s, List.of()), n)))));
        parents.put("ports", new Parent("port", id -> ports.find(id).flatMap(p -> networks.find(p.networkId())
                .map(n -> {
                    Map<String, Object> t = withNetwork(Views.port(p, List.of()), n);
                    t.put("network_device", Port.isNetworkDevice(p.deviceOwner()));
                    return t;
                }))));
        parents.put("security-groups", new Parent("security_group", id -> groups.find(id)
                .map(SecurityGroupsResource::target)));
    }

    private static Map<String, Object> withNetwork(Map<String, Object> view, Network n) {
        Map<String, Object> t = new HashMap<>(view);
        t.putAll(SubnetsResource.networkTarget(n));
        return t;
    }

    public void register(RouteTable routes) {
        for (String collection : parents.keySet()) {
            String base = "/v2.0/" + collection + "/{id}/tags";
            routes.add("GET", base, req -> list(req, collection));
            routes.add("PUT", base, req -> replace(req, collection));
            routes.add("DELETE", base, req -> removeAll(req, collection));
            routes.add("GET", base + "/{tag}", req -> check(req, collection));
            routes.add("PUT", base + "/{tag}", req -> add(req, collection));
            routes.add("DELETE", base + "/{tag}", req -> remove(req, collection));
        }
    }

    /** The parent's id after checking the caller may read it (404) and, when changing, update it (403). */
    private String parent(ApiRequest req, String collection, boolean change) {
        Parent p = parents.get(collection);
        String id = req.param("id");
        ServiceException notFound = Faults.of(ErrorKind.NOT_FOUND, "TagResourceNotFound", "Resource " + p.resource()
                + " " + id + " could not be found.");
        Map<String, Object> target = p.target().apply(id).orElseThrow(() -> notFound);
        if (change) {
            authz.enforceOnExisting(req, p.resource(), "update_" + p.resource(), target, List.of(), notFound);
        } else if (!authz.allows(req, "get_" + p.resource(), target)) {
            throw notFound;
        }
        return id;
    }

    private ApiResponse list(ApiRequest req, String collection) {
        return ApiResponse.ok(Map.of("tags", tags.of(parent(req, collection, false))));
    }

    private ApiResponse check(ApiRequest req, String collection) {
        String id = parent(req, collection, false);
        String tag = req.param("tag");
        if (!tags.of(id).contains(tag)) {
            throw tagNotFound(tag);
        }
        return ApiResponse.noContent();
    }

    private ApiResponse replace(ApiRequest req, String collection) {
        String id = parent(req, collection, true);
        JsonNode list = req.json().get("tags");
        if (list == null || !list.isArray()) {
            throw Faults.invalidInput("Invalid tags body");
        }
        List<String> wanted = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (JsonNode t : list) {
            if (!t.isTextual()) {
                throw Faults.invalidInput("'" + t + "' is not a valid string");
            }
            if (!seen.add(t.asText())) {
                throw Faults.invalidInput("Duplicate items in the list: '" + t.asText() + "'");
            }
            wanted.add(t.asText());
        }
        return ApiResponse.ok(Map.of("tags", tags.replace(id, wanted)));
    }

    private ApiResponse add(ApiRequest req, String collection) {
        tags.add(parent(req, collection, true), req.param("tag"));
        return ApiResponse.empty(201);
    }

    private ApiResponse remove(ApiRequest req, String collection) {
        tags.remove(parent(req, collection, true), req.param("tag"));
        return ApiResponse.noContent();
    }

    private ApiResponse removeAll(ApiRequest req, String collection) {
        tags.replace(parent(req, collection, true), List.of());
        return ApiResponse.noContent();
    }

    private static ServiceException tagNotFound(String tag) {
        return Faults.of(ErrorKind.NOT_FOUND, "TagNotFound", "Tag " + tag + " could not be found.");
    }
}
