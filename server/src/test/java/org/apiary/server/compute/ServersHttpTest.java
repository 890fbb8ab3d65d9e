package org.apiary.server.compute;

import static org.apiary.server.compute.ComputeHttp.expect;
import static org.apiary.server.compute.ComputeHttp.status;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apiary.host.fake.FakeHypervisor;
import org.apiary.host.spi.HostResources;
import org.apiary.server.compute.ComputeHttp.Response;
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
    static ComputeHttp api;
    static String admin;
    static String member;
    static String imageId;
    static String networkId;
    static String memberProject;

    @BeforeAll
    static void start() throws Exception {
        stack = new ComputeStack("identity");
        stack.startAgent(new FakeHypervisor(new HostResources(8, 16384, 200)), null);
        api = new ComputeHttp(stack);
        admin = api.admin;
        String project = api.memberOf("dora", "proj-h");
        memberProject = project;
        member = api.token("dora", "proj-h");
        stack.smallAndLargeFlavors();
        imageId = stack.image("cirros", project, Map.of(), "raw", new byte[4096]);
        networkId = stack.network(project, "10.9.0.0/24");
    }

    @AfterAll
    static void stop() throws Exception {
        api.close();
        stack.close();
    }

    static JsonNode waitFor(String uuid, Predicate<JsonNode> condition, String what) throws InterruptedException {
        return api.waitFor(member, uuid, condition, what);
    }

    static String create(String name) {
        Response r = expect(api.nova(member, "POST", "/servers", null, "{\"server\": {\"name\": \"" + name
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
        return api.nova(member, "POST", "/servers/" + uuid + "/action", null, body);
    }

    @Test
    void aServerLivesThroughTheApi() throws Exception {
        String uuid = create("web");
        JsonNode active = waitFor(uuid, status("ACTIVE"), "server becomes ACTIVE");
        assertThat(active.get("addresses").get("net").get(0).get("addr").asText()).startsWith("10.9.0.");
        assertThat(active.get("hostId").asText()).hasSize(56);
        assertThat(active.get("metadata").get("k").asText()).isEqualTo("v");
        JsonNode asAdmin = expect(api.nova(admin, "GET", "/servers/" + uuid, null, null), 200).json().get("server");
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
        expect(api.nova(member, "DELETE", "/servers/" + uuid, null, null), 409);
        expect(action(uuid, "{\"unlock\": null}"), 202);

        List<String> names = new ArrayList<>();
        expect(api.nova(member, "GET", "/servers/" + uuid + "/os-instance-actions", null, null), 200).json()
                .get("instanceActions").forEach(a -> names.add(a.get("action").asText()));
        assertThat(names).contains("create", "reboot", "stop", "start", "resize", "confirmResize", "rebuild", "lock",
                "unlock");
        String createRequest = expect(api.nova(member, "GET", "/servers/" + uuid + "/os-instance-actions", null, null),
                200).json().get("instanceActions").get(names.size() - 1).get("request_id").asText();
        JsonNode events = expect(api.nova(admin, "GET", "/servers/" + uuid + "/os-instance-actions/" + createRequest,
                null, null), 200).json().get("instanceAction").get("events");
        assertThat(events.size()).isPositive();

        expect(api.nova(member, "DELETE", "/servers/" + uuid, null, null), 204);
        waitFor(uuid, s -> s == null, "server deleted");
        expect(api.nova(member, "GET", "/servers/" + uuid, null, null), 404);
        assertThat(expect(api.nova(admin, "GET", "/servers/detail?all_tenants=1&deleted=true&uuid=" + uuid, null, null),
                200).json().get("servers").get(0).get("status").asText()).isEqualTo("DELETED");
    }

    @Test
    void returnReservationIdNamesEveryServerOfTheRequest() throws Exception {
        JsonNode r = expect(api.nova(member, "POST", "/servers", null, "{\"server\": {\"name\": \"many\", "
                + "\"imageRef\": \"" + imageId + "\", \"flavorRef\": \"1\", \"networks\": \"none\", \"min_count\": 2, "
                + "\"return_reservation_id\": true}}"), 202).json();
        String reservation = r.get("reservation_id").asText();
        JsonNode listed = expect(api.nova(member, "GET", "/servers?reservation_id=" + reservation, null, null), 200)
                .json().get("servers");
        assertThat(listed.size()).isEqualTo(2);
        for (JsonNode s : listed) {
            waitFor(s.get("id").asText(), status("ACTIVE"), "server of the reservation becomes ACTIVE");
            expect(api.nova(member, "DELETE", "/servers/" + s.get("id").asText(), null, null), 204);
        }
    }

    @Test
    void securityGroupsNamedAtCreateMustExistInTheProject() throws Exception {
        String body = "{\"server\": {\"name\": \"sg\", \"imageRef\": \"" + imageId + "\", \"flavorRef\": \"1\", "
                + "\"networks\": \"none\", \"security_groups\": [{\"name\": \"%s\"}]}}";
        Response r = expect(api.nova(member, "POST", "/servers", null, body.formatted("nope")), 400);
        assertThat(r.json().at("/badRequest/message").asText())
                .isEqualTo("Unable to find security_group with name or id 'nope'");
        String theirs = stack.services.network.securityGroups().create("another-project", "web", "", null).id();
        expect(api.nova(member, "POST", "/servers", null, body.formatted(theirs)), 400);
        stack.services.network.securityGroups().create(memberProject, "web", "", null);
        String uuid = expect(api.nova(member, "POST", "/servers", null, body.formatted("web")), 202).json()
                .at("/server/id").asText();
        waitFor(uuid, status("ACTIVE"), "server with a named security group becomes ACTIVE");
        Response del = expect(api.nova(member, "DELETE", "/servers/" + uuid, null, null), 204);
        assertThat(del.raw().headers().firstValue("x-compute-request-id")).isEqualTo(
                del.raw().headers().firstValue("x-openstack-request-id"));
    }
}
