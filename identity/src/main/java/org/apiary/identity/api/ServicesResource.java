package org.apiary.identity.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apiary.common.json.Fields;
import org.apiary.http.ApiRequest;
import org.apiary.http.ApiResponse;
import org.apiary.http.RouteTable;
import org.apiary.identity.domain.CatalogAdmin;
import org.apiary.identity.domain.CatalogAdmin.ServiceInput;

/** /v3/services: catalog service entries (keystone/api/services.py, catalog/schema.py). */
public final class ServicesResource {
    private static final String[] MODELLED = {"id", "type", "enabled", "links"};

    private final CatalogAdmin catalog;
    private final Authz authz;

    public ServicesResource(CatalogAdmin catalog, Authz authz) {
        this.catalog = catalog;
        this.authz = authz;
    }

    public void register(RouteTable routes) {
        routes.add("GET", "/v3/services", this::list);
        routes.add("POST", "/v3/services", this::create);
        routes.add("GET", "/v3/services/{service_id}", this::get);
        routes.add("PATCH", "/v3/services/{service_id}", this::update);
        routes.add("DELETE", "/v3/services/{service_id}", this::delete);
    }

    private ApiResponse list(ApiRequest req) {
        authz.enforce(req, "list_services");
        var services = catalog.listServices(req.queryParam("type").orElse(null), req.queryParam("name").orElse(null));
        return Links.collection(req, "services", services.stream().map(s -> Views.service(req, s)).toList());
    }

    private ApiResponse get(ApiRequest req) {
        authz.enforce(req, "get_service");
        return Links.single(200, "service", Views.service(req, catalog.getService(req.param("service_id"))));
    }

    private ApiResponse create(ApiRequest req) {
        authz.enforce(req, "create_service");
        ObjectNode body = Fields.requireObject(req.json(), "service");
        String type = StrictFields.requiredString(body, "type");
        ServiceInput in = parse(body, true);
        return Links.single(201, "service", Views.service(req, catalog.createService(
                new ServiceInput(type, in.enabled(), in.extra()))));
    }

    private ApiResponse update(ApiRequest req) {
        authz.enforce(req, "update_service");
        ObjectNode body = Fields.requireObject(req.json(), "service");
        StrictFields.notEmpty(body);
        String id = req.param("service_id");
        StrictFields.matchingId(body, id);
        return Links.single(200, "service", Views.service(req, catalog.updateService(id, parse(body, false))));
    }

    private ApiResponse delete(ApiRequest req) {
        authz.enforce(req, "delete_service");
        catalog.deleteService(req.param("service_id"));
        return ApiResponse.noContent();
    }

    /** The schema of service_create/service_update: type 1-255, name as parameter_types.name, boolean enabled. */
    private static ServiceInput parse(ObjectNode body, boolean creating) {
        String type = StrictFields.string(body, "type");
        StrictFields.length("type", type, 1, 255);
        StrictFields.name("name", StrictFields.string(body, "name"));
        Boolean enabled = StrictFields.bool(body, "enabled");
        return new ServiceInput(type, enabled, StrictFields.extra(body, creating, MODELLED));
    }
}
