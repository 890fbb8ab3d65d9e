package org.apiary.compute.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apiary.common.error.ServiceException;
import org.apiary.compute.domain.QuotaService;
import org.apiary.compute.domain.ServerGroup;
import org.apiary.compute.domain.ServerGroupService;
import org.apiary.http.ApiRequest;
import org.apiary.http.ApiResponse;

/** /os-server-groups (server_groups.py): soft policies from 2.15, owner shown from 2.13, policy + rules from 2.64. */
public final class ServerGroupsResource {
    private static final String POLICY = "os_compute_api:os-server-groups:";

    private final ServerGroupService groups;
    private final QuotaService quotas;
    private final Authz authz;
    private final int maxLimit;

    public ServerGroupsResource(ServerGroupService groups, QuotaService quotas, Authz authz, int maxLimit) {
        this.groups = groups;
        this.quotas = quotas;
        this.authz = authz;
        this.maxLimit = maxLimit;
    }

    public void register(NovaRoutes routes) {
        routes.add("GET", "/os-server-groups", this::list);
        routes.add("POST", "/os-server-groups", this::create);
        routes.add("GET", "/os-server-groups/{id}", this::show);
        routes.add("DELETE", "/os-server-groups/{id}", this::delete);
    }

    private static Map<String, Object> view(ApiRequest req, ServerGroup g) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("id", g.uuid());
        v.put("name", g.name());
        if (req.atLeast("2.64")) {
            v.put("policy", g.policy());
            v.put("rules", g.maxServerPerHost() == null ? Map.of() : Map.of("max_server_per_host",
                    g.maxServerPerHost()));
        } else {
            v.put("policies", List.of(g.policy()));
            v.put("metadata", Map.of());
        }
        v.put("members", g.members());
        if (req.atLeast("2.13")) {
            v.put("project_id", g.projectId());
            v.put("user_id", g.userId());
        }
        return v;
    }

    private ApiResponse list(ApiRequest req) {
        Requests.queryAllows(req, List.of("all_projects", "limit", "offset"));
        authz.enforce(req, POLICY + "index");
        List<ServerGroup> all;
        if (req.query().containsKey("all_projects") && authz.isAdmin(req)) {
            authz.enforce(req, POLICY + "index:all_projects");
            all = groups.list(null);
        } else {
            all = groups.list(req.auth().projectId() == null ? "" : req.auth().projectId());
        }
        int offset = java.util.Optional.ofNullable(Requests.nonNegative(req, "offset")).orElse(0);
        int limit = Requests.limit(req, maxLimit);
        List<Map<String, Object>> out = new ArrayList<>();
        for (int i = offset; i < all.size() && out.size() < limit; i++) {
            out.add(view(req, all.get(i)));
        }
        return ApiResponse.ok(Map.of("server_groups", out));
    }

    private ApiResponse create(ApiRequest req) {
        authz.enforce(req, POLICY + "create");
        ObjectNode g = Requests.body(req, "server_group");
        boolean v264 = req.atLeast("2.64");
        Requests.allowOnly(g, "server_group", v264 ? List.of("name", "policy", "rules") : List.of("name", "policies"));
        Requests.require(g, "server_group", v264 ? new String[] {"name", "policy"} : new String[] {"name", "policies"});
        String name = Requests.name(g, "name");
        List<String> allowed = req.atLeast("2.15") ? ServerGroupService.POLICIES : List.of("anti-affinity", "affinity");
        String policy;
        Integer maxPerHost = null;
        if (v264) {
            JsonNode p = g.get("policy");
            if (!p.isTextual() || !allowed.contains(p.asText())) {
                throw Requests.invalid("server_group/policy", p, p + " is not one of " + allowed);
            }
            policy = p.asText();
            ObjectNode rules = g.has("rules") ? Requests.object(g, "rules", "server_group") : null;
            if (rules != null && !rules.isEmpty()) {
                Requests.allowOnly(rules, "server_group/rules", List.of("max_server_per_host"));
                if (!policy.equals("anti-affinity")) {
                    throw ServiceException.badRequest("Only anti-affinity policy supports rules.");
                }
                maxPerHost = Requests.integer(rules, "max_server_per_host", 1, Requests.MAX_INT);
                if (maxPerHost > 1) {
                    // Nova allows it only once every compute service is new enough; no compute host is registered.
                    throw ServiceException.conflict("Creating an anti-affinity group with rule max_server_per_host > 1 "
                            + "is not yet supported.");
                }
            }
        } else {
            JsonNode p = g.get("policies");
            if (!p.isArray() || p.size() != 1 || !p.get(0).isTextual() || !allowed.contains(p.get(0).asText())) {
                throw Requests.invalid("server_group/policies", p, p + " is not valid under the given schema: "
                        + "one of " + allowed);
            }
            policy = p.get(0).asText();
        }
        String project = req.auth().projectId() == null ? "" : req.auth().projectId();
        ServerGroup created = groups.create(project, req.auth().userId(), name, policy, maxPerHost,
                quotas.limit(project, req.auth().userId(), "server_groups"));
        return ApiResponse.ok(Map.of("server_group", view(req, created)));
    }

    private ApiResponse show(ApiRequest req) {
        ServerGroup g = groups.get(req.param("id"));
        authz.enforce(req, POLICY + "show", Map.of("project_id", g.projectId()));
        return ApiResponse.ok(Map.of("server_group", view(req, g)));
    }

    private ApiResponse delete(ApiRequest req) {
        ServerGroup g = groups.get(req.param("id"));
        authz.enforce(req, POLICY + "delete", Map.of("project_id", g.projectId()));
        groups.delete(g.uuid());
        return ApiResponse.noContent();
    }
}
