package org.apiary.compute.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apiary.common.error.ServiceException;
import org.apiary.compute.domain.Faults;
import org.apiary.compute.domain.InstanceAction;
import org.apiary.compute.domain.ServerService;
import org.apiary.http.ApiRequest;
import org.apiary.http.ApiResponse;

/**
 * /servers/{id}/os-instance-actions (instance_actions.py): deleted servers' actions from 2.21,
 * updated_at and paging from 2.58, events for everyone from 2.51 (tracebacks only per policy),
 * host and hostId from 2.62, details from 2.84.
 */
final class InstanceActionsResource {
    private static final String POLICY = "os_compute_api:os-instance-actions:";

    private final ServerService servers;
    private final Authz authz;
    private final int maxLimit;

    InstanceActionsResource(ServerService servers, Authz authz, int maxLimit) {
        this.servers = servers;
        this.authz = authz;
        this.maxLimit = maxLimit;
    }

    void register(NovaRoutes routes) {
        routes.add("GET", "/servers/{id}/os-instance-actions", this::list);
        routes.add("GET", "/servers/{id}/os-instance-actions/{request_id}", this::show);
    }

    /**
     * The policy target: the server's project. Before 2.21 the server must not be deleted; from
     * 2.21 the actions of deleted servers stay readable, and the service has checked that a
     * non-admin caller is in the server's project, so the caller's project is the server's.
     */
    private Map<String, Object> target(ApiRequest req, ServerService.Caller c, String uuid) {
        if (!req.atLeast("2.21")) {
            return ServersResource.target(servers.get(c, uuid));
        }
        servers.actions(c, uuid);
        return c.projectId() == null ? Map.of() : Map.of("project_id", c.projectId());
    }

    private ApiResponse list(ApiRequest req) {
        ServerService.Caller c = ServerFields.caller(req, authz);
        String uuid = req.param("id");
        Map<String, Object> target = target(req, c, uuid);
        authz.enforce(req, POLICY + "list", target);
        boolean v258 = req.atLeast("2.58");
        List<InstanceAction> all = servers.actions(c, uuid);
        List<InstanceAction> page = all;
        Map<String, Object> body = new LinkedHashMap<>();
        if (v258) {
            List<String> known = new ArrayList<>(List.of("limit", "marker", "changes-since"));
            if (req.atLeast("2.66")) {
                known.add("changes-before");
            }
            List<String> extra = req.query().keySet().stream().filter(k -> !known.contains(k)).toList();
            if (!extra.isEmpty()) {
                throw ServiceException.badRequest("Invalid input for query parameters " + String.join(", ", extra)
                        + ". Additional properties are not allowed ('" + String.join("', '", extra) + "' "
                        + (extra.size() == 1 ? "was" : "were") + " unexpected)");
            }
            page = page(req, all);
        }
        List<Map<String, Object>> items = new ArrayList<>();
        page.forEach(a -> items.add(action(a, v258)));
        body.put("instanceActions", items);
        if (v258) {
            List<Map<String, String>> next = Links.next(req, "servers/" + uuid + "/os-instance-actions", page.size(),
                    page.isEmpty() ? null : page.get(page.size() - 1).requestId(), maxLimit);
            if (!next.isEmpty()) {
                body.put("links", next);
            }
        }
        return ApiResponse.ok(body);
    }

    /** changes-since/-before on updated_at, then the marker (a request id) and the limit. */
    private List<InstanceAction> page(ApiRequest req, List<InstanceAction> all) {
        Long since = ServerListParams.time(req.queryParam("changes-since").orElse(null), "changes-since");
        Long before = req.atLeast("2.66")
                ? ServerListParams.time(req.queryParam("changes-before").orElse(null), "changes-before") : null;
        if (since != null && before != null && before < since) {
            throw ServiceException.badRequest("The value of changes-since must be less than or equal to "
                    + "changes-before.");
        }
        List<InstanceAction> filtered = all.stream().filter(a -> {
            long changed = a.updatedAt() != null ? a.updatedAt() : a.startTime();
            return (since == null || changed >= since) && (before == null || changed <= before);
        }).toList();
        int from = 0;
        String marker = req.queryParam("marker").orElse(null);
        if (marker != null) {
            from = -1;
            for (int i = 0; i < filtered.size(); i++) {
                if (filtered.get(i).requestId().equals(marker)) {
                    from = i + 1;
                }
            }
            if (from < 0) {
                throw Faults.markerNotFound(marker);
            }
        }
        int limit = Requests.limit(req, maxLimit);
        return filtered.subList(from, Math.min(filtered.size(), from + limit));
    }

    private static Map<String, Object> action(InstanceAction a, boolean v258) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("action", a.action());
        v.put("instance_uuid", a.instanceUuid());
        v.put("request_id", a.requestId());
        v.put("user_id", a.userId());
        v.put("project_id", a.projectId());
        v.put("start_time", ServerViews.naive(a.startTime()));
        v.put("message", a.message());
        if (v258) {
            v.put("updated_at", ServerViews.naive(a.updatedAt()));
        }
        return v;
    }

    private ApiResponse show(ApiRequest req) {
        ServerService.Caller c = ServerFields.caller(req, authz);
        String uuid = req.param("id");
        Map<String, Object> target = target(req, c, uuid);
        authz.enforce(req, POLICY + "show", target);
        InstanceAction a = servers.action(c, uuid, req.param("request_id"));
        Map<String, Object> v = action(a, req.atLeast("2.58"));
        boolean privileged = authz.allows(req, POLICY + "events", target);
        if (privileged || req.atLeast("2.51")) {
            boolean details = req.atLeast("2.84") && authz.allows(req, POLICY + "events:details", target);
            List<Map<String, Object>> events = new ArrayList<>();
            for (InstanceAction.Event e : a.events()) {
                Map<String, Object> ev = new LinkedHashMap<>();
                ev.put("event", e.event());
                ev.put("start_time", ServerViews.naive(e.startTime()));
                ev.put("finish_time", ServerViews.naive(e.finishTime()));
                ev.put("result", e.result());
                if (privileged) {
                    ev.put("traceback", e.traceback());
                }
                if (privileged && req.atLeast("2.62")) {
                    ev.put("host", e.host());
                }
                if (req.atLeast("2.62")) {
                    ev.put("hostId", ServerViews.hostId(a.projectId() != null ? a.projectId()
                            : String.valueOf(target.get("project_id")), e.host()));
                }
                if (details) {
                    ev.put("details", e.details());
                }
                events.add(ev);
            }
            v.put("events", events);
        }
        return ApiResponse.ok(Map.of("instanceAction", v));
    }
}
