package org.apiary.identity.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.regex.Pattern;
import org.apiary.common.json.Fields;
import org.apiary.http.ApiRequest;
import org.apiary.http.ApiResponse;
import org.apiary.http.RouteTable;
import org.apiary.identity.domain.CatalogAdmin;
import org.apiary.identity.domain.CatalogAdmin.EndpointInput;

/** /v3/endpoints (keystone/api/endpoints.py, catalog/schema.py). */
public final class EndpointsResource {
    private static final String[] MODELLED = {"id", "interface", "service_id", "url", "region_id", "region", "enabled",
            "links", "legacy_endpoint_id"};
    private static final List<String> INTERFACES = List.of("admin", "internal", "public");
    /** Keystone's parameter_types.url: lenient, per RFC 1738 section 2.1. */
    private static final Pattern URL = Pattern.compile("^[a-zA-Z0-9+.-]+:.+");

    private final CatalogAdmin catalog;
    private final Authz authz;

    public EndpointsResource(CatalogAdmin catalog, Authz authz) {
        this.catalog = catalog;
        this.authz = authz;
    }

    public void register(RouteTable routes) {
        routes.add("GET", "/v3/endpoints", this::list);
        routes.add("POST", "/v3/endpoints", this::create);
        routes.add("GET", "/v3/endpoints/{endpoint_id}", this::get);
        routes.add("PATCH", "/v3/endpoints/{endpoint_id}", this::update);
        routes.add("DELETE", "/v3/endpoints/{endpoint_id}", this::delete);
    }

    private ApiResponse list(ApiRequest req) {
        authz.enforce(req, "list_endpoints");
        var endpoints = catalog.listEndpoints(req.queryParam("interface").orElse(null),
                req.queryParam("service_id").orElse(null), req.queryParam("region_id").orElse(null));
        return Links.collection(req, "endpoints", endpoints.stream().map(e -> Views.endpoint(req, e)).toList());
    }

    private ApiResponse get(ApiRequest req) {
        authz.enforce(req, "get_endpoint");
        return Links.single(200, "endpoint", Views.endpoint(req, catalog.getEndpoint(req.param("endpoint_id"))));
    }

    private ApiResponse create(ApiRequest req) {
        authz.enforce(req, "create_endpoint");
        ObjectNode body = Fields.requireObject(req.json(), "endpoint");
        for (String required : List.of("interface", "service_id", "url")) {
            StrictFields.requiredString(body, required);
        }
        return Links.single(201, "endpoint", Views.endpoint(req, catalog.createEndpoint(parse(body, true))));
    }

    private ApiResponse update(ApiRequest req) {
        authz.enforce(req, "update_endpoint");
        ObjectNode body = Fields.requireObject(req.json(), "endpoint");
        StrictFields.notEmpty(body);
        String id = req.param("endpoint_id");
        StrictFields.matchingId(body, id);
        return Links.single(200, "endpoint", Views.endpoint(req, catalog.updateEndpoint(id, parse(body, false))));
    }

    private ApiResponse delete(ApiRequest req) {
        authz.enforce(req, "delete_endpoint");
        catalog.deleteEndpoint(req.param("endpoint_id"));
        return ApiResponse.noContent();
    }

    private static EndpointInput parse(ObjectNode body, boolean creating) {
        String iface = StrictFields.string(body, "interface");
        if (iface != null && !INTERFACES.contains(iface)) {
            throw StrictFields.invalid("interface", "'" + iface + "' is not one of ['admin', 'internal', 'public']");
        }
        String url = StrictFields.string(body, "url");
        StrictFields.length("url", url, 0, 225);
        StrictFields.pattern("url", url, URL);
        return new EndpointInput(StrictFields.string(body, "service_id"), iface, url,
                StrictFields.string(body, "region_id"), StrictFields.string(body, "region"),
                StrictFields.bool(body, "enabled"), StrictFields.extra(body, creating, MODELLED));
    }
}
