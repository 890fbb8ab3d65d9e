package org.apiary.compute.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apiary.common.error.ServiceException;
import org.apiary.common.json.Json;
import org.apiary.compute.domain.ComputeService;
import org.apiary.compute.domain.HostService;
import org.apiary.compute.domain.HostService.ServiceState;
import org.apiary.http.ApiRequest;
import org.apiary.http.ApiResponse;

/**
 * /os-services (services.py): forced_down from 2.11; from 2.53 uuids for ids and
 * {@code PUT /os-services/{uuid}} with status/forced_down, before it the action PUTs
 * (enable, disable, disable-log-reason, force-down from 2.11) naming host and binary in the body.
 */
public final class ServicesResource {
    private static final String POLICY = "os_compute_api:os-services:";
    private static final String UUID_RE = "[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}";

    private final HostService hosts;
    private final Authz authz;

    public ServicesResource(HostService hosts, Authz authz) {
        this.hosts = hosts;
        this.authz = authz;
    }

    public void register(NovaRoutes routes) {
        routes.add("GET", "/os-services", this::list);
        routes.add("PUT", "/os-services/{id}", this::update);
        routes.add("DELETE", "/os-services/{id}", this::delete);
    }

    static Map<String, Object> view(ApiRequest req, ServiceState s, boolean withForcedDown) {
        ComputeService svc = s.service();
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("binary", svc.binary());
        v.put("host", svc.host());
        v.put("id", req.atLeast("2.53") ? svc.uuid() : svc.id());
        v.put("zone", s.zone());
        v.put("status", svc.disabled() ? "disabled" : "enabled");
        v.put("state", s.up() ? "up" : "down");
        v.put("updated_at", time(svc.updatedAt()));
        v.put("disabled_reason", svc.disabledReason());
        if (withForcedDown) {
            v.put("forced_down", svc.forcedDown());
        }
        return v;
    }

    static String time(Long millis) {
        return millis == null ? null : KeypairsResource.NOVA_TIME.format(Instant.ofEpochMilli(millis));
    }

    private ApiResponse list(ApiRequest req) {
        Requests.queryAllows(req, List.of("host", "binary"));
        authz.enforce(req, POLICY + "list");
        String host = req.queryParam("host").orElse("");
        String binary = req.queryParam("binary").orElse("");
        boolean forcedDown = req.atLeast("2.11");
        List<Map<String, Object>> out = hosts.services().stream()
                .filter(s -> host.isEmpty() || host.equals(s.service().host()))
                .filter(s -> binary.isEmpty() || binary.equals(s.service().binary()))
                .map(s -> view(req, s, forcedDown)).toList();
        return ApiResponse.ok(Map.of("services", out));
    }

    private ApiResponse update(ApiRequest req) {
        return req.atLeast("2.53") ? updateByUuid(req) : legacyAction(req);
    }

    /** 2.53: PUT /os-services/{uuid} {"status", "disabled_reason", "forced_down"}. */
    private ApiResponse updateByUuid(ApiRequest req) {
        String id = req.param("id");
        if (!id.matches(UUID_RE)) {
            throw ServiceException.badRequest("Invalid uuid " + id);
        }
        authz.enforce(req, POLICY + "update");
        ObjectNode body = Json.parseObject(req.body());
        Requests.allowOnly(body, "", List.of("status", "disabled_reason", "forced_down"));
        String status = null;
        if (body.has("status")) {
            JsonNode st = body.get("status");
            if (!st.isTextual() || !List.of("enabled", "disabled").contains(st.asText())) {
                throw Requests.invalid("status", st, st + " is not one of ['enabled', 'disabled']");
            }
            status = st.asText();
        }
        String reason = reason(body);
        Boolean forcedDown = body.has("forced_down") ? Requests.bool(body, "forced_down") : null;
        ServiceState s = hosts.service(id);
        hosts.requireUpdatable(s);
        Boolean disabled = null;
        if ("enabled".equals(status)) {
            if (reason != null) {
                throw ServiceException.badRequest("Specifying 'disabled_reason' with status 'enabled' is invalid.");
            }
            disabled = false;
        } else if ("disabled".equals(status)) {
            disabled = true;
        }
        if (disabled == null && forcedDown == null) {
            throw ServiceException.badRequest("No updates were requested. Fields 'status' or 'forced_down' should be "
                    + "specified.");
        }
        ServiceState updated = hosts.update(s, disabled, reason, forcedDown);
        return ApiResponse.ok(Map.of("service", view(req, updated, true)));
    }

    /** Before 2.53: PUT /os-services/{action} {"host", "binary", ...}. */
    private ApiResponse legacyAction(ApiRequest req) {
        authz.enforce(req, POLICY + "update");
        ObjectNode body = Json.parseObject(req.body());
        boolean v211 = req.atLeast("2.11");
        Requests.allowOnly(body, "", v211 ? List.of("host", "binary", "disabled_reason", "forced_down")
                : List.of("host", "binary", "disabled_reason"));
        Requests.require(body, "", "host", "binary");
        String host = string(body, "host");
        String binary = string(body, "binary");
        String reason = reason(body);
        Boolean forcedDown = body.has("forced_down") ? Requests.bool(body, "forced_down") : null;
        String action = req.param("id");
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("host", host);
        out.put("binary", binary);
        switch (action) {
            case "enable" -> {
                hosts.update(hosts.serviceByHostAndBinary(host, binary), false, null, null);
                out.put("status", "enabled");
            }
            case "disable" -> {
                hosts.update(hosts.serviceByHostAndBinary(host, binary), true, null, null);
                out.put("status", "disabled");
            }
            case "disable-log-reason" -> {
                if (reason == null) {
                    throw ServiceException.badRequest("Missing disabled reason field");
                }
                hosts.update(hosts.serviceByHostAndBinary(host, binary), true, reason, null);
                out.put("status", "disabled");
                out.put("disabled_reason", reason);
            }
            case "force-down" -> {
                if (!v211) {
                    throw ServiceException.notFound("Unknown action");
                }
                if (forcedDown == null) {
                    throw ServiceException.badRequest("Missing forced_down field");
                }
                hosts.update(hosts.serviceByHostAndBinary(host, binary), null, null, forcedDown);
                out.put("forced_down", forcedDown);
            }
            default -> throw ServiceException.notFound("Unknown action");
        }
        return ApiResponse.ok(Map.of("service", out));
    }

    private ApiResponse delete(ApiRequest req) {
        authz.enforce(req, POLICY + "delete");
        String id = req.param("id");
        ServiceState s;
        if (req.atLeast("2.53")) {
            if (!id.matches(UUID_RE)) {
                throw ServiceException.badRequest("Invalid uuid " + id);
            }
            s = hosts.service(id);
        } else {
            if (!id.matches("-?[0-9]{1,18}")) {
                throw ServiceException.badRequest("Invalid input received: id must be an integer");
            }
            s = hosts.serviceById(Long.parseLong(id));
        }
        hosts.delete(s);
        return ApiResponse.noContent();
    }

    /** Nova's disabled_reason: a string of 1-255 characters, or absent. */
    private static String reason(ObjectNode body) {
        if (!body.has("disabled_reason")) {
            return null;
        }
        return string(body, "disabled_reason");
    }

    private static String string(ObjectNode body, String field) {
        JsonNode n = body.get(field);
        if (!n.isTextual()) {
            throw Requests.invalid(field, n, n + " is not of type 'string'");
        }
        Requests.lengthBetween(field, n.asText(), 1, 255);
        return n.asText();
    }
}
