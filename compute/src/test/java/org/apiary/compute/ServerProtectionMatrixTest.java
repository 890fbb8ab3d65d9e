package org.apiary.compute;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apiary.compute.domain.Server;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Persona × server endpoint → status under Nova Zed's default policy (legacy mode, where the
 * deprecated admin_or_owner rules still admit a project's readers): admin and the server's project
 * may read and change it; another project gets 404 (the server does not exist for it); no token
 * or a bad one is 401; an unknown action is a 400 before the server is looked up, as Nova
 * resolves the action first. Only calls that do not reach the conductor are listed (the conductor's
 * paths are covered by ServerLifecycleTest and ServersHttpTest in the server module).
 */
class ServerProtectionMatrixTest {
    static ComputeCloud cloud;
    static final Map<String, String> TOKENS = new LinkedHashMap<>();
    static Server server;

    @BeforeAll
    static void start() throws Exception {
        cloud = new ComputeCloud(ServerFixtures.unavailableExternals());
        cloud.createUser("spm-member", "spm-project", "member", false);
        cloud.createUser("spm-reader", "spm-project", "reader", false);
        cloud.createUser("spm-other", "spm-other-project", "member", false);
        TOKENS.put("admin", cloud.adminToken());
        TOKENS.put("member", cloud.token("spm-member", ComputeCloud.ADMIN_PASSWORD, "spm-project", false));
        TOKENS.put("reader", cloud.token("spm-reader", ComputeCloud.ADMIN_PASSWORD, "spm-project", false));
        TOKENS.put("other", cloud.token("spm-other", ComputeCloud.ADMIN_PASSWORD, "spm-other-project", false));
        server = ServerFixtures.seed(cloud, ServerFixtures.active(cloud.projectId("spm-project"), "spm-member-id",
                "guarded"));
    }

    @AfterAll
    static void stop() {
        cloud.close();
    }

    /** method, path, microversion, body, then the expected status for admin, member, reader, other project. */
    private static Object[][] matrix() {
        return new Object[][] {
                {"GET", "/servers", "2.1", null, 200, 200, 200, 200},
                {"GET", "/servers/detail", "2.1", null, 200, 200, 200, 200},
                {"GET", "/servers/detail?all_tenants=1", "2.1", null, 200, 403, 403, 403},
                {"GET", "/servers/ID", "2.1", null, 200, 200, 200, 404},
                {"PUT", "/servers/ID", "2.1", "{\"server\": {\"name\": \"guarded\"}}", 200, 200, 200, 404},
                {"GET", "/servers/ID/metadata", "2.1", null, 200, 200, 200, 404},
                {"POST", "/servers/ID/metadata", "2.1", "{\"metadata\": {\"k\": \"v\"}}", 200, 200, 200, 404},
                {"GET", "/servers/ID/metadata/k", "2.1", null, 200, 200, 200, 404},
                {"GET", "/servers/ID/tags", "2.26", null, 200, 200, 200, 404},
                {"PUT", "/servers/ID/tags/t1", "2.26", null, 201, 204, 204, 404},
                {"GET", "/servers/ID/os-instance-actions", "2.1", null, 200, 200, 200, 404},
                {"POST", "/servers/ID/action", "2.1", "{\"lock\": null}", 202, 202, 202, 404},
                {"POST", "/servers/ID/action", "2.1", "{\"unlock\": null}", 202, 202, 202, 404},
                {"POST", "/servers/ID/action", "2.1", "{\"no-such-action\": null}", 400, 400, 400, 400},
                {"GET", "/servers/ID/ips", "2.1", null, 200, 200, 200, 404},
                {"GET", "/servers/ID/ips/private", "2.1", null, 200, 200, 200, 404},
                {"GET", "/servers/ID/os-server-password", "2.1", null, 200, 200, 200, 404},
                {"DELETE", "/servers/ID/os-server-password", "2.1", null, 204, 204, 204, 404},
                {"POST", "/servers/ID/action", "2.1", "{\"os-resetState\": {\"state\": \"active\"}}", 202, 403, 403,
                    404},
                {"POST", "/servers/ID/action", "2.1", "{\"restore\": null}", 409, 409, 409, 404},
                {"POST", "/servers/ID/action", "2.1", "{\"migrate\": null}", 400, 403, 403, 404},
                {"POST", "/os-server-external-events", "2.1", "{\"events\": [{\"name\": \"network-changed\", "
                    + "\"server_uuid\": \"ID\"}]}", 200, 403, 403, 403},
        };
    }

    @Test
    void everyPersonaOnEveryServerEndpoint() {
        List<String> wrong = new ArrayList<>();
        String[] personas = {"admin", "member", "reader", "other", "none", "invalid"};
        for (Object[] row : matrix()) {
            String path = ((String) row[1]).replace("ID", server.uuid());
            for (int i = 0; i < personas.length; i++) {
                int want = i < 4 ? (Integer) row[4 + i] : 401;
                String token = switch (personas[i]) {
                    case "none" -> null;
                    case "invalid" -> "not-a-token";
                    default -> TOKENS.get(personas[i]);
                };
                String body = row[3] == null ? null : ((String) row[3]).replace("ID", server.uuid());
                int got = cloud.as(token, (String) row[0], path, (String) row[2], body).status();
                if (got != want) {
                    wrong.add(personas[i] + " " + row[0] + " " + row[1] + ": " + got + ", expected " + want);
                }
            }
        }
        assertThat(wrong).isEmpty();
    }
}
