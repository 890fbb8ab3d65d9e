package org.apiary.compute.api;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apiary.common.error.ServiceException;
import org.apiary.compute.domain.ConsoleAuth;
import org.apiary.compute.domain.ConsoleService;
import org.apiary.http.ApiRequest;
import org.apiary.http.ApiResponse;

/**
 * GET /os-console-auth-tokens/{token} (admin), as nova/api/openstack/compute/console_auth_tokens.py: what a valid
 * token grants. Before 2.31 only rdp-html5 tokens may be shown (401 otherwise). The console is reached through the
 * host's agent, not a TCP port, so {@code port} and {@code internal_access_path} are null.
 */
final class ConsoleAuthTokensResource {
    static final String POLICY = "os_compute_api:os-console-auth-tokens";

    private final ConsoleService consoles;
    private final Authz authz;

    ConsoleAuthTokensResource(ConsoleService consoles, Authz authz) {
        this.consoles = consoles;
        this.authz = authz;
    }

    void register(NovaRoutes routes) {
        routes.add("GET", "/os-console-auth-tokens/{token}", this::show);
    }

    private ApiResponse show(ApiRequest req) {
        authz.enforce(req, POLICY);
        String token = req.param("token");
        if (token == null || token.isEmpty()) {
            throw ServiceException.badRequest("token not provided");
        }
        ConsoleAuth a = consoles.validate(token).orElseThrow(() -> ServiceException.notFound("Token not found"));
        if (!req.atLeast("2.31") && !a.consoleType().equals("rdp-html5")) {
            throw ServiceException.unauthorized("The requested console type details are not accessible");
        }
        Map<String, Object> console = new LinkedHashMap<>();
        console.put("instance_uuid", a.instanceUuid());
        console.put("host", a.host());
        console.put("port", null);
        console.put("internal_access_path", null);
        return ApiResponse.ok(Map.of("console", console));
    }
}
