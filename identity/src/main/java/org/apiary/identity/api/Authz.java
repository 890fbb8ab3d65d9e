package org.apiary.identity.api;

import java.util.HashMap;
import java.util.Map;
import org.apiary.common.policy.PolicyEngine;
import org.apiary.http.ApiRequest;

/** Policy enforcement for identity handlers: the rule name plus a flat target map. */
public final class Authz {
    private final PolicyEngine policy;

    public Authz(PolicyEngine policy) {
        this.policy = policy;
    }

    /** Enforces {@code identity:<action>} with target attributes given as alternating key, value. */
    public void enforce(ApiRequest req, String action, Object... targetPairs) {
        policy.enforce("identity:" + action, target(targetPairs), req.auth());
    }

    public boolean allows(ApiRequest req, String action, Object... targetPairs) {
        return policy.allows("identity:" + action, target(targetPairs), req.auth());
    }

    private static Map<String, Object> target(Object... pairs) {
        Map<String, Object> t = new HashMap<>();
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            // Null values stay: oslo.policy renders them as "None" (e.g. a global role's domain_id).
            t.put((String) pairs[i], pairs[i + 1]);
        }
        return t;
    }
}
