package org.apiary.identity.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apiary.common.json.Fields;
import org.apiary.common.json.Json;
import org.apiary.http.ApiRequest;
import org.apiary.http.ApiResponse;
import org.apiary.http.RouteTable;
import org.apiary.identity.domain.DomainConfigService;

/**
 * /v3/domains/{domain_id}/config[/{group}[/{option}]] and the /v3/domains/config/.../default
 * documents (keystone/api/domains.py). Reads of the security_compliance group have their own rule.
 */
public final class DomainConfigResource {
    private static final String BASE = "/v3/domains/{domain_id}/config";

    private final DomainConfigService configs;
    private final Authz authz;

    public DomainConfigResource(DomainConfigService configs, Authz authz) {
        this.configs = configs;
        this.authz = authz;
    }

    public void register(RouteTable routes) {
        routes.add("PUT", BASE, this::create);
        for (int depth = 0; depth <= 2; depth++) {
            String path = BASE + (depth >= 1 ? "/{group}" : "") + (depth == 2 ? "/{option}" : "");
            int d = depth;
            routes.add("GET", path, req -> get(req, group(req, d), option(req, d)));
            routes.add("PATCH", path, req -> update(req, group(req, d), option(req, d)));
            routes.add("DELETE", path, req -> delete(req, group(req, d), option(req, d)));
        }
        routes.add("GET", "/v3/domains/config/default", req -> defaults(req, null, null));
        routes.add("GET", "/v3/domains/config/{group}/default", req -> defaults(req, group(req, 1), null));
        routes.add("GET", "/v3/domains/config/{group}/{option}/default",
                req -> defaults(req, group(req, 2), option(req, 2)));
    }

    /** The {group} of a route {@code depth} levels below the configuration, or null. */
    private static String group(ApiRequest req, int depth) {
        return depth >= 1 ? req.param("group") : null;
    }

    private static String option(ApiRequest req, int depth) {
        return depth == 2 ? req.param("option") : null;
    }

    private ApiResponse create(ApiRequest req) {
        authz.enforce(req, "create_domain_config");
        var created = configs.create(req.param("domain_id"), config(req));
        return Links.single(created.replaced() ? 200 : 201, "config", created.config());
    }

    private ApiResponse get(ApiRequest req, String group, String option) {
        if (DomainConfigService.isSecurityCompliance(group)) {
            authz.enforce(req, "get_security_compliance_domain_config");
            return wrap(configs.securityCompliance(req.param("domain_id"), option));
        }
        authz.enforce(req, "get_domain_config");
        return wrap(configs.get(req.param("domain_id"), group, option));
    }

    private ApiResponse update(ApiRequest req, String group, String option) {
        authz.enforce(req, "update_domain_config");
        return wrap(configs.update(req.param("domain_id"), group, option, config(req)));
    }

    private ApiResponse delete(ApiRequest req, String group, String option) {
        authz.enforce(req, "delete_domain_config");
        configs.delete(req.param("domain_id"), group, option);
        return ApiResponse.noContent();
    }

    private ApiResponse defaults(ApiRequest req, String group, String option) {
        authz.enforce(req, "get_domain_config_default");
        return wrap(configs.defaults(group, option));
    }

    private static ApiResponse wrap(Map<String, Object> config) {
        return Links.single(200, "config", config);
    }

    /**
     * The "config" object of the body. As in Keystone, a missing one is an empty configuration
     * (which the domain rules reject); group values are checked by the domain rules too.
     */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> config(ApiRequest req) {
        ObjectNode config = Fields.optObject(req.json(), "config");
        return config == null ? Map.of() : new LinkedHashMap<>(Json.MAPPER.convertValue(config, Map.class));
    }
}
