package org.apiary.identity.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apiary.common.json.Fields;
import org.apiary.common.json.Json;
import org.apiary.http.ApiRequest;
import org.apiary.http.ApiResponse;
import org.apiary.http.RouteTable;
import org.apiary.identity.domain.Credential;
import org.apiary.identity.domain.Ec2CredentialService;
import org.apiary.identity.domain.Ec2CredentialService.Ec2Credential;

/**
 * /v3/users/{user_id}/credentials/OS-EC2 (keystone/api/users.py). The member id in the path is the
 * access key. Policy targets: the path's {@code user_id} (rule:owner) and, for one key pair, the
 * stored credential as {@code target.credential.*}.
 */
public final class Ec2CredentialsResource {
    private static final String BASE = "/v3/users/{user_id}/credentials/OS-EC2";

    private final Ec2CredentialService ec2;
    private final Authz authz;

    public Ec2CredentialsResource(Ec2CredentialService ec2, Authz authz) {
        this.ec2 = ec2;
        this.authz = authz;
    }

    public void register(RouteTable routes) {
        routes.add("GET", BASE, this::list);
        routes.add("POST", BASE, this::create);
        routes.add("GET", BASE + "/{credential_id}", this::get);
        routes.add("DELETE", BASE + "/{credential_id}", this::delete);
    }

    private ApiResponse list(ApiRequest req) {
        String userId = req.param("user_id");
        authz.enforce(req, "ec2_list_credentials", "user_id", userId);
        return Links.collection(req, "credentials",
                ec2.list(req.auth(), userId).stream().map(c -> view(req, c)).toList());
    }

    private ApiResponse create(ApiRequest req) {
        String userId = req.param("user_id");
        authz.enforce(req, "ec2_create_credential", "user_id", userId, "target.credential.user_id", userId);
        // Keystone reads tenant_id from an optional body; without one the project lookup is a 404.
        ObjectNode body = req.body().length == 0 ? Json.object() : req.json();
        String tenantId = Fields.optString(body, "tenant_id");
        return Links.single(201, "credential", view(req, ec2.create(req.auth(), userId, tenantId)));
    }

    private ApiResponse get(ApiRequest req) {
        String userId = req.param("user_id");
        Credential stored = ec2.lookup(req.param("credential_id"));
        authz.enforce(req, "ec2_get_credential", target(userId, stored));
        return Links.single(200, "credential", view(req, ec2.get(req.auth(), userId, stored)));
    }

    private ApiResponse delete(ApiRequest req) {
        String userId = req.param("user_id");
        Credential stored = ec2.lookup(req.param("credential_id"));
        authz.enforce(req, "ec2_delete_credential", target(userId, stored));
        ec2.delete(req.auth(), userId, stored);
        return ApiResponse.noContent();
    }

    private static Object[] target(String userId, Credential stored) {
        return new Object[] {"user_id", userId, "target.credential.id", stored.id(),
                "target.credential.user_id", stored.userId(), "target.credential.project_id", stored.projectId(),
                "target.credential.type", stored.type()};
    }

    private static Map<String, Object> view(ApiRequest req, Ec2Credential c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("user_id", c.userId());
        m.put("tenant_id", c.tenantId());
        m.put("access", c.access());
        m.put("secret", c.secret());
        m.put("trust_id", c.trustId());
        m.put("links", Links.self(req, "/v3/users/" + c.userId() + "/credentials/OS-EC2/" + c.access()));
        return m;
    }
}
