package org.apiary.network.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apiary.common.error.ErrorKind;
import org.apiary.common.error.ServiceException;
import org.apiary.common.policy.PolicyEngine;
import org.apiary.http.ApiRequest;
import org.apiary.network.domain.Caller;
import org.apiary.network.domain.Faults;
import org.apiary.network.domain.Network;
import org.apiary.network.domain.NetworkService;

/**
 * Policy enforcement as Neutron's API layer does it: a rule per action on the resource as target,
 * then one rule per attribute the request sets ({@code create_network:shared}); on reads, items
 * the caller may not get are left out and attributes it may not see are removed
 * ({@code get_network:provider:network_type}). A refused action on an invisible item is a 404.
 */
public final class Authz {
    private final PolicyEngine policy;

    public Authz(PolicyEngine policy) {
        this.policy = policy;
    }

    public Caller caller(ApiRequest req) {
        return new Caller(req.auth().projectId(), isAdmin(req));
    }

    public boolean isAdmin(ApiRequest req) {
        return policy.allows("context_is_admin", Map.of(), req.auth());
    }

    public boolean allows(ApiRequest req, String rule, Map<String, Object> target) {
        return policy.allows(rule, target, req.auth());
    }

    /** Enforces {@code action} and the attribute rules of each body attribute. */
    public void enforce(ApiRequest req, String action, Map<String, Object> target, Iterable<String> attributes) {
        check(req, action, target);
        for (String attr : attributes) {
            String rule = action + ":" + attr;
            if (policy.checkStrings().containsKey(rule)) {
                check(req, rule, target);
            }
        }
    }

    public void check(ApiRequest req, String rule, Map<String, Object> target) {
        if (!policy.allows(rule, target, req.auth())) {
            throw Faults.of(ErrorKind.FORBIDDEN, "PolicyNotAuthorized", "(rule:" + rule + ") is disallowed by policy");
        }
    }

    /** 404 unless the caller may get the item; then {@code action} must pass (403 otherwise). */
    public void enforceOnExisting(ApiRequest req, String resource, String action, Map<String, Object> target,
                                  Iterable<String> attributes, ServiceException notFound) {
        if (!policy.allows("get_" + resource, target, req.auth())) {
            throw notFound;
        }
        enforce(req, action, target, attributes);
    }

    /** The view without the attributes the caller may not see, or null when it may not get it at all. */
    public Map<String, Object> visible(ApiRequest req, String resource, Map<String, Object> view,
                                       Map<String, Object> extraTarget) {
        Map<String, Object> target = new HashMap<>(view);
        target.putAll(extraTarget);
        if (!policy.allows("get_" + resource, target, req.auth())) {
            return null;
        }
        Map<String, Object> out = new LinkedHashMap<>(view);
        for (Iterator<String> it = out.keySet().iterator(); it.hasNext(); ) {
            String rule = "get_" + resource + ":" + it.next();
            if (policy.checkStrings().containsKey(rule) && !policy.allows(rule, target, req.auth())) {
                it.remove();
            }
        }
        return out;
    }

    /**
     * The network a new subnet or port names in {@code network_id}: required, and a 404 when the
     * caller may not see it, as Neutron answers for another project's private network.
     */
    public Network parentNetwork(ApiRequest req, NetworkService networks, ObjectNode body, String resource) {
        String networkId = Bodies.string(body, "network_id", 36);
        if (networkId == null) {
            throw Faults.badRequest(resource, "Failed to parse request. Required attribute 'network_id' not specified");
        }
        Network n = networks.get(networkId);
        if (visible(req, "network", Views.network(n, List.of(), List.of()), Map.of()) == null) {
            throw Faults.networkNotFound(networkId);
        }
        return n;
    }

    static ServiceException forbiddenAttribute(String rule) {
        return Faults.of(ErrorKind.FORBIDDEN, "PolicyNotAuthorized", "(rule:" + rule + ") is disallowed by policy");
    }

    static List<String> none() {
        return List.of();
    }
}
