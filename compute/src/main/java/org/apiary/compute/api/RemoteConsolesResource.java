package org.apiary.compute.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apiary.common.error.ServiceException;
import org.apiary.compute.domain.ConsoleService;
import org.apiary.compute.domain.Server;
import org.apiary.compute.domain.ServerService;
import org.apiary.http.ApiRequest;
import org.apiary.http.ApiResponse;

/**
 * POST /servers/{id}/remote-consoles (2.6+) and the legacy actions os-getVNCConsole, os-getSPICEConsole,
 * os-getRDPConsole and os-getSerialConsole (2.1 to 2.5), as nova/api/openstack/compute/remote_consoles.py. This
 * cloud serves serial consoles only: the other protocols answer what Nova answers when that console is disabled
 * (400 "Unavailable console type …"), after the same host check.
 */
final class RemoteConsolesResource {
    static final String POLICY = "os_compute_api:os-remote-consoles";
    private static final List<String> PROTOCOLS = List.of("vnc", "spice", "rdp", "serial");
    private static final List<String> TYPES = List.of("novnc", "xvpvnc", "rdp-html5", "spice-html5", "serial");
    /** The legacy actions and the console types each one's schema allows. */
    private static final Map<String, List<String>> LEGACY = new LinkedHashMap<>();

    static {
        LEGACY.put("os-getVNCConsole", List.of("novnc", "xvpvnc"));
        LEGACY.put("os-getSPICEConsole", List.of("spice-html5"));
        LEGACY.put("os-getRDPConsole", List.of("rdp-html5"));
        LEGACY.put("os-getSerialConsole", List.of("serial"));
    }

    private final ServerService servers;
    private final ConsoleService consoles;
    private final Authz authz;

    RemoteConsolesResource(ServerService servers, ConsoleService consoles, Authz authz) {
        this.servers = servers;
        this.consoles = consoles;
        this.authz = authz;
    }

    void register(NovaRoutes routes, ServerActionsResource actions) {
        routes.add("POST", "/servers/{id}/remote-consoles", "2.6", this::create);
        for (Map.Entry<String, List<String>> a : LEGACY.entrySet()) {
            actions.add(a.getKey(), (req, s, body) -> legacy(req, s, body, a.getKey(), a.getValue()));
        }
    }

    private ApiResponse create(ApiRequest req) {
        ObjectNode rc = Requests.body(req, "remote_console");
        Requests.allowOnly(rc, "remote_console", List.of("protocol", "type"));
        Requests.require(rc, "remote_console", "protocol", "type");
        boolean mks = req.atLeast("2.8");
        String protocol = oneOf(rc.get("protocol"), "remote_console/protocol", with(PROTOCOLS, mks ? "mks" : null));
        String type = oneOf(rc.get("type"), "remote_console/type", with(TYPES, mks ? "webmks" : null));
        Server s = servers.get(ServerFields.caller(req, authz), req.param("id"));
        authz.enforce(req, POLICY, ServersResource.target(s));
        String url = url(s, protocol, type);
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("protocol", protocol);
        view.put("type", type);
        view.put("url", url);
        return ApiResponse.ok(Map.of("remote_console", view));
    }

    /** A legacy action: only before 2.6 (Nova's VersionNotFoundForAPIMethod is a 404 from then on). */
    private ApiResponse legacy(ApiRequest req, Server s, JsonNode body, String action, List<String> types) {
        if (req.atLeast("2.6")) {
            throw ServiceException.notFound("The resource could not be found.");
        }
        if (body == null || !body.isObject()) {
            throw Requests.invalid(action, body, (body == null ? "None" : body.toString())
                    + " is not of type 'object'");
        }
        ObjectNode b = (ObjectNode) body;
        Requests.allowOnly(b, action, List.of("type"));
        Requests.require(b, action, "type");
        String type = oneOf(b.get("type"), action + "/type", types);
        authz.enforce(req, POLICY, ServersResource.target(s));
        String protocol = action.equals("os-getSerialConsole") ? "serial" : "other";
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("type", type);
        view.put("url", url(s, protocol, type));
        return ApiResponse.ok(Map.of("console", view));
    }

    /** Nova's check_instance_host comes first for every protocol, then the compute host's answer. */
    private String url(Server s, String protocol, String type) {
        if (!protocol.equals("serial")) {
            if (s.host() == null) {
                throw ServiceException.conflict("Instance " + s.uuid() + " is not ready");
            }
            throw ConsoleService.unavailable(type);
        }
        return consoles.serialConsoleUrl(s, type);
    }

    private static List<String> with(List<String> base, String extra) {
        List<String> out = new ArrayList<>(base);
        if (extra != null) {
            out.add(extra);
        }
        return out;
    }

    private static String oneOf(JsonNode n, String field, List<String> allowed) {
        if (!n.isTextual()) {
            throw Requests.invalid(field, n, n + " is not of type 'string'");
        }
        if (!allowed.contains(n.asText())) {
            throw Requests.invalid(field, n, "'" + n.asText() + "' is not one of "
                    + allowed.stream().map(a -> "'" + a + "'").toList());
        }
        return n.asText();
    }
}
