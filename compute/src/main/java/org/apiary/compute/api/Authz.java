package org.apiary.compute.api;

import java.util.HashMap;
import java.util.Map;
import org.apiary.common.error.ServiceException;
import org.apiary.common.policy.PolicyEngine;
import org.apiary.http.ApiRequest;

/** context.can(): the default target is the caller's own project and user, as Nova's. */
public final class Authz {
    private final PolicyEngine policy;

    public Authz(PolicyEngine policy) {
        this.policy = policy;
    }

    public void enforce(ApiRequest req, String rule) {
        enforce(req, rule, Map.of());
    }

    /** Enforces {@code rule} on the default target with {@code target} laid over it. */
    public void enforce(ApiRequest req, String rule, Map<String, Object> target) {
        if (!allows(req, rule, target)) {
            throw ServiceException.forbidden("Policy doesn't allow " + rule + " to be performed.");
        }
    }

    public boolean allows(ApiRequest req, String rule, Map<String, Object> target) {
        Map<String, Object> t = new HashMap<>();
        t.put("project_id", req.auth().projectId());
        t.put("user_id", req.auth().userId());
        t.putAll(target);
        return policy.allows(rule, t, req.auth());
    }

    /** Nova's context.is_admin. */
    public boolean isAdmin(ApiRequest req) {
        return policy.allows("context_is_admin", Map.of(), req.auth());
    }
}
