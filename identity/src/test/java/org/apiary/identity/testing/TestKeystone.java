package org.apiary.identity.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apiary.common.config.Config;
import org.apiary.common.json.Json;
import org.apiary.http.ApiServer;
import org.apiary.http.ApiService;
import org.apiary.http.Dispatcher;
import org.apiary.http.HttpMetrics;
import org.apiary.identity.IdentityModule;
import org.apiary.identity.domain.Bootstrapper;
import org.apiary.identity.token.FernetKeyRepository;
import org.apiary.store.Database;
import org.apiary.store.testing.TestDatabases;

/**
 * The Keystone half of every service's test cloud (TestCloud, ImageCloud, PlacementCloud, NetworkCloud,
 * ComputeCloud): a database (the given connection, or SQLite in the cloud's directory) with identity's
 * schema and the cloud's own, Fernet keys, and Keystone on a random loopback port. The cloud starts its
 * API with {@link #serve}, then {@link #bootstrap}s admin/secret with its endpoint in the catalog. Users,
 * projects and tokens are made through Keystone's HTTP API, as clients make them.
 */
public final class TestKeystone implements AutoCloseable {
    public static final String ADMIN_PASSWORD = "secret";

    /** How a cloud's APIs (Keystone's included) are served: the Dispatcher's CORS, body and metrics settings. */
    public record HttpSettings(List<String> corsOrigins, boolean corsCredentials, int corsMaxAge, long maxBodyBytes,
            boolean metricsEnabled) {
        /** No CORS, a 1 MiB body limit, no /metrics. */
        public static final HttpSettings PLAIN = new HttpSettings(List.of(), false, 0, 1 << 20, false);
        /** CORS with credentials for an hour, oslo.middleware's default body limit (112 KiB), /metrics. */
        public static final HttpSettings FULL = new HttpSettings(List.of(), true, 3600, 114688, true);

        public HttpSettings withCorsOrigins(List<String> origins) {
            return new HttpSettings(origins, corsCredentials, corsMaxAge, maxBodyBytes, metricsEnabled);
        }
    }

    /** A token of a user on a project, and the project's id. */
    public record Persona(String token, String projectId) {}

    public final Database db;
    public final IdentityModule identity;
    /** Keystone's base URL (without /v3). */
    public final String url;
    private final String connection;
    private final HttpSettings settings;
    private final ApiServer server;
    private final HttpClient http = HttpClient.newHttpClient();
    private String adminToken;

    /**
     * @param dir the cloud's temporary directory: the SQLite file and the Fernet keys go there
     * @param connection a database URL, or null for SQLite in {@code dir}
     * @param schemas migrated after identity's
     */
    public TestKeystone(Path dir, Config config, String connection, int poolSize, HttpSettings settings,
            String... schemas) throws IOException {
        this.connection = connection;
        this.settings = settings;
        db = Database.open(connection != null ? connection : "sqlite:///" + dir.resolve("test.db"), poolSize, 10000);
        db.migrate("identity");
        for (String schema : schemas) {
            db.migrate(schema);
        }
        FernetKeyRepository keys = new FernetKeyRepository(dir.resolve("keys"));
        keys.initializeIfEmpty();
        identity = new IdentityModule(config, db, keys);
        server = serve(identity.service("http://127.0.0.1/v3"), "identity");
        url = "http://127.0.0.1:" + server.port();
    }

    /** Serves an API on a random loopback port, its tokens validated by this Keystone. */
    public ApiServer serve(ApiService service, String name) {
        return ApiServer.start("127.0.0.1", 0, new Dispatcher(service, identity.tokenValidator(), new HttpMetrics(),
                settings.corsOrigins(), settings.corsCredentials(), settings.corsMaxAge(), settings.maxBodyBytes(),
                settings.metricsEnabled(), null), name);
    }

    /** Bootstraps admin/secret on project admin in RegionOne; the catalog has Keystone and {@code endpoints}. */
    public void bootstrap(Map<String, Bootstrapper.Endpoints> endpoints) {
        Map<String, Bootstrapper.Endpoints> all = new HashMap<>(endpoints);
        all.put("identity", new Bootstrapper.Endpoints("keystone", url + "/v3"));
        identity.bootstrapper().run(new Bootstrapper.Request(ADMIN_PASSWORD, "admin", "admin", "RegionOne", all));
    }

    /** A project-scoped admin token (admin user on the admin project). */
    public String adminToken() {
        if (adminToken == null) {
            adminToken = token("admin", ADMIN_PASSWORD, "admin", false);
        }
        return adminToken;
    }

    /** A token for a user of the Default domain: system-scoped, project-scoped, or unscoped (project null). */
    public String token(String user, String password, String project, boolean system) {
        String scope = system ? ", \"scope\": {\"system\": {\"all\": true}}"
                : project == null ? "" : ", \"scope\": {\"project\": {\"name\": \"" + project
                + "\", \"domain\": {\"id\": \"default\"}}}";
        HttpResponse<String> r = send("POST", "/v3/auth/tokens", null, "{\"auth\": {\"identity\": {\"methods\": "
                + "[\"password\"], \"password\": {\"user\": {\"name\": \"" + user + "\", \"domain\": {\"id\": "
                + "\"default\"}, \"password\": \"" + password + "\"}}}" + scope + "}}");
        if (r.statusCode() != 201) {
            throw new IllegalStateException("token issue failed: " + r.statusCode() + " " + r.body());
        }
        return r.headers().firstValue("X-Subject-Token").orElseThrow();
    }

    /** The id of a project by name, or null when there is none. */
    public String projectId(String name) {
        JsonNode list = admin("GET", "/v3/projects?name=" + name, null).path("projects");
        return list.isEmpty() ? null : list.get(0).path("id").asText();
    }

    /**
     * Creates a user (password {@link #ADMIN_PASSWORD}) with {@code role} (made when missing) on the system or on
     * {@code project} (made when missing); returns the user's id.
     */
    public String createUser(String name, String project, String role, boolean system) {
        String roleId = admin("GET", "/v3/roles?name=" + role, null).at("/roles/0/id").asText();
        if (roleId.isEmpty()) {
            roleId = admin("POST", "/v3/roles", "{\"role\": {\"name\": \"" + role + "\"}}").at("/role/id").asText();
        }
        String userId = admin("POST", "/v3/users", "{\"user\": {\"name\": \"" + name + "\", \"password\": \""
                + ADMIN_PASSWORD + "\"}}").at("/user/id").asText();
        if (system) {
            admin("PUT", "/v3/system/users/" + userId + "/roles/" + roleId, null);
        } else {
            admin("PUT", "/v3/projects/" + projectOrNew(project) + "/users/" + userId + "/roles/" + roleId, null);
        }
        return userId;
    }

    /**
     * Creates the project (when missing) and a user (password "pw-" + user) with these existing roles on it;
     * returns the user's project-scoped token.
     */
    public Persona persona(String user, String project, String... roles) {
        String projectId = projectOrNew(project);
        String userId = admin("POST", "/v3/users", "{\"user\": {\"name\": \"" + user + "\", \"password\": \"pw-"
                + user + "\", \"domain_id\": \"default\"}}").path("user").path("id").asText();
        for (String role : roles) {
            String roleId = admin("GET", "/v3/roles?name=" + role, null).path("roles").get(0).path("id").asText();
            admin("PUT", "/v3/projects/" + projectId + "/users/" + userId + "/roles/" + roleId, null);
        }
        return new Persona(token(user, "pw-" + user, project, false), projectId);
    }

    private String projectOrNew(String name) {
        String id = projectId(name);
        return id != null ? id : admin("POST", "/v3/projects", "{\"project\": {\"name\": \"" + name
                + "\", \"domain_id\": \"default\"}}").path("project").path("id").asText();
    }

    /** A Keystone call as admin that must succeed; its JSON body (empty when there is none). */
    private JsonNode admin(String method, String path, String body) {
        HttpResponse<String> r = send(method, path, adminToken(), body);
        if (r.statusCode() >= 300) {
            throw new IllegalStateException(method + " " + path + ": " + r.statusCode() + " " + r.body());
        }
        try {
            return r.body().isEmpty() ? Json.MAPPER.createObjectNode() : Json.MAPPER.readTree(r.body());
        } catch (IOException e) {
            throw new IllegalStateException("not JSON: " + r.body(), e);
        }
    }

    private HttpResponse<String> send(String method, String path, String token, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url + path)).method(method, body == null
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        if (token != null) {
            b.header("X-Auth-Token", token);
        }
        try {
            return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(method + " " + path, e);
        }
    }

    /** Stops Keystone and closes the database (after the cloud has stopped its own API and module). */
    @Override
    public void close() {
        server.close();
        identity.close();
        db.close();
        TestDatabases.dropIfCreated(connection);
    }
}
