package org.apiary.server.compute;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apiary.common.config.Config;
import org.apiary.common.json.Json;
import org.apiary.host.fake.FakeHypervisor;
import org.apiary.host.spi.HostResources;
import org.apiary.http.ApiServer;
import org.apiary.http.Dispatcher;
import org.apiary.http.HttpMetrics;
import org.apiary.identity.IdentityModule;
import org.apiary.identity.IdentityOptions;
import org.apiary.identity.domain.Bootstrapper;
import org.apiary.identity.token.FernetKeyRepository;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The servers API over HTTP on the whole in-process stack (Keystone, compute with its scheduler
 * and conductor, Placement, Neutron, Glance, a compute agent with the fake driver): create, the
 * lifecycle actions, rebuild, lock, console output, instance actions and delete, as clients see them.
 */
class ServersHttpTest {
    static ComputeStack stack;
    static IdentityModule identity;
    static ApiServer identityServer;
    static ApiServer computeServer;
    static String identityUrl;
    static String computeUrl;
    static String admin;
    static String member;
    static String imageId;
    static String networkId;
    static String memberProject;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        stack = new ComputeStack("identity");
        stack.startAgent(new FakeHypervisor(new HostResources(8, 16384, 200)), null);
        FernetKeyRepository keys = new FernetKeyRepository(stack.services.dir.resolve("keys"));
        keys.initializeIfEmpty();
        identity = new IdentityModule(Config.empty().with(IdentityOptions.PASSWORD_HASH_ROUNDS, "4"),
                stack.services.db, keys);
        HttpMetrics metrics = new HttpMetrics();
        identityServer = ApiServer.start("127.0.0.1", 0, new Dispatcher(identity.service("http://127.0.0.1/v3"),
                identity.tokenValidator(), metrics, List.of(), false, 0, 1 << 20, false, null), "identity");
        identityUrl = "http://127.0.0.1:" + identityServer.port();
        computeServer = ApiServer.start("127.0.0.1", 0, new Dispatcher(stack.compute.service(identityUrl + "/v3"),
                identity.tokenValidator(), metrics, List.of(), false, 0, 1 << 20, false, null), "compute");
        computeUrl = "http://127.0.0.1:" + computeServer.port();
        identity.bootstrapper().run(new Bootstrapper.Request("secret", "admin", "admin", "RegionOne",
                Map.of("identity", new Bootstrapper.Endpoints("keystone", identityUrl + "/v3"))));
        admin = token("admin", "admin");
        String project = memberOf("dora", "proj-h");
        memberProject = project;
        member = token("dora", "proj-h");
        stack.smallAndLargeFlavors();
        imageId = stack.image("cirros", project, Map.of(), "raw", new byte[4096]);
        networkId = stack.network(project, "10.9.0.0/24");
    }

    @AfterAll
    static void stop() throws Exception {
        computeServer.close();
        identityServer.close();
        identity.close();
        stack.close();
    }

    record Response(int status, String body, HttpResponse<String> raw) {
        JsonNode json() {
            try {
                return Json.MAPPER.readTree(body);
            } catch (IOException e) {
                throw new IllegalStateException(body, e);
            }
        }
    }

    static Response call(String url, String method, String token, String version, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).method(method, body == null
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        if (token != null) {
            b.header("X-Auth-Token", token);
        }
        b.header("OpenStack-API-Version", "compute " + (version == null ? "latest" : version));
        try {
            HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(r.statusCode(), r.body(), r);
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    static Response nova(String token, String method, String path, String version, String body) {
        return call(computeUrl + "/v2.1" + path, method, token, version, body);
    }

    static Response expect(Response r, int status) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        return r;
    }

    static String token(String user, String project) {
        Response r = call(identityUrl + "/v3/auth/tokens", "POST", null, null, "{\"auth\": {\"identity\": "
                + "{\"methods\": [\"password\"], \"password\": {\"user\": {\"name\": \"" + user + "\", \"domain\": "
                + "{\"id\": \"default\"}, \"password\": \"secret\"}}}, \"scope\": {\"project\": {\"name\": \""
                + project + "\", \"domain\": {\"id\": \"default\"}}}}}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.raw().headers().firstValue("X-Subject-Token").orElseThrow();
    }

    /** A user with the member role on a new project; returns the project id. */
    static String memberOf(String user, String project) {
        String adminToken = token("admin", "admin");
        String roleId = call(identityUrl + "/v3/roles?name=member", "GET", adminToken, null, null).json()
                .at("/roles/0/id").asText();
        String userId = call(identityUrl + "/v3/users", "POST", adminToken, null, "{\"user\": {\"name\": \"" + user
                + "\", \"password\": \"secret\"}}").json().at("/user/id").asText();
        String projectId = call(identityUrl + "/v3/projects", "POST", adminToken, null, "{\"project\": {\"name\": \""
                + project + "\"}}").json().at("/project/id").asText();
        call(identityUrl + "/v3/projects/" + projectId + "/users/" + userId + "/roles/" + roleId, "PUT", adminToken,
                null, null);
        return projectId;
    }

    static JsonNode waitFor(String uuid, Predicate<JsonNode> condition, String what) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 30_000;
        JsonNode s = null;
        while (System.currentTimeMillis() < deadline) {
            Response r = nova(member, "GET", "/servers/" + uuid, null, null);
            s = r.status() == 200 ? r.json().get("server") : null;
            if (condition.test(s)) {
                return s;
            }
            Thread.sleep(50);
        }
        throw new AssertionError(what + "; last seen " + s);
    }

    static Predicate<JsonNode> status(String status) {
        return s -> s != null && s.get("status").asText().equals(status) && s.get("OS-EXT-STS:task_state").isNull();
    }

    static String create(String name) {
        Response r = expect(nova(member, "POST", "/servers", null, "{\"server\": {\"name\": \"" + name
                + "\", \"imageRef\": \"" + imageId + "\", \"flavorRef\": \"1\", \"networks\": [{\"uuid\": \""
                + networkId + "\"}], \"metadata\": {\"k\": \"v\"}}}"), 202);
        JsonNode s = r.json().get("server");
        assertThat(s.get("adminPass").asText()).hasSize(12);
        assertThat(s.get("OS-DCF:diskConfig").asText()).isEqualTo("MANUAL");
        assertThat(s.get("security_groups").get(0).get("name").asText()).isEqualTo("default");
        assertThat(r.raw().headers().firstValue("Location").orElseThrow()).endsWith("/v2.1/servers/"
                + s.get("id").asText());
        return s.get("id").asText();
    }

    static Response action(String uuid, String body) {
        return nova(member, "POST", "/servers/" + uuid + "/action", null, body);
    }

    @Test
    void aServerLivesThroughTheApi() throws Exception {
        String uuid = create("web");
        JsonNode active = waitFor(uuid, status("ACTIVE"), "server becomes ACTIVE");
        assertThat(active.get("addresses").get("net").get(0).get("addr").asText()).startsWith("10.9.0.");
        assertThat(active.get("hostId").asText()).hasSize(56);
        assertThat(active.get("metadata").get("k").asText()).isEqualTo("v");
        JsonNode asAdmin = expect(nova(admin, "GET", "/servers/" + uuid, null, null), 200).json().get("server");
        assertThat(asAdmin.get("host_status").asText()).isEqualTo("UP");
        assertThat(asAdmin.get("OS-EXT-SRV-ATTR:host").asText()).isNotEmpty();

        expect(action(uuid, "{\"reboot\": {\"type\": \"HARD\"}}"), 202);
        waitFor(uuid, status("ACTIVE"), "hard reboot finishes");
        expect(action(uuid, "{\"os-stop\": null}"), 202);
        Response again = action(uuid, "{\"os-stop\": null}");
        expect(again, 409);
        assertThat(again.json().get("conflictingRequest").get("message").asText()).contains("Cannot 'stop' instance");
        waitFor(uuid, status("SHUTOFF"), "server stops");
        expect(action(uuid, "{\"os-start\": null}"), 202);
        waitFor(uuid, status("ACTIVE"), "server starts");

        expect(action(uuid, "{\"resize\": {\"flavorRef\": \"2\"}}"), 202);
        waitFor(uuid, s -> s != null && s.get("status").asText().equals("VERIFY_RESIZE"), "resize waits");
        expect(action(uuid, "{\"confirmResize\": null}"), 204);
        JsonNode resized = waitFor(uuid, status("ACTIVE"), "resize confirmed");
        assertThat(resized.get("flavor").get("original_name").asText()).isEqualTo("large");

        JsonNode rebuilt = expect(action(uuid, "{\"rebuild\": {\"imageRef\": \"" + imageId + "\", \"name\": "
                + "\"web2\", \"adminPass\": \"pw\"}}"), 202).json().get("server");
        assertThat(rebuilt.get("name").asText()).isEqualTo("web2");
        assertThat(rebuilt.get("adminPass").asText()).isEqualTo("pw");
        waitFor(uuid, status("ACTIVE"), "rebuild finishes");

        assertThat(expect(action(uuid, "{\"os-getConsoleOutput\": {\"length\": 5}}"), 200).json().has("output"))
                .isTrue();

        expect(action(uuid, "{\"lock\": {\"locked_reason\": \"hold\"}}"), 202);
        expect(nova(member, "DELETE", "/servers/" + uuid, null, null), 409);
        expect(action(uuid, "{\"unlock\": null}"), 202);

        List<String> names = new ArrayList<>();
        expect(nova(member, "GET", "/servers/" + uuid + "/os-instance-actions", null, null), 200).json()
                .get("instanceActions").forEach(a -> names.add(a.get("action").asText()));
        assertThat(names).contains("create", "reboot", "stop", "start", "resize", "confirmResize", "rebuild", "lock",
                "unlock");
        String createRequest = expect(nova(member, "GET", "/servers/" + uuid + "/os-instance-actions", null, null),
                200).json().get("instanceActions").get(names.size() - 1).get("request_id").asText();
        JsonNode events = expect(nova(admin, "GET", "/servers/" + uuid + "/os-instance-actions/" + createRequest,
                null, null), 200).json().get("instanceAction").get("events");
        assertThat(events.size()).isPositive();

        expect(nova(member, "DELETE", "/servers/" + uuid, null, null), 204);
        waitFor(uuid, s -> s == null, "server deleted");
        expect(nova(member, "GET", "/servers/" + uuid, null, null), 404);
        assertThat(expect(nova(admin, "GET", "/servers/detail?all_tenants=1&deleted=true&uuid=" + uuid, null, null),
                200).json().get("servers").get(0).get("status").asText()).isEqualTo("DELETED");
    }

    @Test
    void returnReservationIdNamesEveryServerOfTheRequest() throws Exception {
        JsonNode r = expect(nova(member, "POST", "/servers", null, "{\"server\": {\"name\": \"many\", \"imageRef\": \""
                + imageId + "\", \"flavorRef\": \"1\", \"networks\": \"none\", \"min_count\": 2, "
                + "\"return_reservation_id\": true}}"), 202).json();
        String reservation = r.get("reservation_id").asText();
        JsonNode listed = expect(nova(member, "GET", "/servers?reservation_id=" + reservation, null, null), 200)
                .json().get("servers");
        assertThat(listed.size()).isEqualTo(2);
        for (JsonNode s : listed) {
            waitFor(s.get("id").asText(), status("ACTIVE"), "server of the reservation becomes ACTIVE");
            expect(nova(member, "DELETE", "/servers/" + s.get("id").asText(), null, null), 204);
        }
    }

    @Test
    void securityGroupsNamedAtCreateMustExistInTheProject() throws Exception {
        String body = "{\"server\": {\"name\": \"sg\", \"imageRef\": \"" + imageId + "\", \"flavorRef\": \"1\", "
                + "\"networks\": \"none\", \"security_groups\": [{\"name\": \"%s\"}]}}";
        Response r = expect(nova(member, "POST", "/servers", null, body.formatted("nope")), 400);
        assertThat(r.json().at("/badRequest/message").asText())
                .isEqualTo("Unable to find security_group with name or id 'nope'");
        String theirs = stack.services.network.securityGroups().create("another-project", "web", "", null).id();
        expect(nova(member, "POST", "/servers", null, body.formatted(theirs)), 400);
        stack.services.network.securityGroups().create(memberProject, "web", "", null);
        String uuid = expect(nova(member, "POST", "/servers", null, body.formatted("web")), 202).json()
                .at("/server/id").asText();
        waitFor(uuid, status("ACTIVE"), "server with a named security group becomes ACTIVE");
        Response del = expect(nova(member, "DELETE", "/servers/" + uuid, null, null), 204);
        assertThat(del.raw().headers().firstValue("x-compute-request-id")).isEqualTo(
                del.raw().headers().firstValue("x-openstack-request-id"));
    }
}
