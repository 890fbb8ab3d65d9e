package org.apiary.network.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apiary.common.error.ErrorKind;
import org.apiary.http.ApiRequest;
import org.apiary.http.ApiResponse;
import org.apiary.http.RouteTable;
import org.apiary.network.domain.Faults;
import org.apiary.network.domain.QuotaService;

/**
 * /v2.0/quotas (quotasv2 and quotasv2_detail): a project reads its own limits; reading another
 * project's, listing, changing and resetting need the {@code *_quota} rules (admin by default).
 */
public final class QuotasResource {
    private static final int DB_INTEGER_MAX = 2147483647;

    private final QuotaService quotas;
    private final Authz authz;

    public QuotasResource(QuotaService quotas, Authz authz) {
        this.quotas = quotas;
        this.authz = authz;
    }

    public void register(RouteTable routes) {
        routes.add("GET", "/v2.0/quotas", this::list);
        routes.add("GET", "/v2.0/quotas/project", req -> callerProject(req, "project"));
        routes.add("GET", "/v2.0/quotas/tenant", req -> callerProject(req, "tenant"));
        routes.add("GET", "/v2.0/quotas/{project_id}", this::show);
        routes.add("GET", "/v2.0/quotas/{project_id}/default", this::defaults);
        routes.add("GET", "/v2.0/quotas/{project_id}/details", this::details);
        // Neutron still accepts the old ".json" format suffix; Tempest's quotas client sends it here.
        routes.add("GET", "/v2.0/quotas/{project_id}/details.json", this::details);
        routes.add("PUT", "/v2.0/quotas/{project_id}", this::update);
        routes.add("DELETE", "/v2.0/quotas/{project_id}", this::delete);
    }

    private static Map<String, Object> target(ApiRequest req) {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("project_id", req.auth().projectId());
        t.put("tenant_id", req.auth().projectId());
        return t;
    }

    /** Another project's limits need get_quota; one's own do not (as upstream). */
    private void checkRead(ApiRequest req, String projectId) {
        if (!projectId.equals(req.auth().projectId())) {
            authz.check(req, "get_quota", target(req));
        }
    }

    private ApiResponse list(ApiRequest req) {
        authz.check(req, "get_quota", target(req));
        List<Map<String, Object>> out = new ArrayList<>();
        quotas.overridden().forEach((project, limits) -> {
            Map<String, Object> m = new LinkedHashMap<>(limits);
            m.put("project_id", project);
            m.put("tenant_id", project);
            out.add(m);
        });
        return ApiResponse.ok(Map.of("quotas", out));
    }

    private ApiResponse callerProject(ApiRequest req, String key) {
        String project = req.auth().projectId();
        if (project == null) {
            throw Faults.of(ErrorKind.BAD_REQUEST, "QuotaMissingTenant", "Tenant-id was missing from quota request.");
        }
        return ApiResponse.ok(Map.of(key, Map.of(key + "_id", project)));
    }

    private ApiResponse show(ApiRequest req) {
        String project = req.param("project_id");
        checkRead(req, project);
        return ApiResponse.ok(Map.of("quota", quotas.limits(project)));
    }

    private ApiResponse defaults(ApiRequest req) {
        String project = req.param("project_id");
        checkRead(req, project);
        return ApiResponse.ok(Map.of("quota", quotas.defaults()));
    }

    private ApiResponse details(ApiRequest req) {
        String project = req.param("project_id");
        if (!project.equals(req.auth().projectId()) && !authz.isAdmin(req)) {
            throw Faults.of(ErrorKind.FORBIDDEN, "AdminRequired", "User does not have admin privileges: Only admin "
                    + "is authorized to access quotas for another project.");
        }
        return ApiResponse.ok(Map.of("quota", quotas.details(project)));
    }

    private ApiResponse update(ApiRequest req) {
        String project = req.param("project_id");
        authz.check(req, "update_quota", target(req));
        JsonNode inner = req.json().get("quota");
        if (inner == null || !inner.isObject()) {
            throw Faults.badRequest("quota", "Resource body required");
        }
        ObjectNode b = (ObjectNode) inner;
        boolean checkLimit = Boolean.TRUE.equals(Bodies.bool(b, "check_limit"));
        Bodies.bool(b, "force"); // validated only: limits are set without a usage check unless check_limit
        Map<String, Integer> limits = new LinkedHashMap<>();
        List<String> unknown = new ArrayList<>();
        for (Iterator<String> it = b.fieldNames(); it.hasNext(); ) {
            String resource = it.next();
            if (resource.equals("force") || resource.equals("check_limit")) {
                continue;
            }
            if (!quotas.known(resource)) {
                unknown.add(resource);
                continue;
            }
            limits.put(resource, limit(b, resource));
        }
        if (!unknown.isEmpty()) {
            throw Faults.badRequest("resource", "Unrecognized attribute(s) '" + String.join(", ", unknown) + "'");
        }
        if (checkLimit) {
            Map<String, Map<String, Integer>> usage = quotas.details(project);
            limits.forEach((resource, limit) -> {
                int used = usage.get(resource).get("used");
                if (limit >= 0 && used > limit) {
                    throw Faults.of(ErrorKind.BAD_REQUEST, "HTTPBadRequest", "Quota limit " + limit + " for "
                            + resource + " must be greater than or equal to already used " + used);
                }
            });
        }
        quotas.set(project, limits);
        return ApiResponse.ok(Map.of("quota", quotas.limits(project)));
    }

    /** Neutron's convert_to_int, then a range of [-1, DB_INTEGER_MAX_VALUE]. */
    private static int limit(ObjectNode b, String resource) {
        JsonNode n = b.get(resource);
        long v;
        if (n.isIntegralNumber() && n.canConvertToLong()) {
            v = n.asLong();
        } else if (n.isTextual() && n.asText().strip().matches("-?\\d{1,18}")) {
            v = Long.parseLong(n.asText().strip());
        } else {
            throw Faults.invalidInput("Invalid input for " + resource + ". Reason: '" + n.asText()
                    + "' is not an integer");
        }
        if (v < -1) {
            throw Faults.invalidInput("Invalid input for " + resource + ". Reason: '" + v
                    + "' is too small - must be at least '-1'");
        }
        if (v > DB_INTEGER_MAX) {
            throw Faults.invalidInput("Invalid input for " + resource + ". Reason: '" + v
                    + "' is too large - must be no larger than '" + DB_INTEGER_MAX + "'");
        }
        return (int) v;
    }

    private ApiResponse delete(ApiRequest req) {
        authz.check(req, "delete_quota", target(req));
        quotas.reset(req.param("project_id"));
        return ApiResponse.noContent();
    }
}
