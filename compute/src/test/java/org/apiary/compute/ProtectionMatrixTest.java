package org.apiary.compute;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Persona × endpoint → status under Nova Zed's default policy (legacy mode): admin may do
 * everything; members and readers of a project read flavors, manage their own keypairs and
 * server groups and read their project's quotas; another project's quotas are refused; no token
 * or a bad token is 401.
 */
class ProtectionMatrixTest extends ComputeTestBase {
    static final Map<String, String> TOKENS = new LinkedHashMap<>();
    static String project;
    static String otherProject;

    @BeforeAll
    static void personas() {
        cloud.createUser("pm-member", "pm-project", "member", false);
        cloud.createUser("pm-reader", "pm-project", "reader", false);
        cloud.createUser("pm-other", "pm-other-project", "member", false);
        project = cloud.projectId("pm-project");
        otherProject = cloud.projectId("pm-other-project");
        TOKENS.put("admin", cloud.adminToken());
        TOKENS.put("member", cloud.token("pm-member", ComputeCloud.ADMIN_PASSWORD, "pm-project", false));
        TOKENS.put("reader", cloud.token("pm-reader", ComputeCloud.ADMIN_PASSWORD, "pm-project", false));
        TOKENS.put("other", cloud.token("pm-other", ComputeCloud.ADMIN_PASSWORD, "pm-other-project", false));
        expect(cloud.send("POST", "/flavors", null, "{\"flavor\": {\"name\": \"pm\", \"id\": \"pm\", \"ram\": 1, "
                + "\"vcpus\": 1, \"disk\": 0}}"), 200);
    }

    private static final String NO_SUCH_UUID = "6e3b1e0c-0a4f-4d4e-9d0e-000000000000";
    private static final String FLAVOR = "{\"flavor\": {\"name\": \"pm-x\", \"ram\": 1, \"vcpus\": 1, \"disk\": 0}}";

    /** method, path, body, then the expected status for admin, member, reader, other project. */
    private static Object[][] matrix() {
        return new Object[][] {
                {"GET", "/flavors", null, 200, 200, 200, 200},
                {"GET", "/flavors/detail", null, 200, 200, 200, 200},
                {"GET", "/flavors/pm", null, 200, 200, 200, 200},
                {"POST", "/flavors", FLAVOR, 200, 403, 403, 403},
                {"PUT", "/flavors/pm", "{\"flavor\": {\"description\": \"d\"}}", 200, 403, 403, 403},
                {"GET", "/flavors/pm/os-extra_specs", null, 200, 200, 200, 200},
                {"POST", "/flavors/pm/os-extra_specs", "{\"extra_specs\": {\"a\": \"b\"}}", 200, 403, 403, 403},
                {"DELETE", "/flavors/nope/os-extra_specs/a", null, 404, 403, 403, 403},
                {"POST", "/flavors/pm/action", "{\"addTenantAccess\": {\"tenant\": \"PROJECT\"}}", 409, 403, 403, 403},
                {"DELETE", "/flavors/nope", null, 404, 403, 403, 403},
                {"GET", "/os-keypairs", null, 200, 200, 200, 200},
                {"GET", "/os-keypairs/nope", null, 404, 404, 404, 404},
                {"GET", "/os-keypairs?user_id=someone", null, 200, 403, 403, 403},
                {"GET", "/limits", null, 200, 200, 200, 200},
                {"GET", "/limits?tenant_id=" + "PROJECT", null, 200, 403, 403, 403},
                {"GET", "/os-quota-sets/PROJECT", null, 200, 200, 200, 403},
                {"GET", "/os-quota-sets/PROJECT/detail", null, 200, 200, 200, 403},
                {"GET", "/os-quota-sets/PROJECT/defaults", null, 200, 200, 200, 200},
                {"PUT", "/os-quota-sets/PROJECT", "{\"quota_set\": {\"instances\": 10}}", 200, 403, 403, 403},
                {"DELETE", "/os-quota-sets/OTHER", null, 202, 403, 403, 403},
                {"GET", "/os-quota-class-sets/default", null, 200, 403, 403, 403},
                {"PUT", "/os-quota-class-sets/gold", "{\"quota_class_set\": {\"cores\": 5}}", 200, 403, 403, 403},
                {"GET", "/os-server-groups", null, 200, 200, 200, 200},
                {"GET", "/os-server-groups?all_projects=1", null, 200, 200, 200, 200},
                {"GET", "/os-availability-zone", null, 200, 200, 200, 200},
                {"GET", "/os-availability-zone/detail", null, 200, 403, 403, 403},
                {"GET", "/os-hypervisors", null, 200, 403, 403, 403},
                {"GET", "/os-services", null, 200, 403, 403, 403},
                {"GET", "/os-hypervisors/detail", null, 200, 403, 403, 403},
                {"GET", "/os-hypervisors/" + NO_SUCH_UUID, null, 404, 403, 403, 403},
                {"PUT", "/os-services/" + NO_SUCH_UUID, "{\"status\": \"enabled\"}", 404, 403, 403, 403},
                {"DELETE", "/os-services/" + NO_SUCH_UUID, null, 404, 403, 403, 403},
                {"GET", "/os-migrations", null, 200, 403, 403, 403},
                {"GET", "/os-simple-tenant-usage", null, 200, 403, 403, 403},
                {"GET", "/os-simple-tenant-usage/PROJECT", null, 200, 200, 200, 403},
                {"GET", "/os-instance_usage_audit_log", null, 200, 403, 403, 403},
                {"GET", "/os-instance_usage_audit_log/2026-03-15%2010:00:00", null, 200, 403, 403, 403},
        };
    }

    @Test
    void everyPersonaOnEveryEndpoint() {
        List<String> wrong = new ArrayList<>();
        String[] personas = {"admin", "member", "reader", "other"};
        for (Object[] row : matrix()) {
            String path = ((String) row[1]).replace("PROJECT", project).replace("OTHER", otherProject);
            String body = row[2] == null ? null : ((String) row[2]).replace("PROJECT", project);
            for (int i = 0; i < personas.length; i++) {
                check(wrong, personas[i], (String) row[0], path, body, (Integer) row[3 + i]);
            }
            check(wrong, "none", (String) row[0], path, body, 401);
            check(wrong, "invalid", (String) row[0], path, body, 401);
        }
        assertThat(wrong).isEmpty();
    }

    private static void check(List<String> wrong, String persona, String method, String path, String body, int want) {
        String token = switch (persona) {
            case "none" -> null;
            case "invalid" -> "not-a-token";
            default -> TOKENS.get(persona);
        };
        ComputeCloud.Response r = cloud.as(token, method, path, null, body);
        if (r.status() != want) {
            wrong.add(persona + " " + method + " " + path + ": want " + want + ", got " + r.status() + " " + r.body());
        }
    }
}
