package org.apiary.server.compute;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apiary.agent.AgentOptions;
import org.apiary.agent.compute.BusComputeAgent;
import org.apiary.agent.compute.ComputeAgentSettings;
import org.apiary.bus.Bus;
import org.apiary.bus.InProcessBus;
import org.apiary.bus.RpcServers;
import org.apiary.common.config.Config;
import org.apiary.common.json.Json;
import org.apiary.compute.ComputeExternals;
import org.apiary.compute.ComputeModule;
import org.apiary.compute.domain.FlavorSpec;
import org.apiary.compute.rpc.ConductorRpc;
import org.apiary.host.fake.FakeHypervisor;
import org.apiary.host.spi.HostResources;
import org.apiary.http.ApiServer;
import org.apiary.http.Dispatcher;
import org.apiary.http.HttpMetrics;
import org.apiary.identity.IdentityModule;
import org.apiary.identity.IdentityOptions;
import org.apiary.identity.domain.Bootstrapper;
import org.apiary.identity.token.FernetKeyRepository;
import org.apiary.network.domain.Network;
import org.apiary.network.domain.NetworkSpec;
import org.apiary.network.domain.SubnetSpec;
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
    static Services services;
    static Bus bus;
    static final List<BusComputeAgent> agents = new ArrayList<>();
    static ComputeModule compute;
    static IdentityModule identity;
    static ApiServer identityServer;
    static ApiServer computeServer;
    static String identityUrl;
    static String computeUrl;
    static String admin;
    static String imageId;
    static String networkId;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        services = new Services();
        services.db.migrate("compute");
        services.db.migrate("identity");
        bus = new InProcessBus();
        compute = new ComputeModule(Config.empty(), services.db, new ComputeExternals(
                new InProcessPlacement(services.placement), new InProcessNetwork(services.network),
                new InProcessImages(services.image), AgentProxies.of(bus, Duration.ofSeconds(10))));
        RpcServers.serve(bus, ConductorRpc.TOPIC, ConductorRpc.class, compute.servers().endpoint());
        agents.add(agent("zone-small", new HostResources(4, 2048, 100)));
        agents.add(agent("zone-big", new HostResources(16, 32768, 400)));
        FernetKeyRepository keys = new FernetKeyRepository(services.dir.resolve("keys"));
        keys.initializeIfEmpty();
        identity = new IdentityModule(Config.empty().with(IdentityOptions.PASSWORD_HASH_ROUNDS, "4"), services.db,
                keys);
        HttpMetrics metrics = new HttpMetrics();
        identityServer = ApiServer.start("127.0.0.1", 0, new Dispatcher(identity.service("http://127.0.0.1/v3"),
                identity.tokenValidator(), metrics, List.of(), false, 0, 1 << 20, false, null), "identity");
        identityUrl = "http://127.0.0.1:" + identityServer.port();
        computeServer = ApiServer.start("127.0.0.1", 0, new Dispatcher(compute.service(identityUrl + "/v3"),
                identity.tokenValidator(), metrics, List.of(), false, 0, 1 << 20, false, null), "compute");
        computeUrl = "http://127.0.0.1:" + computeServer.port();
        identity.bootstrapper().run(new Bootstrapper.Request("secret", "admin", "admin", "RegionOne",
                Map.of("identity", new Bootstrapper.Endpoints("keystone", identityUrl + "/v3"))));
        admin = token();
        String project = projectId();

        long deadline = System.currentTimeMillis() + 20_000;
        while (compute.hosts().hypervisors().size() < 2 && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        assertThat(compute.hosts().hypervisors()).hasSize(2);
        compute.flavors().create(new FlavorSpec("1", "small", 512, 1, 1, 0, 0, 1.0, true, null));
        compute.flavors().create(new FlavorSpec("3", "huge", 4096, 2, 1, 0, 0, 1.0, true, null));
        InProcessImages images = new InProcessImages(services.image);
        imageId = images.createSnapshotImage("cirros", project, Map.of(), "raw", "bare");
        images.uploadSnapshot(imageId, new ByteArrayInputStream(new byte[4096]));
        Network n = services.network.networks().create(new NetworkSpec(project, "net", null, null, false, false,
                null, null, null, null, null, null, null, null, false));
        services.network.subnets().create(new SubnetSpec(project, n.id(), "", null, 4, "10.8.0.0/24", null, false,
                null, null, null, null, null, null));
        networkId = n.id();
    }

    static BusComputeAgent agent(String host, HostResources size) {
        Config config = Config.empty().with(AgentOptions.HOST, host);
        return BusComputeAgent.start(bus, ComputeAgentSettings.from(config)
                .withIntervals(Duration.ofMillis(200), Duration.ofMillis(200)), new FakeHypervisor(size),
                Duration.ofSeconds(10));
    }

    @AfterAll
    static void stop() throws Exception {
        computeServer.close();
        identityServer.close();
        for (BusComputeAgent a : agents) {
            a.close();
        }
        compute.servers().close();
        bus.close();
        identity.close();
        services.close();
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

    static Response call(String url, String method, String token, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).method(method, body == null
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        if (token != null) {
            b.header("X-Auth-Token", token);
        }
        b.header("OpenStack-API-Version", "compute latest");
        try {
            HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(r.statusCode(), r.body(), r);
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    static Response nova(String method, String path, String body) {
        return call(computeUrl + "/v2.1" + path, method, admin, body);
    }

    static Response expect(Response r, int status) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        return r;
    }

    static String token() {
        Response r = call(identityUrl + "/v3/auth/tokens", "POST", null, "{\"auth\": {\"identity\": "
                + "{\"methods\": [\"password\"], \"password\": {\"user\": {\"name\": \"admin\", \"domain\": "
                + "{\"id\": \"default\"}, \"password\": \"secret\"}}}, \"scope\": {\"project\": {\"name\": \"admin\", "
                + "\"domain\": {\"id\": \"default\"}}}}}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.raw().headers().firstValue("X-Subject-Token").orElseThrow();
    }

    static String projectId() {
        return call(identityUrl + "/v3/projects?name=admin", "GET", admin, null).json().at("/projects/0/id").asText();
    }

    static String nodeUuid(String host) {
        return compute.hosts().hypervisors().stream().filter(h -> h.node().host().equals(host)).findFirst()
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
        long deadline = System.currentTimeMillis() + 30_000;
        JsonNode s = null;
        while (System.currentTimeMillis() < deadline) {
            Response r = nova("GET", "/servers/" + uuid, null);
            s = r.status() == 200 ? r.json().get("server") : null;
            if (s != null && condition.test(s)) {
                return s;
            }
            Thread.sleep(50);
        }
        throw new AssertionError(what + "; last seen " + s);
    }

    static Predicate<JsonNode> status(String status) {
        return s -> s.get("status").asText().equals(status) && s.get("OS-EXT-STS:task_state").isNull();
    }

    @Test
    void zonesPlaceServersAndMirrorIntoPlacement() throws Exception {
        JsonNode agg = expect(nova("POST", "/os-aggregates", "{\"aggregate\": {\"name\": \"agg1\", "
                + "\"availability_zone\": \"az1\"}}"), 200).json().get("aggregate");
        long id = agg.get("id").asLong();
        String aggUuid = agg.get("uuid").asText();
        expect(nova("POST", "/os-aggregates/" + id + "/action", "{\"add_host\": {\"host\": \"zone-small\"}}"), 200);

        // Placement: the small host's provider is in the aggregate, the big one's is not.
        assertThat(services.placement.providers().aggregates(nodeUuid("zone-small"))).containsExactly(aggUuid);
        assertThat(services.placement.providers().aggregates(nodeUuid("zone-big"))).isEmpty();

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
        JsonNode error = waitFor(tooBig, s -> s.get("status").asText().equals("ERROR")
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
        assertThat(services.placement.providers().aggregates(nodeUuid("zone-small"))).isEmpty();
        // The server keeps the zone it was scheduled to.
        assertThat(expect(nova("GET", "/servers/" + inZone, null), 200).json()
                .at("/server/OS-EXT-AZ:availability_zone").asText()).isEqualTo("az1");
    }
}
