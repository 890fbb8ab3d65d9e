package org.apiary.placement;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Persona × endpoint → status, as Placement Zed's default policy (legacy mode) decides: admin of
 * any scope and the service role may do everything, a system reader may read, project members and
 * project readers may only read their own project's usages; no token is 401, a bad token 401.
 */
class ProtectionMatrixTest extends PlacementTestBase {
    static final Map<String, String> TOKENS = new LinkedHashMap<>();
    static final String PROVIDER = "6b2c5f5e-8a5f-4a2b-9d0e-111111111111";

    @BeforeAll
    static void personas() {
        cloud.createUser("pm-member", "pm-project", "member", false);
        cloud.createUser("pm-reader", "pm-reader-project", "reader", false);
        cloud.createUser("pm-sysreader", null, "reader", true);
        cloud.createUser("pm-service", "service", "service", false);
        TOKENS.put("admin", cloud.adminToken());
        TOKENS.put("service", cloud.token("pm-service", PlacementCloud.ADMIN_PASSWORD, "service", false));
        TOKENS.put("system-reader", cloud.token("pm-sysreader", PlacementCloud.ADMIN_PASSWORD, null, true));
        TOKENS.put("member", cloud.token("pm-member", PlacementCloud.ADMIN_PASSWORD, "pm-project", false));
        TOKENS.put("reader", cloud.token("pm-reader", PlacementCloud.ADMIN_PASSWORD, "pm-reader-project", false));
        TOKENS.put("invalid", "not-a-token");
        TOKENS.put("none", null);
    }

    /** method, path, body, then the expected status for admin, service, system-reader, member, reader. */
    private static final Object[][] MATRIX = {
            {"GET", "/resource_providers", null, 200, 200, 200, 403, 403},
            {"GET", "/resource_providers/" + PROVIDER, null, 200, 200, 200, 403, 403},
            {"PUT", "/resource_providers/" + PROVIDER, "{\"name\": \"pm\"}", 200, 200, 403, 403, 403},
            {"GET", "/resource_providers/" + PROVIDER + "/inventories", null, 200, 200, 200, 403, 403},
            {"POST", "/resource_providers/" + PROVIDER + "/inventories", "{\"resource_class\": \"DISK_GB\", \"total\": 1}",
                    201, 409, 403, 403, 403},
            {"GET", "/resource_providers/" + PROVIDER + "/usages", null, 200, 200, 200, 403, 403},
            {"GET", "/resource_providers/" + PROVIDER + "/aggregates", null, 200, 200, 200, 403, 403},
            {"GET", "/resource_providers/" + PROVIDER + "/traits", null, 200, 200, 200, 403, 403},
            {"GET", "/resource_providers/" + PROVIDER + "/allocations", null, 200, 200, 200, 403, 403},
            {"GET", "/resource_classes", null, 200, 200, 200, 403, 403},
            {"PUT", "/resource_classes/CUSTOM_PM", null, 201, 204, 403, 403, 403},
            {"GET", "/traits", null, 200, 200, 200, 403, 403},
            {"PUT", "/traits/CUSTOM_PM", null, 201, 204, 403, 403, 403},
            {"GET", "/allocations/" + PROVIDER, null, 200, 200, 200, 403, 403},
            {"DELETE", "/allocations/" + PROVIDER, null, 404, 404, 403, 403, 403},
            {"GET", "/usages?project_id=other", null, 200, 200, 200, 403, 403},
            {"GET", "/allocation_candidates?resources=DISK_GB:1", null, 200, 200, 200, 403, 403},
            {"POST", "/reshaper", "{}", 400, 400, 403, 403, 403},
    };

    @Test
    void everyPersonaOnEveryEndpoint() {
        expect(cloud.send("POST", "/resource_providers", null, "{\"name\": \"pm\", \"uuid\": \"" + PROVIDER + "\"}"), 200);
        List<String> wrong = new ArrayList<>();
        String[] personas = {"admin", "service", "system-reader", "member", "reader"};
        for (Object[] row : MATRIX) {
            for (int i = 0; i < personas.length; i++) {
                check(wrong, personas[i], (String) row[0], (String) row[1], (String) row[2], (Integer) row[3 + i]);
            }
            check(wrong, "none", (String) row[0], (String) row[1], (String) row[2], 401);
            check(wrong, "invalid", (String) row[0], (String) row[1], (String) row[2], 401);
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void projectReadersSeeTheirOwnUsages() {
        String member = cloud.call(cloud.identityUrl, "GET", "/v3/projects?name=pm-project", cloud.adminToken(), null)
                .json().at("/projects/0/id").asText();
        String reader = cloud.call(cloud.identityUrl, "GET", "/v3/projects?name=pm-reader-project", cloud.adminToken(),
                null).json().at("/projects/0/id").asText();
        // Keystone's default roles imply reader for members, so both may read their own project.
        expect(cloud.as(TOKENS.get("member"), "GET", "/usages?project_id=" + member, "1.9", null), 200);
        expect(cloud.as(TOKENS.get("reader"), "GET", "/usages?project_id=" + reader, "1.9", null), 200);
        expect(cloud.as(TOKENS.get("reader"), "GET", "/usages?project_id=" + member, "1.9", null), 403);
    }

    private static void check(List<String> wrong, String persona, String method, String path, String body, int want) {
        PlacementCloud.Response r = cloud.as(TOKENS.get(persona), method, path, null, body);
        if (r.status() != want) {
            wrong.add(persona + " " + method + " " + path + ": want " + want + ", got " + r.status() + " " + r.body());
        }
    }

    @Override
    void emptyPlacement() {
        // The matrix builds on one provider; nothing to reset between its two tests.
    }
}
