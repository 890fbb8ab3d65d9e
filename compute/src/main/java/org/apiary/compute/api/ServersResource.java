package org.apiary.compute.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apiary.common.error.ServiceException;
import org.apiary.compute.domain.Faults;
import org.apiary.compute.domain.InstanceFault;
import org.apiary.compute.domain.Server;
import org.apiary.compute.domain.ServerChange;
import org.apiary.compute.domain.ServerQuery;
import org.apiary.compute.domain.ServerService;
import org.apiary.http.ApiRequest;
import org.apiary.http.ApiResponse;

/** /servers: list, detail, show, create, update, delete (servers.py). */
public final class ServersResource {
    static final String POLICY = "os_compute_api:servers:";

    private final ServerService servers;
    private final ServerViews views;
    private final Authz authz;
    private final int maxLimit;

    ServersResource(ServerService servers, ServerViews views, Authz authz, int maxLimit) {
        this.servers = servers;
        this.views = views;
        this.authz = authz;
        this.maxLimit = maxLimit;
    }

    void register(NovaRoutes routes) {
        routes.add("GET", "/servers", req -> list(req, false));
        routes.add("GET", "/servers/detail", req -> list(req, true));
        routes.add("POST", "/servers", this::create);
        routes.add("GET", "/servers/{id}", this::show);
        routes.add("PUT", "/servers/{id}", this::update);
        routes.add("DELETE", "/servers/{id}", this::delete);
    }

    static Map<String, Object> target(Server s) {
        return Map.of("project_id", s.projectId());
    }

    private ApiResponse list(ApiRequest req, boolean detail) {
        String op = detail ? "detail" : "index";
        authz.enforce(req, POLICY + op);
        boolean admin = authz.isAdmin(req);
        ServerQuery q = ServerListParams.parse(req, authz.allows(req, POLICY + "allow_all_filters", Map.of()), admin,
                authz.allows(req, POLICY + op + ":get_all_tenants", Map.of()), req.auth().projectId(),
                req.auth().userId(), Requests.limit(req, maxLimit));
        List<Server> page = q == null ? List.of() : page(q);
        Map<String, InstanceFault> faults = detail ? faults(page) : Map.of();
        List<Map<String, Object>> items = new ArrayList<>();
        for (Server s : page) {
            items.add(detail ? views.show(req, s, faults.get(s.uuid()), ServerViews.Options.LIST) : views.basic(req, s));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("servers", items);
        List<Map<String, String>> next = Links.next(req, detail ? "servers/detail" : "servers", page.size(),
                page.isEmpty() ? null : page.get(page.size() - 1).uuid(), maxLimit);
        if (!next.isEmpty()) {
            body.put("servers_links", next);
        }
        return ApiResponse.ok(body);
    }

    /** The servers API words an unknown marker its own way ("marker [x] not found"). */
    private List<Server> page(ServerQuery q) {
        try {
            return servers.list(q);
        } catch (ServiceException e) {
            if (q.marker() != null && e.status() == 400
                    && e.getMessage().equals(Faults.markerNotFound(q.marker()).getMessage())) {
                throw ServiceException.badRequest("marker [" + q.marker() + "] not found");
            }
            throw e;
        }
    }

    /** The latest fault of each server that shows one (ERROR and DELETED servers). */
    private Map<String, InstanceFault> faults(List<Server> page) {
        List<String> failed = page.stream().filter(s -> s.deleted() || "ERROR".equals(s.status()))
                .map(Server::uuid).toList();
        return failed.isEmpty() ? new HashMap<>() : servers.faults(failed);
    }

    /** A server the caller may see: 404 "Instance X could not be found." otherwise, then the policy. */
    static Server visible(ApiRequest req, ServerService servers, Authz authz, String rule) {
        Server s = servers.get(ServerFields.caller(req, authz), req.param("id"));
        authz.enforce(req, rule, target(s));
        return s;
    }

    private ApiResponse show(ApiRequest req) {
        Server s = visible(req, servers, authz, POLICY + "show");
        InstanceFault fault = "ERROR".equals(s.status()) ? servers.faults(List.of(s.uuid())).get(s.uuid()) : null;
        return ApiResponse.ok(Map.of("server", views.show(req, s, fault, ServerViews.Options.SHOW)));
    }

    private ApiResponse update(ApiRequest req) {
        Server s = servers.get(ServerFields.caller(req, authz), req.param("id"));
        authz.enforce(req, POLICY + "update", Map.of("project_id", s.projectId(), "user_id", s.userId()));
        ObjectNode body = Requests.body(req, "server");
        List<String> allowed = new ArrayList<>(List.of("name", "OS-DCF:diskConfig", "accessIPv4", "accessIPv6"));
        if (req.atLeast("2.19")) {
            allowed.add("description");
        }
        if (req.atLeast("2.90")) {
            allowed.add("hostname");
        }
        Requests.allowOnly(body, "server", allowed);
        ServerChange change = ServerChange.of();
        if (body.has("name")) {
            change.name(Requests.name(body, "name"));
        }
        if (body.has("description")) {
            change.description(FlavorsResource.description(body.get("description")));
        }
        if (body.has("hostname")) {
            change.hostname(ServerFields.hostname(body, "hostname", "server/hostname"));
        }
        if (body.has("accessIPv4")) {
            change.accessIpV4(ServerFields.ipv4(body, "accessIPv4", "server/accessIPv4"));
        }
        if (body.has("accessIPv6")) {
            change.accessIpV6(ServerFields.ipv6(body, "accessIPv6", "server/accessIPv6"));
        }
        if (body.has("OS-DCF:diskConfig")) {
            ServerFields.diskConfig(body, "OS-DCF:diskConfig", "server/OS-DCF:diskConfig");
        }
        Server updated = change.isEmpty() ? s : servers.update(ServerFields.caller(req, authz), s.uuid(), change);
        return ApiResponse.ok(Map.of("server", views.show(req, updated, null, ServerViews.Options.update(req))));
    }

    private ApiResponse delete(ApiRequest req) {
        Server s = visible(req, servers, authz, POLICY + "delete");
        servers.delete(ServerFields.caller(req, authz), s.uuid());
        return ApiResponse.noContent();
    }

    private ApiResponse create(ApiRequest req) {
        ServerCreateBody.Parsed p = ServerCreateBody.parse(req);
        Map<String, Object> target = new HashMap<>();
        target.put("project_id", req.auth().projectId());
        target.put("user_id", req.auth().userId());
        target.put("availability_zone", p.request().availabilityZone());
        authz.enforce(req, POLICY + "create", target);
        if (p.forcedHost()) {
            authz.enforce(req, POLICY + "create:forced_host", target);
        }
        if (p.requestedDestination()) {
            authz.enforce(req, "compute:servers:create:requested_destination", target);
        }
        if (p.attachNetwork()) {
            authz.enforce(req, POLICY + "create:attach_network", target);
        }
        List<Server> created = servers.create(ServerFields.caller(req, authz), p.request());
        if (p.returnReservationId()) {
            return ApiResponse.json(202, Map.of("reservation_id", created.get(0).reservationId()));
        }
        Server first = created.get(0);
        Map<String, Object> view = views.created(req, first, p.request().securityGroups());
        view.put("adminPass", p.adminPass());
        return ApiResponse.json(202, Map.of("server", view))
                .header("Location", NovaRoutes.root(req) + "/servers/" + first.uuid());
    }
}
