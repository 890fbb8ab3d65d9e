package org.apiary.compute.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apiary.common.error.ServiceException;
import org.apiary.common.json.Json;
import org.apiary.compute.domain.Flavor;
import org.apiary.compute.domain.FlavorService;
import org.apiary.http.ApiRequest;
import org.apiary.http.ApiResponse;

/**
 * /flavors/{id}/os-extra_specs, /flavors/{id}/os-flavor-access and the addTenantAccess /
 * removeTenantAccess actions (flavors_extraspecs.py, flavor_access.py).
 */
public final class FlavorExtrasResource {
    private static final String SPECS = "os_compute_api:os-flavor-extra-specs:";
    private static final String ACCESS = "os_compute_api:os-flavor-access";

    private final FlavorService flavors;
    private final FlavorsResource flavorViews;
    private final Authz authz;
    private final ProjectVerifier projects;

    public FlavorExtrasResource(FlavorService flavors, FlavorsResource flavorViews, Authz authz,
                                ProjectVerifier projects) {
        this.flavors = flavors;
        this.flavorViews = flavorViews;
        this.authz = authz;
        this.projects = projects;
    }

    public void register(NovaRoutes routes) {
        routes.add("GET", "/flavors/{id}/os-extra_specs", this::listSpecs);
        routes.add("POST", "/flavors/{id}/os-extra_specs", this::createSpecs);
        routes.add("GET", "/flavors/{id}/os-extra_specs/{key}", this::showSpec);
        routes.add("PUT", "/flavors/{id}/os-extra_specs/{key}", this::updateSpec);
        routes.add("DELETE", "/flavors/{id}/os-extra_specs/{key}", this::deleteSpec);
        routes.add("GET", "/flavors/{id}/os-flavor-access", this::listAccess);
        routes.add("POST", "/flavors/{id}/action", this::action);
    }

    private ApiResponse listSpecs(ApiRequest req) {
        authz.enforce(req, SPECS + "index");
        Flavor f = flavorViews.visible(req, req.param("id"));
        return ApiResponse.ok(Map.of("extra_specs", f.extraSpecs()));
    }

    private ApiResponse createSpecs(ApiRequest req) {
        authz.enforce(req, SPECS + "create");
        ObjectNode specs = Requests.body(req, "extra_specs");
        Map<String, String> values = Requests.stringMap(specs, "extra_specs");
        Map<String, String> stored = flavors.putExtraSpecs(req.param("id"), values, req.atLeast("2.86"));
        // Nova answers with the request body as sent.
        return ApiResponse.ok(Map.of("extra_specs", echo(specs, stored)));
    }

    private ApiResponse updateSpec(ApiRequest req) {
        authz.enforce(req, SPECS + "update");
        byte[] raw = req.body();
        ObjectNode body;
        try {
            body = Json.parseObject(raw);
        } catch (ServiceException e) {
            throw ServiceException.badRequest("Malformed request body");
        }
        if (body.size() != 1) {
            throw Requests.invalid("", body, body + (body.isEmpty() ? " does not have enough properties"
                    : " has too many properties"));
        }
        Map<String, String> values = Requests.stringMap(body, "");
        String key = req.param("key");
        if (!values.containsKey(key)) {
            throw ServiceException.badRequest("Request body and URI mismatch");
        }
        flavors.putExtraSpecs(req.param("id"), values, req.atLeast("2.86"));
        return ApiResponse.ok(body);
    }

    private static Map<String, Object> echo(ObjectNode sent, Map<String, String> stored) {
        Map<String, Object> out = new java.util.LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = sent.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            out.put(e.getKey(), e.getValue().isTextual() ? stored.get(e.getKey()) : e.getValue());
        }
        return out;
    }

    private ApiResponse showSpec(ApiRequest req) {
        authz.enforce(req, SPECS + "show");
        flavorViews.visible(req, req.param("id"));
        String key = req.param("key");
        return ApiResponse.ok(Map.of(key, flavors.extraSpec(req.param("id"), key)));
    }

    private ApiResponse deleteSpec(ApiRequest req) {
        authz.enforce(req, SPECS + "delete");
        flavors.deleteExtraSpec(req.param("id"), req.param("key"));
        return ApiResponse.empty(200);
    }

    private ApiResponse listAccess(ApiRequest req) {
        authz.enforce(req, ACCESS);
        Flavor f = flavorViews.visible(req, req.param("id"));
        if (f.isPublic()) {
            throw ServiceException.notFound("Access list not available for public flavors.");
        }
        return ApiResponse.ok(access(f));
    }

    private Map<String, Object> access(Flavor f) {
        List<Map<String, String>> rows = new ArrayList<>();
        for (String p : flavors.projects(f)) {
            rows.add(Map.of("flavor_id", f.flavorId(), "tenant_id", p));
        }
        return Map.of("flavor_access", rows);
    }

    private ApiResponse action(ApiRequest req) {
        byte[] raw = req.body();
        ObjectNode body;
        try {
            body = Json.parseObject(raw);
        } catch (ServiceException e) {
            throw ServiceException.badRequest("Malformed request body");
        }
        if (body.has("addTenantAccess")) {
            return addAccess(req, Requests.object(body, "addTenantAccess", ""));
        }
        if (body.has("removeTenantAccess")) {
            return removeAccess(req, Requests.object(body, "removeTenantAccess", ""));
        }
        throw ServiceException.badRequest("There is no such action: " + (body.isEmpty() ? "None"
                : body.fieldNames().next()));
    }

    private static String tenant(ObjectNode action, String path) {
        Requests.allowOnly(action, path, List.of("tenant"));
        Requests.require(action, path, "tenant");
        JsonNode t = action.get("tenant");
        if (!t.isTextual()) {
            throw Requests.invalid(path + "/tenant", t, t + " is not of type 'string'");
        }
        Requests.lengthBetween("tenant", t.asText(), 1, 255);
        return t.asText();
    }

    private ApiResponse addAccess(ApiRequest req, ObjectNode action) {
        authz.enforce(req, ACCESS + ":add_tenant_access");
        String tenant = tenant(action, "addTenantAccess");
        projects.verify(req, tenant);
        Flavor f = flavors.get(req.param("id"));
        if (req.atLeast("2.7") && f.isPublic()) {
            throw ServiceException.conflict("Can not add access to a public flavor.");
        }
        flavors.addProject(f, tenant);
        return ApiResponse.ok(access(f));
    }

    private ApiResponse removeAccess(ApiRequest req, ObjectNode action) {
        authz.enforce(req, ACCESS + ":remove_tenant_access");
        String tenant = tenant(action, "removeTenantAccess");
        // Nova checks here too but lets an unknown project through, so that stale grants can go.
        Flavor f = flavors.get(req.param("id"));
        flavors.removeProject(f, tenant);
        return ApiResponse.ok(access(f));
    }
}
