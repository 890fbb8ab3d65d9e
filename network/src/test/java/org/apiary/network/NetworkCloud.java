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
import org.apiary.http.Dispatcher;
import org.apiary.http.HttpMetrics;
import org.apiary.identity.IdentityModule;
import org.apiary.identity.IdentityOptions;
import org.apiary.identity.domain.Bootstrapper;
import org.apiary.identity.token.FernetKeyRepository;
import org.apiary.network.rpc.NetworkAgentRpc;
import org.apiary.network.rpc.NetworkChange;
import org.apiary.store.Database;
import org.apiary.store.testing.TestDatabases;

/**
 * A real Keystone and a real Neutron API on random loopback ports over one fresh SQLite file (or
 * a fresh PostgreSQL database, see TestDatabases). Tests talk to them over HTTP exactly as
 * clients do, with tokens of users made through the Keystone API; the agent RPC is the module's
 * own implementation, and every NetworkChange it publishes is recorded.
 */
public final class NetworkCloud implements AutoCloseable {
    public static final String ADMIN_PASSWORD = "secret";

    public final Path dir;
    private final Database db;
    private final String connection;
    private final IdentityModule identity;
    private final NetworkModule network;
    private final ApiServer identityServer;
    private final ApiServer networkServer;
    private final HttpClient http = HttpClient.newHttpClient();
    public final String identityUrl;
    public final String networkUrl;
    /** Changes published to agents, in order. */
    public final List<NetworkChange> changes = new CopyOnWriteArrayList<>();
    /** Called with each change as it is published (tests look at the committed state from here). */
    public volatile Consumer<NetworkChange> onChange = c -> { };
    private String adminToken;

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
        connection = TestDatabases.fresh();
        db = Database.open(connection != null ? connection : "sqlite:///" + dir.resolve("test.db"), 8, 10000);
        db.migrate("identity");
        db.migrate("network");
        FernetKeyRepository keys = new FernetKeyRepository(dir.resolve("keys"));
        keys.initializeIfEmpty();
        identity = new IdentityModule(config, db, keys);
        network = new NetworkModule(config, db, c -> {
            changes.add(c);
            onChange.accept(c);
        });
        identityServer = ApiServer.start("127.0.0.1", 0, dispatcher(identity.service("http://127.0.0.1/v3")),
                "identity");
        identityUrl = "http://127.0.0.1:" + identityServer.port();
        networkServer = ApiServer.start("127.0.0.1", 0, dispatcher(network.service(identityUrl + "/v3")), "network");
        networkUrl = "http://127.0.0.1:" + networkServer.port();
        identity.bootstrapper().run(new Bootstrapper.Request(ADMIN_PASSWORD, "admin", "admin", "RegionOne",
                Map.of("identity", new Bootstrapper.Endpoints("keystone", identityUrl + "/v3"),
                        "network", new Bootstrapper.Endpoints("neutron", networkUrl))));
    }

    private Dispatcher dispatcher(org.apiary.http.ApiService service) {
        return new Dispatcher(service, identity.tokenValidator(), new HttpMetrics(), List.of(), true, 3600, 114688,
                true, null);
    }

    /** The controller side of the agent contract, as the bus would call it. */
    public NetworkAgentRpc agentRpc() {
        return network.agentRpc();
    }

    public String adminToken() {
        if (adminToken == null) {
            adminToken = token("admin", ADMIN_PASSWORD, "admin");
        }
        return adminToken;
    }

    public String adminProjectId() {
        return projectId("admin");
    }

    /** Creates (if needed) the project and a user with the given roles on it; returns its project token. */
    public Persona persona(String user, String project, String... roles) {
        String projectId = projectId(project);
        if (projectId == null) {
            Response r = identity("POST", "/v3/projects", "{\"project\": {\"name\": \"" + project
                    + "\", \"domain_id\": \"default\"}}");
            projectId = r.json().path("project").path("id").asText();
        }
        Response u = identity("POST", "/v3/users", "{\"user\": {\"name\": \"" + user + "\", \"password\": \"pw-"
                + user + "\", \"domain_id\": \"default\"}}");
        String userId = u.json().path("user").path("id").asText();
        for (String role : roles) {
            String roleId = identity("GET", "/v3/roles?name=" + role, null).json().path("roles").get(0).path("id")
                    .asText();
            identity("PUT", "/v3/projects/" + projectId + "/users/" + userId + "/roles/" + roleId, null);
        }
        return new Persona(token(user, "pw-" + user, project), projectId);
    }

    private String projectId(String name) {
        JsonNode list = identity("GET", "/v3/projects?name=" + name, null).json().path("projects");
        return list.isEmpty() ? null : list.get(0).path("id").asText();
    }

    private Response identity(String method, String path, String body) {
        Response r = send(identityUrl, method, path, adminToken(), body);
        if (r.status() >= 300) {
            throw new IllegalStateException(method + " " + path + ": " + r.status() + " " + r.body());
        }
        return r;
    }

    private String token(String user, String password, String project) {
        String body = "{\"auth\": {\"identity\": {\"methods\": [\"password\"], \"password\": {\"user\": {\"name\": \""
                + user + "\", \"domain\": {\"id\": \"default\"}, \"password\": \"" + password + "\"}}}, \"scope\": "
                + "{\"project\": {\"name\": \"" + project + "\", \"domain\": {\"id\": \"default\"}}}}}";
        Response r = send(identityUrl, "POST", "/v3/auth/tokens", null, body);
        if (r.status() != 201) {
            throw new IllegalStateException("token issue failed: " + r.status() + " " + r.body());
        }
        return r.header("X-Subject-Token");
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
        identityServer.close();
        identity.close();
        db.close();
        TestDatabases.dropIfCreated(connection);
    }
}
