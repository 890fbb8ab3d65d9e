package org.apiary.network.api;

import com.fasterxml.jackson.databind.JsonNode;
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
import org.apiary.network.domain.SecurityGroupRule;
import org.apiary.network.domain.SecurityGroupRuleSpec;
import org.apiary.network.domain.SecurityGroupService;

/** /v2.0/security-group-rules: create, list, show, delete (Neutron has no update of a rule). */
public final class SecurityGroupRulesResource {
    private static final Set<String> CREATABLE = Set.of("security_group_id", "direction", "ethertype", "protocol",
            "port_range_min", "port_range_max", "remote_ip_prefix", "remote_group_id", "description", "tenant_id",
            "project_id");

    private final SecurityGroupService groups;
    private final Authz authz;
    private final Listing listing;

    public SecurityGroupRulesResource(SecurityGroupService groups, Authz authz, Listing listing) {
        this.groups = groups;
        this.authz = authz;
        this.listing = listing;
    }

    public void register(RouteTable routes) {
        routes.add("GET", "/v2.0/security-group-rules", this::list);
        routes.add("POST", "/v2.0/security-group-rules", this::create);
        routes.add("GET", "/v2.0/security-group-rules/{id}", this::show);
        routes.add("DELETE", "/v2.0/security-group-rules/{id}", this::delete);
    }

    /** The rule's owner and its group's owner ({@code sg_owner} in the policy). */
    private static Map<String, Object> target(SecurityGroupRule r, String groupProject) {
        Map<String, Object> t = new HashMap<>();
        t.put("project_id", r.projectId());
        t.put("tenant_id", r.projectId());
        t.put("security_group:tenant_id", groupProject);
        t.put("security_group:project_id", groupProject);
        return t;
    }

    private ApiResponse list(ApiRequest req) {
        Map<String, String> groupProjects = new HashMap<>();
        groups.list().forEach(g -> groupProjects.put(g.id(), g.projectId()));
        Set<String> defaults = groups.defaultGroupIds();
        List<Map<String, Object>> visible = new ArrayList<>();
        for (SecurityGroupRule r : groups.listRules()) {
            String owner = groupProjects.get(r.securityGroupId());
            Map<String, Object> v = owner == null ? null : authz.visible(req, "security_group_rule",
                    Views.rule(r, defaults.contains(r.securityGroupId())), target(r, owner));
            if (v != null) {
                visible.add(v);
            }
        }
        return ApiResponse.ok(listing.render(req, "security_group_rules", visible, List.of()));
    }

    private Map<String, Object> visibleOr404(ApiRequest req, SecurityGroupRule r) {
        SecurityGroup g = groups.find(r.securityGroupId()).orElseThrow(() -> Faults.securityGroupRuleNotFound(r.id()));
        Map<String, Object> v = authz.visible(req, "security_group_rule", Views.rule(r, groups.isDefault(g)),
                target(r, g.projectId()));
        if (v == null) {
            throw Faults.securityGroupRuleNotFound(r.id());
        }
        return v;
    }

    private SecurityGroupRule rule(String id) {
        return groups.findRule(id).orElseThrow(() -> Faults.securityGroupRuleNotFound(id));
    }

    private ApiResponse show(ApiRequest req) {
        return ApiResponse.ok(Map.of("security_group_rule", Listing.fields(req, visibleOr404(req,
                rule(req.param("id"))))));
    }

    private ApiResponse create(ApiRequest req) {
        return BulkCreate.create(req, "security_group_rule", "security_group_rules", b -> createRule(req, b),
                r -> visibleOr404(req, r), r -> groups.deleteRule(r.id()));
    }

    private SecurityGroupRule createRule(ApiRequest req, ObjectNode b) {
        Bodies.allowOnly(b, CREATABLE, "POST");
        String groupId = Bodies.string(b, "security_group_id", 36);
        if (groupId == null) {
            throw Faults.badRequest("security_group_rule", "Failed to parse request. Required attribute "
                    + "'security_group_id' not specified");
        }
        if (!b.has("direction")) {
            throw Faults.badRequest("security_group_rule", "Failed to parse request. Required attribute "
                    + "'direction' not specified");
        }
        SecurityGroup g = groups.get(groupId);
        // A group the caller cannot see does not exist for it.
        if (authz.visible(req, "security_group", Views.securityGroup(g, false, List.of()), Map.of()) == null) {
            throw Faults.securityGroupNotFound(groupId);
        }
        String project = Bodies.project(b, req);
        Map<String, Object> t = new HashMap<>();
        t.put("project_id", project);
        t.put("tenant_id", project);
        t.put("security_group:tenant_id", g.projectId());
        t.put("security_group:project_id", g.projectId());
        authz.enforce(req, "create_security_group_rule", t, Bodies.fieldNames(b));
        return groups.createRule(new SecurityGroupRuleSpec(project, groupId,
                Bodies.string(b, "direction", 16), Bodies.string(b, "ethertype", 16), protocol(b),
                Bodies.integer(b, "port_range_min"), Bodies.integer(b, "port_range_max"),
                Bodies.string(b, "remote_ip_prefix", 64), Bodies.string(b, "remote_group_id", 36),
                Bodies.string(b, "description", 255)));
    }

    /** Neutron accepts the protocol as a name, a number, or a number in a string. */
    private static String protocol(ObjectNode b) {
        JsonNode n = b.get("protocol");
        if (n != null && n.isIntegralNumber()) {
            return n.asText();
        }
        return Bodies.string(b, "protocol", 40);
    }

    private ApiResponse delete(ApiRequest req) {
        SecurityGroupRule r = rule(req.param("id"));
        SecurityGroup g = groups.find(r.securityGroupId()).orElseThrow(() -> Faults.securityGroupRuleNotFound(r.id()));
        authz.enforceOnExisting(req, "security_group_rule", "delete_security_group_rule", target(r, g.projectId()),
                List.of(), Faults.securityGroupRuleNotFound(r.id()));
        groups.deleteRule(r.id());
        return ApiResponse.noContent();
    }
}
