package org.apiary.compute;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.apiary.compute.domain.Server;
import org.apiary.compute.domain.ServerChange;
import org.apiary.compute.domain.TaskExpectation;
import org.apiary.compute.rpc.ConductorRpc;
import org.apiary.compute.rpc.ConsoleTarget;
import org.apiary.compute.store.sql.SqlServerStore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Remote consoles (POST /servers/{id}/remote-consoles, the legacy os-get*Console actions) and
 * os-console-auth-tokens, as Nova answers them for a cloud that serves serial consoles only; tokens as the
 * console proxy of the server's host validates them over the conductor's RPC endpoint.
 */
class RemoteConsolesTest extends SeededServersTestBase {
    static final String BASE = "ws://console.example:6083/";
    static String reader;
    static String stranger;
    static ConductorRpc conductor;

    @BeforeAll
    static void start() {
        reader = userOf("rita", PROJECT_NAME, "reader");
        stranger = userOf("sam", "proj-s", "member");
        conductor = cloud.compute().servers().endpoint();
        conductor.registerConsoleProxy("host1", BASE); // the agent of host1 runs a proxy; no other host does
    }

    static Server server(String name, String vmState, String host) {
        Server s = ServerFixtures.withState(ServerFixtures.active(project, MEMBER_ID, name), vmState, null, null, null);
        if (host == null || !host.equals(s.host())) {
            s = ServerFixtures.seed(cloud, s);
            new SqlServerStore(cloud.database()).update(s.uuid(), TaskExpectation.any(), ServerChange.of().host(host));
            return s;
        }
        return ServerFixtures.seed(cloud, s);
    }

    static ComputeCloud.Response console(String token, String uuid, String version, String body) {
        return cloud.as(token, "POST", "/servers/" + uuid + "/remote-consoles", version, body);
    }

    static ComputeCloud.Response action(String token, String uuid, String version, String body) {
        return cloud.as(token, "POST", "/servers/" + uuid + "/action", version, body);
    }

    static String serial() {
        return "{\"remote_console\": {\"protocol\": \"serial\", \"type\": \"serial\"}}";
    }

    static String tokenOf(String url) {
        assertThat(url).startsWith(BASE + "?token=");
        return url.substring((BASE + "?token=").length());
    }

    @Test
    void aSerialConsoleUrlCarriesAFreshTokenTheHostsProxyCanValidate() {
        Server s = server("serial", "active", "host1");
        JsonNode rc = ComputeTestBase.expect(console(member, s.uuid(), "2.6", serial()), 200).json()
                .get("remote_console");
        assertThat(rc.get("protocol").asText()).isEqualTo("serial");
        assertThat(rc.get("type").asText()).isEqualTo("serial");
        String token = tokenOf(rc.get("url").asText());
        assertThat(token).matches("[A-Za-z0-9_-]{43}");
        String again = tokenOf(console(member, s.uuid(), "2.6", serial()).json().get("remote_console").get("url")
                .asText());
        assertThat(again).isNotEqualTo(token);

        ConsoleTarget t = conductor.validateConsoleToken(token);
        assertThat(t).isEqualTo(new ConsoleTarget(s.uuid(), "host1", "serial"));
        assertThat(conductor.validateConsoleToken(token)).as("reusable until it expires, as in Nova").isEqualTo(t);
        assertThat(conductor.validateConsoleToken(token + "x")).isNull();
        assertThat(conductor.validateConsoleToken("")).isNull();
        assertThat(conductor.validateConsoleToken(null)).isNull();
    }

    @Test
    void onlyTheTokensHashIsStored() {
        Server s = server("hash", "active", "host1");
        String token = tokenOf(console(member, s.uuid(), "2.6", serial()).json()
                .get("remote_console").get("url").asText());
        List<Map<String, Object>> rows = cloud.database().jdbi().withHandle(h -> h.createQuery(
                "SELECT * FROM compute_console_auth_token WHERE instance_uuid = :u").bind("u", s.uuid()).mapToMap()
                .list());
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).get("token_hash")).isEqualTo(ConsoleTokensTest.sha256(token));
        assertThat(rows.get(0).values()).noneMatch(v -> String.valueOf(v).contains(token));
        long ttl = ((Number) rows.get(0).get("expires")).longValue() - ((Number) rows.get(0).get("created_at"))
                .longValue();
        assertThat(ttl).as("[consoleauth] token_ttl defaults to 600 s").isEqualTo(600_000L);
    }

    @Test
    void tokensGoWithTheirServerAndDoNotFollowItToAnotherHost() {
        Server s = server("gone", "active", "host1");
        String token = tokenOf(console(member, s.uuid(), "2.6", serial()).json().get("remote_console").get("url")
                .asText());
        SqlServerStore store = new SqlServerStore(cloud.database());
        store.update(s.uuid(), TaskExpectation.any(), ServerChange.of().host("host2"));
        assertThat(conductor.validateConsoleToken(token)).as("the server moved: host1's proxy may not serve it")
                .isNull();
        store.update(s.uuid(), TaskExpectation.any(), ServerChange.of().host("host1"));
        assertThat(conductor.validateConsoleToken(token)).isNotNull();
        store.update(s.uuid(), TaskExpectation.any(), ServerChange.of().vmState("deleted")
                .deletedAt(System.currentTimeMillis()));
        assertThat(conductor.validateConsoleToken(token)).isNull();
        int left = cloud.database().jdbi().withHandle(h -> h.createQuery(
                "SELECT COUNT(*) FROM compute_console_auth_token WHERE instance_uuid = :u").bind("u", s.uuid())
                .mapTo(Integer.class).one());
        assertThat(left).as("deleted with the server").isZero();
    }

    @Test
    void otherProtocolsAreUnavailableInThisCloud() {
        Server s = server("vnc", "active", "host1");
        for (String[] pt : new String[][] {{"vnc", "novnc"}, {"vnc", "xvpvnc"}, {"spice", "spice-html5"},
                {"rdp", "rdp-html5"}}) {
            ComputeCloud.Response r = console(member, s.uuid(), "2.6", "{\"remote_console\": {\"protocol\": \""
                    + pt[0] + "\", \"type\": \"" + pt[1] + "\"}}");
            ComputeTestBase.expectError(r, 400, "badRequest");
            assertThat(r.body()).contains("Unavailable console type " + pt[1] + ".");
        }
        ComputeCloud.Response mks = console(member, s.uuid(), "2.8", "{\"remote_console\": {\"protocol\": \"mks\", "
                + "\"type\": \"webmks\"}}");
        ComputeTestBase.expectError(mks, 400, "badRequest");
        assertThat(mks.body()).contains("Unavailable console type webmks.");
        ComputeCloud.Response early = console(member, s.uuid(), "2.7", "{\"remote_console\": {\"protocol\": \"mks\", "
                + "\"type\": \"webmks\"}}");
        ComputeTestBase.expectError(early, 400, "badRequest");
        assertThat(early.body()).contains("is not one of");
        ComputeCloud.Response mismatch = console(member, s.uuid(), "2.6", "{\"remote_console\": {\"protocol\": "
                + "\"serial\", \"type\": \"novnc\"}}");
        ComputeTestBase.expectError(mismatch, 400, "badRequest");
        assertThat(mismatch.body()).contains("Invalid console type novnc");
    }

    @Test
    void badBodiesAndVersions() {
        Server s = server("bad", "active", "host1");
        for (String body : new String[] {"{}", "{\"remote_console\": {\"protocol\": \"serial\"}}",
                "{\"remote_console\": {\"type\": \"serial\"}}", "{\"remote_console\": \"serial\"}",
                "{\"remote_console\": {\"protocol\": \"serial\", \"type\": \"serial\", \"x\": 1}}",
                "{\"remote_console\": {\"protocol\": 1, \"type\": \"serial\"}}",
                "{\"remote_console\": {\"protocol\": \"telnet\", \"type\": \"serial\"}}", "not json", ""}) {
            ComputeTestBase.expectError(console(member, s.uuid(), "2.6", body), 400, "badRequest");
        }
        ComputeTestBase.expectError(console(member, s.uuid(), "2.5", serial()), 404, "itemNotFound");
        ComputeTestBase.expectError(console(member, NO_SERVER, "2.6", serial()), 404, "itemNotFound");
    }

    @Test
    void stateAndHostDecideBeforeTheToken() {
        ComputeCloud.Response stopped = console(member, server("off", "stopped", "host1").uuid(), "2.6", serial());
        ComputeTestBase.expectError(stopped, 409, "conflictingRequest");
        assertThat(stopped.body()).contains("while it is in vm_state stopped");
        Server unplaced = server("unplaced", "building", null);
        ComputeCloud.Response notReady = console(member, unplaced.uuid(), "2.6", serial());
        ComputeTestBase.expectError(notReady, 409, "conflictingRequest");
        assertThat(notReady.body()).contains("Instance " + unplaced.uuid() + " is not ready");
        ComputeTestBase.expectError(console(member, unplaced.uuid(), "2.6", "{\"remote_console\": {\"protocol\": "
                + "\"vnc\", \"type\": \"novnc\"}}"), 409, "conflictingRequest");
        ComputeCloud.Response noProxy = console(member, server("elsewhere", "active", "host9").uuid(), "2.6",
                serial());
        ComputeTestBase.expectError(noProxy, 400, "badRequest");
        assertThat(noProxy.body()).contains("Unavailable console type serial.");
    }

    @Test
    void policyIsNovas() {
        Server s = server("policy", "active", "host1");
        // project_member_or_admin, whose deprecated admin_or_owner alternative still admits the project's readers
        // (Nova without enforce_new_defaults), like every server policy here.
        ComputeTestBase.expect(console(reader, s.uuid(), "2.6", serial()), 200);
        ComputeTestBase.expectError(console(stranger, s.uuid(), "2.6", serial()), 404, "itemNotFound");
        ComputeTestBase.expect(console(cloud.adminToken(), s.uuid(), "2.6", serial()), 200);
        ComputeTestBase.expect(action(reader, s.uuid(), "2.1", "{\"os-getSerialConsole\": {\"type\": "
                + "\"serial\"}}"), 200);
        ComputeTestBase.expectError(console(null, s.uuid(), "2.6", serial()), 401, "unauthorized");
    }

    @Test
    void legacyActionsBefore26() {
        Server s = server("legacy", "active", "host1");
        JsonNode c = ComputeTestBase.expect(action(member, s.uuid(), "2.1", "{\"os-getSerialConsole\": {\"type\": "
                + "\"serial\"}}"), 200).json().get("console");
        assertThat(c.get("type").asText()).isEqualTo("serial");
        assertThat(conductor.validateConsoleToken(tokenOf(c.get("url").asText())).instanceUuid()).isEqualTo(s.uuid());
        for (String[] at : new String[][] {{"os-getVNCConsole", "novnc"}, {"os-getVNCConsole", "xvpvnc"},
                {"os-getSPICEConsole", "spice-html5"}, {"os-getRDPConsole", "rdp-html5"}}) {
            ComputeCloud.Response r = action(member, s.uuid(), "2.5", "{\"" + at[0] + "\": {\"type\": \"" + at[1]
                    + "\"}}");
            ComputeTestBase.expectError(r, 400, "badRequest");
            assertThat(r.body()).contains("Unavailable console type " + at[1] + ".");
        }
        ComputeTestBase.expectError(action(member, s.uuid(), "2.1", "{\"os-getVNCConsole\": {\"type\": "
                + "\"spice-html5\"}}"), 400, "badRequest");
        ComputeTestBase.expectError(action(member, s.uuid(), "2.1", "{\"os-getSerialConsole\": {}}"), 400,
                "badRequest");
        ComputeTestBase.expectError(action(member, s.uuid(), "2.1", "{\"os-getSerialConsole\": null}"), 400,
                "badRequest");
        ComputeTestBase.expectError(action(member, s.uuid(), "2.6", "{\"os-getSerialConsole\": {\"type\": "
                + "\"serial\"}}"), 404, "itemNotFound");
        ComputeTestBase.expectError(action(member, server("legacy-off", "stopped", "host1").uuid(), "2.1",
                "{\"os-getSerialConsole\": {\"type\": \"serial\"}}"), 409, "conflictingRequest");
    }

    @Test
    void consoleAuthTokensShowWhatATokenGrantsToAdmins() {
        Server s = server("tokens", "active", "host1");
        String token = tokenOf(console(member, s.uuid(), "2.6", serial()).json().get("remote_console").get("url")
                .asText());
        String admin = cloud.adminToken();
        JsonNode c = ComputeTestBase.expect(cloud.as(admin, "GET", "/os-console-auth-tokens/" + token, "2.31", null),
                200).json().get("console");
        assertThat(c.get("instance_uuid").asText()).isEqualTo(s.uuid());
        assertThat(c.get("host").asText()).isEqualTo("host1");
        assertThat(c.has("port")).isTrue();
        assertThat(c.has("internal_access_path")).isTrue();
        ComputeCloud.Response old = cloud.as(admin, "GET", "/os-console-auth-tokens/" + token, "2.30", null);
        ComputeTestBase.expectError(old, 401, "unauthorized");
        assertThat(old.body()).contains("The requested console type details are not accessible");
        ComputeCloud.Response unknown = cloud.as(admin, "GET", "/os-console-auth-tokens/nope", "2.31", null);
        ComputeTestBase.expectError(unknown, 404, "itemNotFound");
        assertThat(unknown.body()).contains("Token not found");
        ComputeTestBase.expectError(cloud.as(member, "GET", "/os-console-auth-tokens/" + token, "2.31", null), 403,
                "forbidden");
    }
}
