package org.apiary.compute.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apiary.common.error.ServiceException;
import org.apiary.compute.domain.Server;
import org.apiary.compute.domain.ServerService;
import org.apiary.http.ApiRequest;
import org.apiary.http.ApiResponse;

/**
 * POST /servers/{id}/action: reboot, os-stop, os-start, resize, confirmResize, revertResize,
 * rebuild, createImage, os-getConsoleOutput, lock, unlock, and the admin and deferred-delete
 * actions os-resetState, forceDelete, restore and migrate. Each checks its own policy on the
 * server's project after the server was found, then calls the service.
 */
final class ServerActionsResource {
    private static final String SERVERS = ServersResource.POLICY;
    private static final List<String> REBOOT_TYPES = List.of("HARD", "Hard", "hard", "SOFT", "Soft", "soft");

    interface Action {
        ApiResponse run(ApiRequest req, Server s, JsonNode body);
    }

    private final ServerService servers;
    private final ServerViews views;
    private final Authz authz;
    private final Map<String, Action> actions = new LinkedHashMap<>();

    ServerActionsResource(ServerService servers, ServerViews views, Authz authz) {
        this.servers = servers;
        this.views = views;
        this.authz = authz;
        actions.put("reboot", this::reboot);
        actions.put("os-stop", (req, s, b) -> simple(req, s, SERVERS + "stop", () -> servers.stop(caller(req), s.uuid())));
        actions.put("os-start", (req, s, b) -> simple(req, s, SERVERS + "start",
                () -> servers.start(caller(req), s.uuid())));
        actions.put("resize", this::resize);
        actions.put("confirmResize", (req, s, b) -> {
            authz.enforce(req, SERVERS + "confirm_resize", ServersResource.target(s));
            servers.confirmResize(caller(req), s.uuid());
            return ApiResponse.noContent();
        });
        actions.put("revertResize", (req, s, b) -> simple(req, s, SERVERS + "revert_resize",
                () -> servers.revertResize(caller(req), s.uuid())));
        actions.put("rebuild", this::rebuild);
        actions.put("createImage", this::createImage);
        actions.put("os-getConsoleOutput", this::consoleOutput);
        actions.put("lock", this::lock);
        actions.put("unlock", (req, s, b) -> {
            authz.enforce(req, "os_compute_api:os-lock-server:unlock", owner(s));
            servers.unlock(caller(req), s.uuid());
            return ApiResponse.empty(202);
        });
        actions.put("os-resetState", this::resetState);
        actions.put("forceDelete", (req, s, b) -> {
            // Apiary deletes at once (no deferred delete), so a forced delete is a delete.
            authz.enforce(req, "os_compute_api:os-deferred-delete:force", owner(s));
            servers.delete(caller(req), s.uuid());
            return ApiResponse.empty(202);
        });
        actions.put("restore", (req, s, b) -> simple(req, s, "os_compute_api:os-deferred-delete:restore",
                () -> servers.restore(caller(req), s.uuid())));
        actions.put("migrate", this::migrate);
    }

    /** An action another resource serves through this dispatcher (the legacy console actions). */
    void add(String name, Action action) {
        actions.put(name, action);
    }

    void register(NovaRoutes routes) {
        routes.add("POST", "/servers/{id}/action", this::dispatch);
    }

    private ServerService.Caller caller(ApiRequest req) {
        return ServerFields.caller(req, authz);
    }

    private static Map<String, Object> owner(Server s) {
        return Map.of("project_id", s.projectId(), "user_id", s.userId());
    }

    /** The body names one action; the server is looked up (404) before the action's policy (403). */
    private ApiResponse dispatch(ApiRequest req) {
        ObjectNode body = ServerCreateBody.root(req);
        if (body.size() != 1) {
            throw ServiceException.badRequest("Malformed request body");
        }
        String name = body.fieldNames().next();
        Action action = actions.get(name);
        if (action == null) {
            throw ServiceException.badRequest("There is no such action: " + name);
        }
        Server s = servers.get(caller(req), req.param("id"));
        return action.run(req, s, body.get(name));
    }

    private ApiResponse simple(ApiRequest req, Server s, String rule, Runnable call) {
        authz.enforce(req, rule, ServersResource.target(s));
        call.run();
        return ApiResponse.empty(202);
    }

    private static ObjectNode object(JsonNode n, String name) {
        if (n == null || !n.isObject()) {
            throw Requests.invalid(name, n, (n == null ? "None" : n.toString()) + " is not of type 'object'");
        }
        return (ObjectNode) n;
    }

    private ApiResponse reboot(ApiRequest req, Server s, JsonNode b) {
        ObjectNode r = object(b, "reboot");
        Requests.allowOnly(r, "reboot", List.of("type"));
        Requests.require(r, "reboot", "type");
        JsonNode type = r.get("type");
        if (!type.isTextual() || !REBOOT_TYPES.contains(type.asText())) {
            throw Requests.invalid("reboot/type", type, type + " is not one of " + REBOOT_TYPES);
        }
        authz.enforce(req, SERVERS + "reboot", ServersResource.target(s));
        servers.reboot(caller(req), s.uuid(), type.asText().equalsIgnoreCase("HARD"));
        return ApiResponse.empty(202);
    }

    private ApiResponse resize(ApiRequest req, Server s, JsonNode b) {
        ObjectNode r = object(b, "resize");
        Requests.allowOnly(r, "resize", List.of("flavorRef", "OS-DCF:diskConfig"));
        Requests.require(r, "resize", "flavorRef");
        String flavorRef = ServerCreateBody.flavorRef(r.get("flavorRef"));
        if (r.has("OS-DCF:diskConfig")) {
            ServerFields.diskConfig(r, "OS-DCF:diskConfig", "resize/OS-DCF:diskConfig");
        }
        authz.enforce(req, SERVERS + "resize", owner(s));
        servers.resize(caller(req), s.uuid(), flavorRef);
        return ApiResponse.empty(202);
    }

    private ApiResponse rebuild(ApiRequest req, Server s, JsonNode b) {
        ObjectNode r = object(b, "rebuild");
        List<String> allowed = new ArrayList<>(List.of("name", "imageRef", "adminPass", "metadata",
                "preserve_ephemeral", "OS-DCF:diskConfig", "accessIPv4", "accessIPv6"));
        if (!req.atLeast("2.57")) {
            allowed.add("personality");
        }
        if (req.atLeast("2.19")) {
            allowed.add("description");
        }
        if (req.atLeast("2.54")) {
            allowed.add("key_name");
        }
        if (req.atLeast("2.57")) {
            allowed.add("user_data");
        }
        if (req.atLeast("2.63")) {
            allowed.add("trusted_image_certificates");
        }
        if (req.atLeast("2.90")) {
            allowed.add("hostname");
        }
        Requests.allowOnly(r, "rebuild", allowed);
        Requests.require(r, "rebuild", "imageRef");
        String image = ServerFields.uuid(r.get("imageRef"), "rebuild/imageRef");
        String name = r.has("name") ? Requests.name(r, "name") : null;
        String adminPass = r.has("adminPass") ? ServerFields.string(r, "adminPass", "rebuild/adminPass")
                : ServerCreateBody.password();
        Map<String, String> metadata = r.has("metadata") ? ServerFields.metadata(r.get("metadata"), "rebuild/metadata")
                : null;
        if (r.has("preserve_ephemeral")) {
            Requests.bool(r, "preserve_ephemeral");
        }
        if (r.has("OS-DCF:diskConfig")) {
            ServerFields.diskConfig(r, "OS-DCF:diskConfig", "rebuild/OS-DCF:diskConfig");
        }
        String ip4 = r.has("accessIPv4") ? ServerFields.ipv4(r, "accessIPv4", "rebuild/accessIPv4") : null;
        String ip6 = r.has("accessIPv6") ? ServerFields.ipv6(r, "accessIPv6", "rebuild/accessIPv6") : null;
        if (r.has("personality") && !(r.get("personality").isArray() && r.get("personality").isEmpty())) {
            throw ServiceException.badRequest("Personality (file injection) is not supported by this cloud.");
        }
        boolean descriptionGiven = r.has("description");
        String description = descriptionGiven ? FlavorsResource.description(r.get("description")) : null;
        boolean keyGiven = r.has("key_name");
        String keyName = null;
        if (keyGiven && !r.get("key_name").isNull()) {
            keyName = ServerFields.string(r, "key_name", "rebuild/key_name");
            Requests.lengthBetween("rebuild/key_name", keyName, 1, 255);
        }
        boolean userDataGiven = r.has("user_data");
        String userData = userDataGiven && !r.get("user_data").isNull()
                ? ServerFields.userData(r.get("user_data"), "rebuild/user_data") : null;
        if (r.has("trusted_image_certificates") && !r.get("trusted_image_certificates").isNull()) {
            throw ServiceException.badRequest("Trusted image certificates are not supported by this cloud.");
        }
        String hostname = r.has("hostname") ? ServerFields.hostname(r, "hostname", "rebuild/hostname") : null;
        authz.enforce(req, SERVERS + "rebuild", owner(s));
        Server rebuilt = servers.rebuild(caller(req), s.uuid(), new ServerService.RebuildRequest(image, name, metadata,
                keyName, keyGiven, userData, userDataGiven, description, descriptionGiven, hostname, ip4, ip6));
        Map<String, Object> view = views.show(req, rebuilt, null, ServerViews.Options.rebuild(req));
        view.put("adminPass", adminPass);
        if (req.atLeast("2.57")) {
            view.put("user_data", rebuilt.userData());
        }
        return ApiResponse.json(202, Map.of("server", view))
                .header("Location", NovaRoutes.root(req) + "/servers/" + s.uuid());
    }

    private ApiResponse createImage(ApiRequest req, Server s, JsonNode b) {
        ObjectNode r = object(b, "createImage");
        Requests.allowOnly(r, "createImage", List.of("name", "metadata"));
        Requests.require(r, "createImage", "name");
        String name = Requests.name(r, "name");
        Map<String, String> metadata = r.has("metadata")
                ? ServerFields.metadata(r.get("metadata"), "createImage/metadata") : Map.of();
        authz.enforce(req, SERVERS + "create_image", ServersResource.target(s));
        // Nova counts the metadata against metadata_items up to 2.38 (MAX_IMAGE_META_PROXY_API_VERSION).
        String imageId = servers.createImage(caller(req), s.uuid(), name, metadata, !req.atLeast("2.39"));
        if (req.atLeast("2.45")) {
            return ApiResponse.json(202, Map.of("image_id", imageId));
        }
        return ApiResponse.empty(202).header("Location", req.baseUrl() + "/images/" + imageId);
    }

    private ApiResponse consoleOutput(ApiRequest req, Server s, JsonNode b) {
        ObjectNode r = object(b, "os-getConsoleOutput");
        Requests.allowOnly(r, "os-getConsoleOutput", List.of("length"));
        Integer length = null;
        JsonNode l = r.get("length");
        if (l != null && !l.isNull()) {
            boolean integral = l.isIntegralNumber() || l.isTextual() && l.asText().matches("-?[0-9]{1,9}");
            if (!integral) {
                throw Requests.invalid("os-getConsoleOutput/length", l, l + " is not of type 'integer', 'string', "
                        + "'null'");
            }
            length = Requests.integer(r, "length", -1, Requests.MAX_INT);
            length = length == -1 ? null : length;
        }
        authz.enforce(req, "os_compute_api:os-console-output", ServersResource.target(s));
        return ApiResponse.ok(Map.of("output", servers.consoleOutput(caller(req), s.uuid(), length)));
    }

    /** Before 2.73 Nova validates no lock body at all (clients send {}); from 2.73 it is null or a reason. */
    private ApiResponse lock(ApiRequest req, Server s, JsonNode b) {
        String reason = null;
        if (b != null && !b.isNull() && req.atLeast("2.73")) {
            ObjectNode r = object(b, "lock");
            Requests.allowOnly(r, "lock", List.of("locked_reason"));
            if (r.has("locked_reason")) {
                reason = ServerFields.string(r, "locked_reason", "lock/locked_reason");
                Requests.lengthBetween("lock/locked_reason", reason, 0, 255);
            }
        }
        authz.enforce(req, "os_compute_api:os-lock-server:lock", owner(s));
        servers.lock(caller(req), s.uuid(), reason);
        return ApiResponse.empty(202);
    }

    private ApiResponse resetState(ApiRequest req, Server s, JsonNode b) {
        ObjectNode r = object(b, "os-resetState");
        Requests.allowOnly(r, "os-resetState", List.of("state"));
        Requests.require(r, "os-resetState", "state");
        JsonNode state = r.get("state");
        if (!state.isTextual() || !List.of("active", "error").contains(state.asText())) {
            throw Requests.invalid("os-resetState/state", state, state + " is not one of ['active', 'error']");
        }
        authz.enforce(req, "os_compute_api:os-admin-actions:reset_state", ServersResource.target(s));
        servers.resetState(caller(req), s.uuid(), state.asText());
        return ApiResponse.empty(202);
    }

    private ApiResponse migrate(ApiRequest req, Server s, JsonNode b) {
        if (b != null && !b.isNull() && req.atLeast("2.56")) {
            ObjectNode r = object(b, "migrate");
            Requests.allowOnly(r, "migrate", List.of("host"));
            if (r.has("host") && !r.get("host").isNull()) {
                Requests.lengthBetween("migrate/host", ServerFields.string(r, "host", "migrate/host"), 1, 255);
            }
        }
        authz.enforce(req, "os_compute_api:os-migrate-server:migrate", ServersResource.target(s));
        servers.migrate(caller(req), s.uuid());
        return ApiResponse.empty(202);
    }
}
