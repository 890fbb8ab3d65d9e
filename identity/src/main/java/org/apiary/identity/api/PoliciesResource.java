package org.apiary.identity.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apiary.common.error.ServiceException;
import org.apiary.common.json.Fields;
import org.apiary.common.json.Json;
import org.apiary.http.ApiRequest;
import org.apiary.http.ApiResponse;
import org.apiary.http.RouteTable;
import org.apiary.identity.domain.PolicyBlob;
import org.apiary.identity.domain.PolicyBlobService;

/** /v3/policies (keystone/api/policy.py, policy/schema.py): blob and type, plus free attributes. */
public final class PoliciesResource {
    private static final String[] MODELLED = {"id", "blob", "type", "links"};

    private final PolicyBlobService policies;
    private final Authz authz;

    public PoliciesResource(PolicyBlobService policies, Authz authz) {
        this.policies = policies;
        this.authz = authz;
    }

    public void register(RouteTable routes) {
        routes.add("GET", "/v3/policies", this::list);
        routes.add("POST", "/v3/policies", this::create);
        routes.add("GET", "/v3/policies/{policy_id}", this::get);
        routes.add("PATCH", "/v3/policies/{policy_id}", this::update);
        routes.add("DELETE", "/v3/policies/{policy_id}", this::delete);
    }

    private ApiResponse list(ApiRequest req) {
        authz.enforce(req, "list_policies");
        return Links.collection(req, "policies", policies.list(req.queryParam("type").orElse(null)).stream()
                .map(p -> view(req, p)).toList());
    }

    private ApiResponse get(ApiRequest req) {
        authz.enforce(req, "get_policy");
        return Links.single(200, "policy", view(req, policies.get(req.param("policy_id"))));
    }

    private ApiResponse create(ApiRequest req) {
        authz.enforce(req, "create_policy");
        ObjectNode body = policy(req);
        String blob = StrictFields.string(body, "blob");
        String type = StrictFields.string(body, "type");
        StrictFields.length("type", type, 0, 255);
        if (blob == null) {
            throw ServiceException.badRequest("'blob' is a required property");
        }
        if (type == null) {
            throw ServiceException.badRequest("'type' is a required property");
        }
        PolicyBlob p = policies.create(type, blob, StrictFields.extra(body, true, MODELLED));
        return Links.single(201, "policy", view(req, p));
    }

    private ApiResponse update(ApiRequest req) {
        authz.enforce(req, "update_policy");
        ObjectNode body = policy(req);
        StrictFields.notEmpty(body);
        String blob = StrictFields.string(body, "blob");
        String type = StrictFields.string(body, "type");
        StrictFields.length("type", type, 0, 255);
        String id = req.param("policy_id");
        var bodyId = body.get("id");
        if (bodyId != null && !(bodyId.isTextual() && bodyId.asText().equals(id))) {
            throw ServiceException.badRequest("Cannot change policy ID");
        }
        // Unlike create, Keystone does not normalize the keys of an update.
        PolicyBlob p = policies.update(id, type, blob, StrictFields.extra(body, false, MODELLED));
        return Links.single(200, "policy", view(req, p));
    }

    private ApiResponse delete(ApiRequest req) {
        authz.enforce(req, "delete_policy");
        policies.delete(req.param("policy_id"));
        return ApiResponse.noContent();
    }

    /** The "policy" object; Keystone treats a missing one as empty (so: required-field errors). */
    private static ObjectNode policy(ApiRequest req) {
        ObjectNode p = Fields.optObject(req.json(), "policy");
        return p == null ? Json.object() : p;
    }

    private static Map<String, Object> view(ApiRequest req, PolicyBlob p) {
        Map<String, Object> m = new LinkedHashMap<>(p.extra());
        m.put("id", p.id());
        m.put("blob", p.blob());
        m.put("type", p.type());
        m.put("links", Links.self(req, "/v3/policies/" + p.id()));
        return m;
    }
}
