package org.apiary.image.api;

import java.util.HashMap;
import java.util.Map;
import org.apiary.common.error.ServiceException;
import org.apiary.common.policy.PolicyEngine;
import org.apiary.http.ApiRequest;
import org.apiary.image.domain.MetadefNamespace;

/**
 * Policy for metadefs, as Glance's MetadefAPIPolicy: the target is the namespace (project_id =
 * owner, visibility), and a refusal on a namespace the caller may not read is a 404.
 */
final class MetadefAuthz {
    private final PolicyEngine policy;

    MetadefAuthz(PolicyEngine policy) {
        this.policy = policy;
    }

    void enforce(ApiRequest req, String rule, MetadefNamespace ns) {
        Map<String, Object> target = new HashMap<>();
        target.put("project_id", ns == null ? req.auth().projectId() : ns.owner());
        if (ns != null) {
            target.put("visibility", ns.visibility());
        }
        if (policy.allows(rule, target, req.auth())) {
            return;
        }
        if (ns != null && (rule.equals("get_metadef_namespace")
                || !policy.allows("get_metadef_namespace", target, req.auth()))) {
            throw ServiceException.notFound("Metadata definition namespace=" + ns.namespace() + " was not found.");
        }
        throw Authz.forbidden(rule);
    }
}
