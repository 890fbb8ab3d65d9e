package org.apiary.compute.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apiary.common.error.ServiceException;
import org.apiary.compute.domain.QuotaService;
import org.apiary.http.ApiRequest;
import org.apiary.http.ApiResponse;

/**
 * /os-quota-sets (quota_sets.py) and /limits (limits.py). Fields that left with the proxy APIs
 * are hidden from 2.36 (network ones) and 2.57 (injected files); maxImageMeta from 2.39.
 */
public final class QuotaSetsResource {
    private static final String POLICY = "os_compute_api:os-quota-sets:";
    private static final List<String> GONE_2_36 = List.of("fixed_ips", "floating_ips", "security_group_rules",
            "security_groups");
    private static final List<String> GONE_2_57 = List.of("fixed_ips", "floating_ips", "security_group_rules",
            "security_groups", "injected_files", "injected_file_content_bytes", "injected_file_path_bytes");
    /** views/limits.py limit_names, in its order. */
    private static final Map<String, List<String>> LIMIT_NAMES = limitNames();

    private final QuotaService quotas;
    private final Authz authz;
    private final ProjectVerifier projects;

    public QuotaSetsResource(QuotaService quotas, Authz authz, ProjectVerifier projects) {
        this.quotas = quotas;
        this.authz = authz;
        this.projects = projects;
    }

    public void register(NovaRoutes routes) {
        routes.add("GET", "/os-quota-sets/{project}", this::show);
        routes.add("GET", "/os-quota-sets/{project}/detail", this::detail);
        routes.add("GET", "/os-quota-sets/{project}/defaults", this::defaults);
        routes.add("PUT", "/os-quota-sets/{project}", this::update);
        routes.add("DELETE", "/os-quota-sets/{project}", this::delete);
        routes.add("GET", "/limits", this::limits);
    }

    private static List<String> hidden(ApiRequest req) {
        return req.atLeast("2.57") ? GONE_2_57 : req.atLeast("2.36") ? GONE_2_36 : List.of();
    }

    private static Map<String, Object> format(ApiRequest req, String id, Map<String, ?> values) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (id != null) {
            out.put("id", id);
        }
        List<String> hidden = hidden(req);
        for (String r : QuotaService.RESOURCES) {
            if (!hidden.contains(r) && values.containsKey(r)) {
                out.put(r, values.get(r));
            }
        }
        return Map.of("quota_set", out);
    }

    private static String user(ApiRequest req) {
        Requests.queryAllows(req, List.of("user_id"));
        return req.queryParam("user_id").filter(u -> !u.isEmpty()).orElse(null);
    }

    private ApiResponse show(ApiRequest req) {
        String project = req.param("project");
        authz.enforce(req, POLICY + "show", Map.of("project_id", project));
        projects.verify(req, project);
        return ApiResponse.ok(format(req, project, quotas.limits(project, user(req))));
    }

    private ApiResponse detail(ApiRequest req) {
        String project = req.param("project");
        authz.enforce(req, POLICY + "detail", Map.of("project_id", project));
        projects.verify(req, project);
        Map<String, Object> values = new LinkedHashMap<>();
        quotas.usages(project, user(req)).forEach((r, u) -> values.put(r, Map.of("limit", u.limit(),
                "in_use", u.inUse(), "reserved", u.reserved())));
        return ApiResponse.ok(format(req, project, values));
    }

    private ApiResponse defaults(ApiRequest req) {
        String project = req.param("project");
        authz.enforce(req, POLICY + "defaults", Map.of("project_id", project));
        projects.verify(req, project);
        return ApiResponse.ok(format(req, project, quotas.defaults()));
    }

    private ApiResponse update(ApiRequest req) {
        String project = req.param("project");
        authz.enforce(req, POLICY + "update", Map.of("project_id", project));
        projects.verify(req, project);
        String userId = user(req);
        ObjectNode set = Requests.body(req, "quota_set");
        List<String> allowed = new ArrayList<>(QuotaService.RESOURCES);
        allowed.removeAll(hidden(req));
        allowed.add("force");
        if (!req.atLeast("2.36")) {
            allowed.add("networks");
        }
        Requests.allowOnly(set, "quota_set", allowed);
        if (set.has("networks")) {
            throw ServiceException.badRequest("The networks quota has been removed");
        }
        boolean force = set.has("force") && Requests.bool(set, "force");
        Map<String, Integer> requested = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = set.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().equals("force")) {
                continue;
            }
            requested.put(e.getKey(), Requests.integer(set, e.getKey(), -1, Requests.MAX_INT));
        }
        quotas.update(project, userId, requested, force);
        return ApiResponse.ok(format(req, null, quotas.limits(project, userId)));
    }

    private ApiResponse delete(ApiRequest req) {
        String project = req.param("project");
        authz.enforce(req, POLICY + "delete", Map.of("project_id", project));
        quotas.delete(project, user(req));
        return ApiResponse.empty(202);
    }

    private ApiResponse limits(ApiRequest req) {
        Requests.queryAllows(req, List.of("tenant_id"));
        authz.enforce(req, "os_compute_api:limits");
        String project = req.auth().projectId();
        if (req.queryParam("tenant_id").isPresent()) {
            project = req.queryParam("tenant_id").get();
            authz.enforce(req, "os_compute_api:limits:other_project", Map.of("project_id", project));
        }
        List<String> hidden = req.atLeast("2.57") ? List.of("floating_ips", "security_groups",
                "security_group_rules", "injected_files", "injected_file_content_bytes")
                : req.atLeast("2.36") ? List.of("floating_ips", "security_groups", "security_group_rules") : List.of();
        Map<String, QuotaService.Usage> usage = quotas.usages(project == null ? "" : project, null);
        Map<String, Object> absolute = new LinkedHashMap<>();
        LIMIT_NAMES.forEach((resource, names) -> {
            if (usage.containsKey(resource) && !hidden.contains(resource)) {
                for (String n : names) {
                    if (!(n.equals("maxImageMeta") && req.atLeast("2.39"))) {
                        absolute.put(n, usage.get(resource).limit());
                    }
                }
            }
        });
        Map<String, String> used = new LinkedHashMap<>();
        used.put("totalRAMUsed", "ram");
        used.put("totalCoresUsed", "cores");
        used.put("totalInstancesUsed", "instances");
        used.put("totalFloatingIpsUsed", "floating_ips");
        used.put("totalSecurityGroupsUsed", "security_groups");
        used.put("totalServerGroupsUsed", "server_groups");
        used.forEach((name, resource) -> {
            if (!hidden.contains(resource)) {
                absolute.put(name, usage.get(resource).inUse());
            }
        });
        return ApiResponse.ok(Map.of("limits", Map.of("rate", List.of(), "absolute", absolute)));
    }

    private static Map<String, List<String>> limitNames() {
        Map<String, List<String>> m = new LinkedHashMap<>();
        m.put("ram", List.of("maxTotalRAMSize"));
        m.put("instances", List.of("maxTotalInstances"));
        m.put("cores", List.of("maxTotalCores"));
        m.put("key_pairs", List.of("maxTotalKeypairs"));
        m.put("floating_ips", List.of("maxTotalFloatingIps"));
        m.put("metadata_items", List.of("maxServerMeta", "maxImageMeta"));
        m.put("injected_files", List.of("maxPersonality"));
        m.put("injected_file_content_bytes", List.of("maxPersonalitySize"));
        m.put("security_groups", List.of("maxSecurityGroups"));
        m.put("security_group_rules", List.of("maxSecurityGroupRules"));
        m.put("server_groups", List.of("maxServerGroups"));
        m.put("server_group_members", List.of("maxServerGroupMembers"));
        return m;
    }
}
