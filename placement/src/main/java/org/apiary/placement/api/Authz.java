package org.apiary.placement.api;

import java.util.HashMap;
import java.util.Map;
import org.apiary.common.error.ServiceException;
import org.apiary.common.policy.PolicyEngine;
import org.apiary.http.ApiRequest;

/** context.can(): enforces a placement:* rule; the default target is the caller's own project and user. */
public final class Authz {
    private final PolicyEngine policy;

    public Authz(PolicyEngine policy) {
        this.policy = policy;
    }

    public void enforce(ApiRequest req, String rule) {
        Map<String, Object> target = new HashMap<>();
        if (req.auth() != null) {
            target.put("project_id", req.auth().projectId());
            target.put("user_id", req.auth().userId());
        }
        enforce(req, rule, target);
    }

    public void enforce(ApiRequest req, String rule, Map<String, Object> target) {
        if (!policy.allows(rule, target, req.auth())) {
            throw ServiceException.forbidden("Policy does not allow " + rule + " to be performed.");
        }
    }
}
