package org.apiary.compute.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apiary.common.error.ServiceException;
import org.apiary.compute.domain.SecurityGroupProxy;
import org.apiary.compute.domain.SecurityGroupProxy.Group;
import org.apiary.compute.domain.SecurityGroupProxy.Rule;
import org.apiary.compute.domain.Server;
import org.apiary.compute.domain.ServerService;
import org.apiary.http.ApiRequest;
import org.apiary.http.ApiResponse;

/**
 * Nova's security-group proxy APIs (compute/security_groups.py): os-security-groups and
 * os-security-group-rules up to 2.35 (404 from 2.36, MAX_PROXY_API_SUPPORT_VERSION), the
 * server's groups, and the addSecurityGroup / removeSecurityGroup actions (every microversion).
 */
public final class SecurityGroupsResource {
    private static final String POLICY = "os_compute_api:os-security-groups:";
    /** The last microversion of the proxy APIs. */
    static final String PROXY_UNTIL = "2.35";

    private final SecurityGroupProxy groups;
    private final ServerService servers;
    private final Authz authz;
    private final int maxLimit;

    SecurityGroupsResource(SecurityGroupProxy groups, ServerService servers, Authz authz, int maxLimit) {
        this.groups = groups;
        this.servers = servers;
        this.authz = authz;
        this.maxLimit = maxLimit;
    }

    void register(NovaRoutes routes, ServerActionsResource actions) {
        routes.addUntil("GET", "/os-security-groups", PROXY_UNTIL, this::list);
        routes.addUntil("POST", "/os-security-groups", PROXY_UNTIL, this::create);
        routes.addUntil("GET", "/os-security-groups/{id}", PROXY_UNTIL, this::show);
        routes.addUntil("PUT", "/os-security-groups/{id}", PROXY_UNTIL, this::update);
        routes.addUntil("DELETE", "/os-security-groups/{id}", PROXY_UNTIL, this::delete);
        routes.addUntil("POST", "/os-security-group-rules", PROXY_UNTIL, this::createRule);
        routes.addUntil("DELETE", "/os-security-group-rules/{id}", PROXY_UNTIL, this::deleteRule);
        routes.add("GET", "/servers/{id}/os-security-groups", this::ofServer);
        actions.add("addSecurityGroup", (req, s, b) -> serverAction(req, s, b, "add"));
        actions.add("removeSecurityGroup", (req, s, b) -> serverAction(req, s, b, "remove"));
    }

    private ServerService.Caller caller(ApiRequest req) {
        return ServerFields.caller(req, authz);
    }

    private ApiResponse list(ApiRequest req) {
        authz.enforce(req, POLICY + "get");
        List<Group> all = groups.list(caller(req), req.queryParam("all_tenants").isPresent());
        // common.limited: offset then limit, before Nova sorts by (tenant_id, name).
        int offset = Optional.ofNullable(Requests.nonNegative(req, "offset")).orElse(0);
        int limit = Requests.limit(req, maxLimit);
        List<Group> page = all.subList(Math.min(offset, all.size()), (int) Math.min((long) offset + limit, all.size()));
        List<Map<String, Object>> out = format(req, page);
        out.sort(Comparator.comparing((Map<String, Object> g) -> String.valueOf(g.get("tenant_id")))
                .thenComparing(g -> String.valueOf(g.get("name"))));
        return ApiResponse.ok(Map.of("security_groups", out));
    }

    private ApiResponse show(ApiRequest req) {
        authz.enforce(req, POLICY + "show");
        return ApiResponse.ok(Map.of("security_group", format(req, groups.get(caller(req), req.param("id")),
                new HashMap<>())));
    }

    private ApiResponse create(ApiRequest req) {
        authz.enforce(req, POLICY + "create");
        ObjectNode g = fromBody(req, "security_group");
        Group created = groups.create(caller(req), text(g, "name"), text(g, "description"));
        return ApiResponse.ok(Map.of("security_group", format(req, created, new HashMap<>())));
    }

    private ApiResponse update(ApiRequest req) {
        authz.enforce(req, POLICY + "update");
        ServerService.Caller caller = caller(req);
        groups.get(caller, req.param("id"));
        ObjectNode g = fromBody(req, "security_group");
        Group updated = groups.update(caller, req.param("id"), text(g, "name"), text(g, "description"));
        return ApiResponse.ok(Map.of("security_group", format(req, updated, new HashMap<>())));
    }

    private ApiResponse delete(ApiRequest req) {
        authz.enforce(req, POLICY + "delete");
        groups.delete(caller(req), req.param("id"));
        return ApiResponse.empty(202);
    }

    private ApiResponse createRule(ApiRequest req) {
        authz.enforce(req, POLICY + "rule:create");
        ObjectNode r = fromBody(req, "security_group_rule");
        Rule rule = groups.createRule(caller(req), scalar(r, "parent_group_id"), scalar(r, "group_id"),
                scalar(r, "ip_protocol"), scalar(r, "from_port"), scalar(r, "to_port"), scalar(r, "cidr"));
        return ApiResponse.ok(Map.of("security_group_rule", formatRule(req, rule, new HashMap<>())));
    }

    private ApiResponse deleteRule(ApiRequest req) {
        authz.enforce(req, POLICY + "rule:delete");
        groups.deleteRule(caller(req), req.param("id"));
        return ApiResponse.empty(202);
    }

    private ApiResponse ofServer(ApiRequest req) {
        ServerService.Caller caller = caller(req);
        Server s = servers.get(caller, req.param("id"));
        authz.enforce(req, POLICY + "list", Map.of("project_id", s.projectId()));
        List<Map<String, Object>> out = format(req, groups.ofServer(s.uuid()));
        out.sort(Comparator.comparing((Map<String, Object> g) -> String.valueOf(g.get("tenant_id")))
                .thenComparing(g -> String.valueOf(g.get("name"))));
        return ApiResponse.ok(Map.of("security_groups", out));
    }

    /** addSecurityGroup / removeSecurityGroup: the server was found; policy on its project, then the body. */
    private ApiResponse serverAction(ApiRequest req, Server s, JsonNode body, String what) {
        authz.enforce(req, POLICY + what, Map.of("project_id", s.projectId()));
        if (body == null || !body.isObject()) {
            throw ServiceException.badRequest("Missing parameter dict");
        }
        JsonNode name = body.get("name");
        if (name == null) {
            throw ServiceException.badRequest("Security group not specified");
        }
        if (name.isNull() || (name.isTextual() && name.asText().isBlank())) {
            throw ServiceException.badRequest("Security group name cannot be empty");
        }
        if (!name.isTextual()) {
            throw ServiceException.badRequest("Security group name must be a string");
        }
        if (what.equals("add")) {
            groups.addToServer(caller(req), s, name.asText());
        } else {
            groups.removeFromServer(caller(req), s, name.asText());
        }
        return ApiResponse.empty(202);
    }

    /** _from_body: a non-empty body with {@code key} holding an object. */
    private static ObjectNode fromBody(ApiRequest req, String key) {
        if (req.body().length == 0) {
            throw ServiceException.badRequest("The request body can't be empty");
        }
        ObjectNode body = ServerCreateBody.root(req);
        if (body.isEmpty()) {
            throw ServiceException.badRequest("The request body can't be empty");
        }
        JsonNode v = body.get(key);
        if (v == null || v.isNull()) {
            throw ServiceException.badRequest("Missing parameter " + key);
        }
        if (!v.isObject()) {
            throw ServiceException.badRequest("Invalid input for field " + key + ": not an object");
        }
        return (ObjectNode) v;
    }

    /** A name or description: a string, or null when absent (the domain then answers "not a string"). */
    private static String text(ObjectNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw ServiceException.badRequest("Security group " + field + " is not a string or unicode");
        }
        return v.asText();
    }

    /** A rule field: strings and numbers as text (Nova int()s the ports), null when absent. */
    private static String scalar(ObjectNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (v.isTextual() || v.isIntegralNumber()) {
            return v.asText();
        }
        throw ServiceException.badRequest("Invalid input for field " + field + ": " + v);
    }

    private List<Map<String, Object>> format(ApiRequest req, List<Group> list) {
        // Source groups looked up once per call (_get_group_rule_data_by_rule_group_id).
        Map<String, Optional<Group>> sources = new HashMap<>();
        list.forEach(g -> sources.put(g.id(), Optional.of(g)));
        List<Map<String, Object>> out = new ArrayList<>();
        list.forEach(g -> out.add(format(req, g, sources)));
        return out;
    }

    private Map<String, Object> format(ApiRequest req, Group g, Map<String, Optional<Group>> sources) {
        sources.putIfAbsent(g.id(), Optional.of(g));
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("id", g.id());
        v.put("description", g.description());
        v.put("name", g.name());
        v.put("tenant_id", g.projectId());
        List<Map<String, Object>> rules = new ArrayList<>();
        for (Rule r : g.rules()) {
            Map<String, Object> fr = formatRule(req, r, sources);
            if (fr != null) {
                rules.add(fr);
            }
        }
        v.put("rules", rules);
        return v;
    }

    /** A rule, or null when its source group is gone (Nova leaves such rules out). */
    private Map<String, Object> formatRule(ApiRequest req, Rule r, Map<String, Optional<Group>> sources) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("id", r.id());
        v.put("parent_group_id", r.parentGroupId());
        v.put("ip_protocol", r.protocol());
        v.put("from_port", r.fromPort());
        v.put("to_port", r.toPort());
        if (r.groupId() != null) {
            Optional<Group> source = sources.computeIfAbsent(r.groupId(), id -> groups.find(caller(req), id));
            if (source.isEmpty()) {
                return null;
            }
            v.put("group", Map.of("name", source.get().name(), "tenant_id", source.get().projectId()));
            v.put("ip_range", Map.of());
        } else {
            v.put("group", Map.of());
            v.put("ip_range", Map.of("cidr", r.cidr()));
        }
        return v;
    }
}
