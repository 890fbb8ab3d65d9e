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
 * Availability zones from host aggregates on the whole in-process stack with two fake-driver hosts:
 * a small one put in zone az1 and a big one left in the default zone. The RAM weigher would always
 * pick the big host, so a server that lands on the small one was placed by its zone. Adding and
 * removing a host is mirrored on its resource provider's Placement aggregates.
 */
class AggregateZonesTest {
    static ComputeStack stack;
    static ComputeHttp api;
    static String imageId;
    static String networkId;

    @BeforeAll
    static void start() throws Exception {
        stack = new ComputeStack("identity");
        stack.startAgent("zone-small", new FakeHypervisor(new HostResources(4, 2048, 100)));
        stack.startAgent("zone-big", new FakeHypervisor(new HostResources(16, 32768, 400)));
        assertThat(stack.compute.hosts().hypervisors()).hasSize(2);
        api = new ComputeHttp(stack);
        String project = api.projectId("admin");
        stack.flavor("1", "small", 512, 1, 1);
        stack.flavor("3", "huge", 4096, 2, 1);
        imageId = stack.image("cirros", project, Map.of(), "raw", new byte[4096]);
        networkId = stack.network(project, "10.8.0.0/24");
    }

    @AfterAll
    static void stop() throws Exception {
        api.close();
        stack.close();
    }

    static Response nova(String method, String path, String body) {
        return api.nova(api.admin, method, path, null, body);
    }

    static String nodeUuid(String host) {
        return stack.compute.hosts().hypervisors().stream().filter(h -> h.node().host().equals(host)).findFirst()
                .orElseThrow().node().uuid();
    }

    static String createServer(String name, String flavor, String zone) {
        String az = zone == null ? "" : ", \"availability_zone\": \"" + zone + "\"";
        Response r = expect(nova("POST", "/servers", "{\"server\": {\"name\": \"" + name + "\", \"imageRef\": \""
                + imageId + "\", \"flavorRef\": \"" + flavor + "\", \"networks\": [{\"uuid\": \"" + networkId
                + "\"}]" + az + "}}"), 202);
        return r.json().at("/server/id").asText();
    }

    static JsonNode waitFor(String uuid, Predicate<JsonNode> condition, String what) throws InterruptedException {
        return api.waitFor(api.admin, uuid, condition, what);
    }

    @Test
    void zonesPlaceServersAndMirrorIntoPlacement() throws Exception {
        JsonNode agg = expect(nova("POST", "/os-aggregates", "{\"aggregate\": {\"name\": \"agg1\", "
                + "\"availability_zone\": \"az1\"}}"), 200).json().get("aggregate");
        long id = agg.get("id").asLong();
        String aggUuid = agg.get("uuid").asText();
        expect(nova("POST", "/os-aggregates/" + id + "/action", "{\"add_host\": {\"host\": \"zone-small\"}}"), 200);

        // Placement: the small host's provider is in the aggregate, the big one's is not.
        assertThat(stack.services.placement.providers().aggregates(nodeUuid("zone-small"))).containsExactly(aggUuid);
        assertThat(stack.services.placement.providers().aggregates(nodeUuid("zone-big"))).isEmpty();

        JsonNode zones = expect(nova("GET", "/os-availability-zone", null), 200).json().get("availabilityZoneInfo");
        List<String> names = new ArrayList<>();
        zones.forEach(z -> names.add(z.get("zoneName").asText()));
        assertThat(names).containsExactlyInAnyOrder("az1", "nova");

        // In az1: only the small host qualifies, though the weigher prefers the big one.
        String inZone = createServer("in-az1", "1", "az1");
        JsonNode active = waitFor(inZone, status("ACTIVE"), "server in az1 becomes ACTIVE");
        assertThat(active.get("OS-EXT-SRV-ATTR:host").asText()).isEqualTo("zone-small");
        assertThat(active.get("OS-EXT-AZ:availability_zone").asText()).isEqualTo("az1");

        // No zone asked: the weigher's choice, and the server records the zone it landed in.
        String anywhere = createServer("anywhere", "1", null);
        JsonNode placed = waitFor(anywhere, status("ACTIVE"), "server without a zone becomes ACTIVE");
        assertThat(placed.get("OS-EXT-SRV-ATTR:host").asText()).isEqualTo("zone-big");
        assertThat(placed.get("OS-EXT-AZ:availability_zone").asText()).isEqualTo("nova");
        Response inNova = expect(nova("GET", "/servers/detail?availability_zone=nova", null), 200);
        assertThat(inNova.json().get("servers").size()).isEqualTo(1);

        // A flavor only the big host could hold, in az1: NoValidHost, as Nova.
        String tooBig = createServer("too-big", "3", "az1");
        // The fault is recorded just after the state, so wait for both.
        JsonNode error = waitFor(tooBig, s -> s != null && s.get("status").asText().equals("ERROR")
                && !s.at("/fault/message").asText().isEmpty(), "too-big fails with a fault");
        assertThat(error.at("/fault/message").asText()).contains("No valid host was found");

        Response unknown = expect(nova("POST", "/servers", "{\"server\": {\"name\": \"x\", \"imageRef\": \""
                + imageId + "\", \"flavorRef\": \"1\", \"networks\": \"none\", \"availability_zone\": \"nowhere\"}}"),
                400);
        assertThat(unknown.body()).contains("The requested availability zone is not available");

        // The zone cannot change under a host that runs servers.
        expect(nova("PUT", "/os-aggregates/" + id, "{\"aggregate\": {\"availability_zone\": \"az9\"}}"), 400);

        expect(nova("POST", "/os-aggregates/" + id + "/action", "{\"remove_host\": {\"host\": \"zone-small\"}}"),
                200);
        assertThat(stack.services.placement.providers().aggregates(nodeUuid("zone-small"))).isEmpty();
        // The server keeps the zone it was scheduled to.
        assertThat(expect(nova("GET", "/servers/" + inZone, null), 200).json()
                .at("/server/OS-EXT-AZ:availability_zone").asText()).isEqualTo("az1");
    }
}
