package org.apiary.identity.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apiary.common.context.AuthContext;
import org.apiary.common.json.Fields;
import org.apiary.common.json.Json;
import org.apiary.http.ApiRequest;
import org.apiary.http.ApiResponse;
import org.apiary.http.RouteTable;
import org.apiary.identity.domain.Credential;
import org.apiary.identity.domain.CredentialService;

/**
 * /v3/credentials (keystone/api/credentials.py). Policy targets are the stored credential's owner
 * ({@code target.credential.user_id}); lists are filtered credential by credential, so a user
 * without admin rights sees only their own.
 */
public final class CredentialsResource {
    private static final String[] MODELLED = {"id", "user_id", "project_id", "type", "blob", "links"};

    private final CredentialService credentials;
    private final Authz authz;

    public CredentialsResource(CredentialService credentials, Authz authz) {
        this.credentials = credentials;
        this.authz = authz;
    }

    public void register(RouteTable routes) {
        routes.add("GET", "/v3/credentials", this::list);
        routes.add("POST", "/v3/credentials", this::create);
        routes.add("GET", "/v3/credentials/{credential_id}", this::get);
        routes.add("PATCH", "/v3/credentials/{credential_id}", this::update);
        routes.add("DELETE", "/v3/credentials/{credential_id}", this::delete);
    }

    private ApiResponse list(ApiRequest req) {
        AuthContext caller = req.auth();
        authz.enforce(req, "list_credentials", "target.credential.user_id",
                caller == null || caller.systemScope() ? null : caller.userId());
        List<Credential> visible = credentials.list(req.queryParam("user_id").orElse(null),
                        req.queryParam("type").orElse(null)).stream()
                .filter(c -> authz.allows(req, "get_credential", "target.credential.user_id", c.userId()))
                .filter(c -> credentials.inDelegatedScope(caller, c.projectId()))
                .toList();
        return Links.collection(req, "credentials", visible.stream().map(c -> view(req, c)).toList());
    }

    private ApiResponse get(ApiRequest req) {
        String id = req.param("credential_id");
        authz.enforce(req, "get_credential", "target.credential.user_id", ownerOf(id));
        Credential c = credentials.get(id);
        credentials.requireInDelegatedScope(req.auth(), c.projectId());
        return Links.single(200, "credential", view(req, c));
    }

    private ApiResponse create(ApiRequest req) {
        ObjectNode body = Fields.optObject(req.json(), "credential");
        if (body == null) {
            body = Json.object();
        }
        authz.enforce(req, "create_credential", "target.credential.user_id", body.path("user_id").textValue());
        String blob = StrictFields.requiredString(body, "blob");
        String type = StrictFields.requiredString(body, "type");
        String userId = StrictFields.requiredString(body, "user_id");
        String projectId = StrictFields.string(body, "project_id");
        Credential c = credentials.create(req.auth(), userId, projectId, type, blob,
                StrictFields.extra(body, true, MODELLED));
        return Links.single(201, "credential", view(req, c));
    }

    private ApiResponse update(ApiRequest req) {
        String id = req.param("credential_id");
        authz.enforce(req, "update_credential", "target.credential.user_id", ownerOf(id));
        Credential current = credentials.get(id);
        ObjectNode body = Fields.optObject(req.json(), "credential");
        if (body == null) {
            body = Json.object();
        }
        StrictFields.notEmpty(body);
        var changes = new CredentialService.Changes(StrictFields.string(body, "user_id"),
                StrictFields.string(body, "project_id"), StrictFields.string(body, "type"),
                StrictFields.string(body, "blob"), StrictFields.extra(body, false, MODELLED));
        StrictFields.matchingId(body, id);
        Credential merged = credentials.merge(req.auth(), current, changes);
        // Re-check with the result, so nobody hands a credential to another user without the right.
        authz.enforce(req, "update_credential", "target.credential.user_id", merged.userId());
        return Links.single(200, "credential", view(req, credentials.update(merged)));
    }

    private ApiResponse delete(ApiRequest req) {
        String id = req.param("credential_id");
        authz.enforce(req, "delete_credential", "target.credential.user_id", ownerOf(id));
        credentials.delete(req.auth(), id);
        return ApiResponse.noContent();
    }

    /** The owner for the policy target; an unknown id leaves it empty and the 404 comes after policy. */
    private String ownerOf(String id) {
        return credentials.find(id).map(Credential::userId).orElse(null);
    }

    static Map<String, Object> view(ApiRequest req, Credential c) {
        Map<String, Object> m = new LinkedHashMap<>(c.extra());
        m.put("id", c.id());
        m.put("user_id", c.userId());
        m.put("project_id", c.projectId());
        m.put("type", c.type());
        m.put("blob", c.blob());
        m.put("links", Links.self(req, "/v3/credentials/" + c.id()));
        return m;
    }
}
