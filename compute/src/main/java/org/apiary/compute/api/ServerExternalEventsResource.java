package org.apiary.compute.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apiary.common.error.ServiceException;
import org.apiary.common.json.Json;
import org.apiary.compute.domain.Server;
import org.apiary.compute.domain.ServerService;
import org.apiary.http.ApiRequest;
import org.apiary.http.ApiResponse;

/**
 * POST /os-server-external-events (server_external_events.py): Neutron (or an admin) tells compute
 * about a server's ports. Each event is answered as Nova answers it: 200 "completed" for a server
 * on a host, 404 for an unknown server, 422 for one with no host yet, 400 for a missing required
 * tag; the whole answer is 207 when any event failed. Apiary's conductor waits for no event, so an
 * accepted event needs nothing more: the network agent already plugs ports from Neutron's changes.
 */
final class ServerExternalEventsResource {
    private static final List<String> STATUSES = List.of("failed", "completed", "in-progress");
    private static final List<String> TAG_REQUIRED = List.of("volume-extended", "power-update",
            "accelerator-request-bound");

    private final ServerService servers;
    private final Authz authz;

    ServerExternalEventsResource(ServerService servers, Authz authz) {
        this.servers = servers;
        this.authz = authz;
    }

    void register(NovaRoutes routes) {
        routes.add("POST", "/os-server-external-events", this::create);
    }

    /** The event names each microversion's schema accepts. */
    private static List<String> names(ApiRequest req) {
        List<String> names = new ArrayList<>(List.of("network-changed", "network-vif-plugged",
                "network-vif-unplugged", "network-vif-deleted"));
        if (req.atLeast("2.51")) {
            names.add("volume-extended");
        }
        if (req.atLeast("2.76")) {
            names.add("power-update");
        }
        if (req.atLeast("2.82")) {
            names.add("accelerator-request-bound");
        }
        if (req.atLeast("2.93")) {
            names.add("volume-reimaged");
        }
        return names;
    }

    private ApiResponse create(ApiRequest req) {
        ObjectNode body = ServerCreateBody.root(req);
        Requests.allowOnly(body, "", List.of("events"));
        Requests.require(body, "", "events");
        JsonNode events = body.get("events");
        if (!events.isArray()) {
            throw Requests.invalid("events", events, events + " is not of type 'array'");
        }
        if (events.isEmpty()) {
            throw Requests.invalid("events", events, "[] is too short");
        }
        List<String> names = names(req);
        for (int i = 0; i < events.size(); i++) {
            validate(events.get(i), "events/" + i, names);
        }
        authz.enforce(req, "os_compute_api:os-server-external-events:create", Map.of());
        ServerService.Caller caller = ServerFields.caller(req, authz);
        int result = 200;
        List<Map<String, Object>> answered = new ArrayList<>();
        for (JsonNode e : (ArrayNode) events) {
            Map<String, Object> out = new LinkedHashMap<>();
            e.fields().forEachRemaining(f -> out.put(f.getKey(), f.getValue()));
            int code = code(caller, e);
            out.put("status", code == 200 ? "completed" : "failed");
            out.put("code", code);
            result = code == 200 ? result : 207;
            answered.add(out);
        }
        return ApiResponse.json(result, Map.of("events", answered));
    }

    private int code(ServerService.Caller caller, JsonNode e) {
        Server s;
        try {
            s = servers.get(caller, e.get("server_uuid").asText());
        } catch (ServiceException notFound) {
            if (notFound.status() != 404) {
                throw notFound;
            }
            return 404;
        }
        if (TAG_REQUIRED.contains(e.get("name").asText()) && !e.has("tag")) {
            return 400;
        }
        return s.host() == null ? 422 : 200;
    }

    private static void validate(JsonNode e, String path, List<String> names) {
        if (!e.isObject()) {
            throw Requests.invalid(path, e, e + " is not of type 'object'");
        }
        ObjectNode o = (ObjectNode) e;
        Requests.allowOnly(o, path, List.of("server_uuid", "name", "status", "tag"));
        Requests.require(o, path, "server_uuid", "name");
        ServerFields.uuid(o.get("server_uuid"), path + "/server_uuid");
        oneOf(o.get("name"), path + "/name", names);
        if (o.has("status")) {
            oneOf(o.get("status"), path + "/status", STATUSES);
        }
        if (o.has("tag")) {
            Requests.lengthBetween(path + "/tag", ServerFields.string(o, "tag", path + "/tag"), 0, 255);
        }
    }

    private static void oneOf(JsonNode n, String path, List<String> allowed) {
        if (!n.isTextual() || !allowed.contains(n.asText())) {
            throw Requests.invalid(path, n, n + " is not one of " + Json.MAPPER.valueToTree(allowed)
                    .toString().replace("\"", "'").replace(",", ", "));
        }
    }
}
