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
import org.apiary.network.domain.SecurityGroup;
import org.apiary.network.domain.SecurityGroupService;
import org.apiary.network.domain.TagService;

/**
 * /v2.0/security-groups. As in Neutron, listing creates the caller's {@code default} group if the
 * project has none yet. The rules are stored and served; no host enforces them yet.
 */
public final class SecurityGroupsResource {
    private static final Set<String> UPDATABLE = Set.of("name", "description", "stateful");
    private static final Set<String> CREATABLE = Set.of("name", "description", "stateful", "tenant_id", "project_id");

    private final SecurityGroupService groups;
    private final TagService tags;
    private final Authz authz;
    private final Listing listing;

    public SecurityGroupsResource(SecurityGroupService groups, TagService tags, Authz authz, Listing listing) {
        this.groups = groups;
        this.tags = tags;
        this.authz = authz;
        this.listing = listing;
    }

    public void register(RouteTable routes) {
        routes.add("GET", "/v2.0/security-groups", this::list);
        routes.add("POST", "/v2.0/security-groups", this::create);
        routes.add("GET", "/v2.0/security-groups/{id}", this::show);
        routes.add("PUT", "/v2.0/security-groups/{id}", this::update);
        routes.add("DELETE", "/v2.0/security-groups/{id}", this::delete);
    }

    /** What policy sees of a group: its owner. */
    static Map<String, Object> target(SecurityGroup g) {
        Map<String, Object> t = new HashMap<>();
        t.put("id", g.id());
        t.put("project_id", g.projectId());
        t.put("tenant_id", g.projectId());
        return t;
    }

    private ApiResponse list(ApiRequest req) {
        String callerProject = req.auth().projectId();
        if (callerProject != null) {
            groups.ensureDefault(callerProject);
        }
        Map<String, List<String>> allTags = tags.all();
        Set<String> defaults = groups.defaultGroupIds();
        List<Map<String, Object>> visible = new ArrayList<>();
        for (SecurityGroup g : groups.list()) {
            Map<String, Object> v = authz.visible(req, "security_group", Views.securityGroup(g,
                    defaults.contains(g.id()), allTags.getOrDefault(g.id(), List.of())), Map.of());
            if (v != null) {
                visible.add(v);
            }
        }
        return ApiResponse.ok(listing.render(req, "security_groups", visible, List.of()));
    }

    private Map<String, Object> visibleOr404(ApiRequest req, SecurityGroup g) {
        Map<String, Object> v = authz.visible(req, "security_group", Views.securityGroup(g, groups.isDefault(g),
                tags.of(g.id())), Map.of());
        if (v == null) {
            throw Faults.securityGroupNotFound(g.id());
        }
        return v;
    }

    private ApiResponse show(ApiRequest req) {
        SecurityGroup g = groups.get(req.param("id"));
        return ApiResponse.ok(Map.of("security_group", Listing.fields(req, visibleOr404(req, g))));
    }

    private ApiResponse create(ApiRequest req) {
        return BulkCreate.create(req, "security_group", "security_groups", b -> {
            Bodies.allowOnly(b, CREATABLE, "POST");
            String project = Bodies.project(b, req);
            Map<String, Object> t = new HashMap<>();
            t.put("project_id", project);
            t.put("tenant_id", project);
            authz.enforce(req, "create_security_group", t, Bodies.fieldNames(b));
            return groups.create(project, Bodies.string(b, "name", 255), Bodies.string(b, "description", 255),
                    Bodies.bool(b, "stateful"));
        }, g -> visibleOr404(req, g), g -> groups.delete(g.id(), true, null));
    }

    private ApiResponse update(ApiRequest req) {
        SecurityGroup g = groups.get(req.param("id"));
        ObjectNode b = Bodies.items(req, "security_group", "security_groups", false).get(0);
        Bodies.allowOnly(b, UPDATABLE, "PUT");
        authz.enforceOnExisting(req, "security_group", "update_security_group", target(g), Bodies.fieldNames(b),
                Faults.securityGroupNotFound(g.id()));
        SecurityGroup u = groups.update(g.id(), Bodies.string(b, "name", 255), Bodies.string(b, "description", 255),
                Bodies.bool(b, "stateful"), Bodies.ifMatch(req));
        return ApiResponse.ok(Map.of("security_group", visibleOr404(req, u)));
    }

    private ApiResponse delete(ApiRequest req) {
        SecurityGroup g = groups.get(req.param("id"));
        authz.enforceOnExisting(req, "security_group", "delete_security_group", target(g), List.of(),
                Faults.securityGroupNotFound(g.id()));
        groups.delete(g.id(), authz.isAdmin(req), Bodies.ifMatch(req));
        return ApiResponse.noContent();
    }
}
