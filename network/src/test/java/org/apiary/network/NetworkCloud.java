package org.apiary.network;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.apiary.common.config.Config;
import org.apiary.common.json.Json;
import org.apiary.http.ApiServer;
import org.apiary.identity.IdentityOptions;
import org.apiary.identity.testing.TestKeystone;
import org.apiary.identity.domain.Bootstrapper;
import org.apiary.network.rpc.NetworkAgentRpc;
import org.apiary.network.rpc.NetworkChange;
import org.apiary.store.testing.TestDatabases;

/**
 * A real Keystone and a real Neutron API on random loopback ports over one fresh SQLite file (or
 * a fresh PostgreSQL database, see TestDatabases). Tests talk to them over HTTP exactly as
 * clients do, with tokens of users made through the Keystone API; the agent RPC is the module's
 * own implementation, and every NetworkChange it publishes is recorded.
 */
public final class NetworkCloud implements AutoCloseable {
    public static final String ADMIN_PASSWORD = TestKeystone.ADMIN_PASSWORD;

    public final Path dir;
    private final TestKeystone keystone;
    private final NetworkModule network;
    private final ApiServer networkServer;
    private final HttpClient http = HttpClient.newHttpClient();
    public final String identityUrl;
    public final String networkUrl;
    /** Changes published to agents, in order. */
    public final List<NetworkChange> changes = new CopyOnWriteArrayList<>();
    /** Called with each change as it is published (tests look at the committed state from here). */
    public volatile Consumer<NetworkChange> onChange = c -> { };

    /** A token of a user on a project, and the project's id. */
    public record Persona(String token, String projectId) {}

    public NetworkCloud() throws IOException {
        this(c -> { });
    }

    /** @param tweak sets options before the network module starts (quotas, ranges...) */
    public NetworkCloud(Consumer<Config> tweak) throws IOException {
        dir = Files.createTempDirectory("apiary-network-test");
        Config config = Config.empty().with(IdentityOptions.PASSWORD_HASH_ROUNDS, "4");
        tweak.accept(config);
        keystone = new TestKeystone(dir, config, TestDatabases.fresh(), 8, TestKeystone.HttpSettings.FULL, "network");
        identityUrl = keystone.url;
        network = new NetworkModule(config, keystone.db, c -> {
            changes.add(c);
            onChange.accept(c);
        });
        networkServer = keystone.serve(network.service(identityUrl + "/v3"), "network");
        networkUrl = "http://127.0.0.1:" + networkServer.port();
        keystone.bootstrap(Map.of("network", new Bootstrapper.Endpoints("neutron", networkUrl)));
    }

    /** The controller side of the agent contract, as the bus would call it. */
    public NetworkAgentRpc agentRpc() {
        return network.agentRpc();
    }

    public String adminToken() {
        return keystone.adminToken();
    }

    public String adminProjectId() {
        return keystone.projectId("admin");
    }

    /** Creates (if needed) the project and a user with the given roles on it; returns its project token. */
    public Persona persona(String user, String project, String... roles) {
        TestKeystone.Persona p = keystone.persona(user, project, roles);
        return new Persona(p.token(), p.projectId());
    }

    /** The response of one request; {@code json()} parses the body. */
    public record Response(int status, String body, HttpResponse<?> raw) {
        public JsonNode json() {
            try {
                return Json.MAPPER.readTree(body);
            } catch (IOException e) {
                throw new IllegalStateException("not JSON: " + body, e);
            }
        }

        public String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        /** NeutronError.type of an error response. */
        public String errorType() {
            return json().path("NeutronError").path("type").asText();
        }
    }

    /** A request to the network API (json null: no body), with extra header pairs. */
    public Response call(String method, String path, String token, String json, String... headers) {
        return send(networkUrl, method, path, token, json, headers);
    }

    private Response send(String base, String method, String path, String token, String json, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            b.header("Content-Type", "application/json");
        }
        if (token != null) {
            b.header("X-Auth-Token", token);
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        try {
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(r.statusCode(), r.body(), r);
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(method + " " + path, e);
        }
    }

    @Override
    public void close() {
        networkServer.close();
        keystone.close();
    }
}
