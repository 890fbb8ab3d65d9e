package org.apiary.identity.protection;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apiary.common.Ids;
import org.apiary.identity.TestCloud;
import org.apiary.identity.token.FernetKeyRepository;
import org.apiary.identity.token.FernetTokens;
import org.apiary.identity.token.TokenPayload;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Persona × endpoint → status, for Keystone Zed's default policy (new rules ORed with the
 * deprecated ones, as Keystone enforces them by default). Personas:
 * admin (admin role on the admin project), sysreader (reader on the system, system-scoped),
 * member and reader of project P, other (member of project Q), and the token failures
 * none/garbage/expired/revoked, which must be 401 everywhere.
 */
class IdentityProtectionTest {
    static TestCloud cloud;
    static final Map<String, String> TOKENS = new LinkedHashMap<>();
    static final Map<String, String> IDS = new LinkedHashMap<>();

    @BeforeAll
    static void setUp() throws Exception {
        cloud = new TestCloud();
        String admin = cloud.adminToken();
        IDS.put("P", create(admin, "/v3/projects", "project", "{\"project\": {\"name\": \"P\"}}"));
        IDS.put("Q", create(admin, "/v3/projects", "project", "{\"project\": {\"name\": \"Q\"}}"));
        for (String user : List.of("alice", "bob", "carol", "dave", "target")) {
            IDS.put(user, create(admin, "/v3/users", "user", "{\"user\": {\"name\": \"" + user
                    + "\", \"password\": \"pw-" + user + "\"}}"));
        }
        IDS.put("group", create(admin, "/v3/groups", "group", "{\"group\": {\"name\": \"g\"}}"));
        IDS.put("role", create(admin, "/v3/roles", "role", "{\"role\": {\"name\": \"custom\"}}"));
        IDS.put("service", create(admin, "/v3/services", "service", "{\"service\": {\"type\": \"compute\"}}"));
        IDS.put("endpoint", create(admin, "/v3/endpoints", "endpoint", "{\"endpoint\": {\"service_id\": \""
                + IDS.get("service") + "\", \"interface\": \"public\", \"url\": \"http://nova:8774/v2.1\"}}"));
        String member = roleId(admin, "member");
        String reader = roleId(admin, "reader");
        grant(admin, "/v3/projects/" + IDS.get("P") + "/users/" + IDS.get("alice") + "/roles/" + member);
        grant(admin, "/v3/projects/" + IDS.get("P") + "/users/" + IDS.get("bob") + "/roles/" + reader);
        grant(admin, "/v3/projects/" + IDS.get("Q") + "/users/" + IDS.get("carol") + "/roles/" + member);
        grant(admin, "/v3/system/users/" + IDS.get("dave") + "/roles/" + reader);
        IDS.put("alice_cred", create(admin, "/v3/credentials", "credential", "{\"credential\": {\"user_id\": \""
                + IDS.get("alice") + "\", \"type\": \"totp\", \"blob\": \"secret\"}}"));

        TOKENS.put("admin", admin);
        Thread.sleep(1100); // grants are identity changes; keep new tokens clear of their second
        TOKENS.put("sysreader", scoped("dave", "{\"system\": {\"all\": true}}"));
        TOKENS.put("member", scoped("alice", "{\"project\": {\"id\": \"" + IDS.get("P") + "\"}}"));
        TOKENS.put("reader", scoped("bob", "{\"project\": {\"id\": \"" + IDS.get("P") + "\"}}"));
        TOKENS.put("other", scoped("carol", "{\"project\": {\"id\": \"" + IDS.get("Q") + "\"}}"));
        TOKENS.put("none", null);
        TOKENS.put("garbage", "gAAAAAB" + "x".repeat(150));
        FernetKeyRepository keys = new FernetKeyRepository(cloud.keyDirectory());
        TOKENS.put("expired", new FernetTokens(keys).seal(new TokenPayload(IDS.get("alice"), List.of("password"),
                IDS.get("P"), null, null, Instant.now().minusSeconds(60), List.of(Ids.secret(16)), null, Instant.now())));
        String revoked = scoped("alice", "{\"project\": {\"id\": \"" + IDS.get("P") + "\"}}");
        assertThat(cloud.send("DELETE", "/v3/auth/tokens", admin, null, "X-Subject-Token", revoked).status())
                .isEqualTo(204);
        TOKENS.put("revoked", revoked);
    }

    @AfterAll
    static void tearDown() {
        cloud.close();
    }

    /** One row: method, path ({names} filled from IDS), body, then the status per persona. */
    record Row(String method, String path, String body, int admin, int sysreader, int member, int reader, int other) {}

    static final int OK = 200;
    static final int CREATED = 201;
    static final int NO_CONTENT = 204;
    static final int NO = 403;

    static List<Row> rows() {
        return List.of(
                new Row("GET", "/v3/users", null, OK, OK, NO, NO, NO),
                new Row("GET", "/v3/users/{alice}", null, OK, OK, OK, NO, NO),
                new Row("GET", "/v3/users/{alice}/projects", null, OK, OK, OK, NO, NO),
                new Row("GET", "/v3/users/{alice}/groups", null, OK, OK, OK, NO, NO),
                new Row("PATCH", "/v3/users/{target}", "{\"user\": {\"description\": \"x\"}}", OK, NO, NO, NO, NO),
                new Row("GET", "/v3/projects", null, OK, OK, NO, NO, NO),
                new Row("GET", "/v3/projects/{P}", null, OK, OK, OK, OK, NO),
                new Row("PATCH", "/v3/projects/{Q}", "{\"project\": {\"description\": \"x\"}}", OK, NO, NO, NO, NO),
                new Row("GET", "/v3/projects/{P}/tags", null, OK, OK, OK, OK, NO),
                new Row("GET", "/v3/domains", null, OK, OK, NO, NO, NO),
                new Row("GET", "/v3/domains/default", null, OK, OK, OK, OK, OK),
                new Row("GET", "/v3/groups", null, OK, OK, NO, NO, NO),
                new Row("GET", "/v3/groups/{group}", null, OK, OK, NO, NO, NO),
                new Row("GET", "/v3/groups/{group}/users", null, OK, OK, NO, NO, NO),
                new Row("GET", "/v3/roles", null, OK, OK, NO, NO, NO),
                new Row("GET", "/v3/roles/{role}", null, OK, OK, NO, NO, NO),
                new Row("GET", "/v3/role_inferences", null, OK, OK, NO, NO, NO),
                new Row("GET", "/v3/role_assignments", null, OK, OK, NO, NO, NO),
                new Row("GET", "/v3/projects/{P}/users/{alice}/roles", null, OK, OK, NO, NO, NO),
                new Row("GET", "/v3/system/users/{dave}/roles", null, OK, OK, NO, NO, NO),
                new Row("GET", "/v3/regions", null, OK, OK, OK, OK, OK),
                new Row("GET", "/v3/services", null, OK, OK, NO, NO, NO),
                new Row("GET", "/v3/services/{service}", null, OK, OK, NO, NO, NO),
                new Row("GET", "/v3/endpoints", null, OK, OK, NO, NO, NO),
                new Row("GET", "/v3/endpoints/{endpoint}", null, OK, OK, NO, NO, NO),
                new Row("GET", "/v3/credentials/{alice_cred}", null, OK, OK, OK, NO, NO),
                new Row("GET", "/v3/users/{alice}/application_credentials", null, OK, OK, OK, NO, NO),
                new Row("GET", "/v3/auth/catalog", null, OK, OK, OK, OK, OK),
                new Row("GET", "/v3/auth/projects", null, OK, OK, OK, OK, OK),
                new Row("GET", "/v3/auth/system", null, OK, OK, OK, OK, OK),
                // Writes: only admins. Non-admins are refused before anything is checked or stored.
                new Row("POST", "/v3/projects", "{\"project\": {\"name\": \"new-{persona}\"}}", CREATED, NO, NO, NO, NO),
                new Row("POST", "/v3/users", "{\"user\": {\"name\": \"new-{persona}\"}}", CREATED, NO, NO, NO, NO),
                new Row("POST", "/v3/groups", "{\"group\": {\"name\": \"new-{persona}\"}}", CREATED, NO, NO, NO, NO),
                new Row("POST", "/v3/roles", "{\"role\": {\"name\": \"new-{persona}\"}}", CREATED, NO, NO, NO, NO),
                new Row("POST", "/v3/regions", "{\"region\": {\"id\": \"new-{persona}\"}}", CREATED, NO, NO, NO, NO),
                new Row("POST", "/v3/services", "{\"service\": {\"type\": \"t-{persona}\"}}", CREATED, NO, NO, NO, NO),
                new Row("PUT", "/v3/projects/{Q}/users/{target}/roles/{role}", null, NO_CONTENT, NO, NO, NO, NO),
                new Row("PUT", "/v3/groups/{group}/users/{target}", null, NO_CONTENT, NO, NO, NO, NO),
                new Row("DELETE", "/v3/users/{target}", null, -1, NO, NO, NO, NO),
                new Row("DELETE", "/v3/projects/{Q}", null, -1, NO, NO, NO, NO),
                new Row("DELETE", "/v3/roles/{role}", null, -1, NO, NO, NO, NO));
    }

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (Row r : rows()) {
            int[] expected = {r.admin(), r.sysreader(), r.member(), r.reader(), r.other(), 401, 401, 401, 401};
            String[] personas = {"admin", "sysreader", "member", "reader", "other", "none", "garbage", "expired", "revoked"};
            for (int i = 0; i < personas.length; i++) {
                if (expected[i] >= 0) {
                    out.add(Arguments.of(personas[i], r.method(), r.path(), r.body(), expected[i]));
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} {1} {2} -> {4}")
    @MethodSource("cases")
    void personaGetsExpectedStatus(String persona, String method, String path, String body, int expected) {
        String url = fill(path);
        String payload = body == null ? null : fill(body).replace("{persona}", persona);
        int status = cloud.send(method, url, TOKENS.get(persona), payload).status();
        assertThat(status).as("%s %s %s", persona, method, url).isEqualTo(expected);
    }

    private static String fill(String s) {
        for (Map.Entry<String, String> e : IDS.entrySet()) {
            s = s.replace("{" + e.getKey() + "}", e.getValue());
        }
        return s;
    }

    private static String create(String token, String path, String entity, String body) {
        TestCloud.Response r = cloud.post(path, token, body);
        assertThat(r.status()).as(path + ": " + r.body()).isEqualTo(201);
        return r.json().get(entity).get("id").asText();
    }

    private static void grant(String token, String path) {
        assertThat(cloud.send("PUT", path, token, null).status()).as(path).isEqualTo(204);
    }

    private static String roleId(String token, String name) {
        return cloud.get("/v3/roles?name=" + name, token).json().get("roles").get(0).get("id").asText();
    }

    private static String scoped(String user, String scope) {
        TestCloud.Response r = cloud.post("/v3/auth/tokens", null, "{\"auth\": {\"identity\": {\"methods\": "
                + "[\"password\"], \"password\": {\"user\": {\"id\": \"" + IDS.get(user) + "\", \"password\": \"pw-"
                + user + "\"}}}, \"scope\": " + scope + "}}");
        assertThat(r.status()).as(user + ": " + r.body()).isEqualTo(201);
        return r.header("X-Subject-Token");
    }
}
