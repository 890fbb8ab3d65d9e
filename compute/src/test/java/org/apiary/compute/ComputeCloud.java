package org.apiary.compute;

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
import org.apiary.common.config.Config;
import org.apiary.common.json.Json;
import org.apiary.http.ApiServer;
import org.apiary.http.Dispatcher;
import org.apiary.http.HttpMetrics;
import org.apiary.identity.IdentityModule;
import org.apiary.identity.IdentityOptions;
import org.apiary.identity.domain.Bootstrapper;
import org.apiary.identity.token.FernetKeyRepository;
import org.apiary.store.Database;
import org.apiary.store.testing.TestDatabases;

/**
 * Keystone and the compute API on random loopback ports over one fresh database (SQLite, or the
 * PostgreSQL named by -Dapiary.test.postgres), bootstrapped with admin/secret. Tests speak HTTP
 * to it exactly as clients do; every request defaults to the latest microversion.
 */
public final class ComputeCloud implements AutoCloseable {
    public static final String ADMIN_PASSWORD = "secret";

    private final Path dir;
    private final String connectionUrl;
    private final Database db;
    private final IdentityModule identity;
    private final ComputeModule compute;
    private final ApiServer identityServer;
    private final ApiServer computeServer;
    private final HttpClient http = HttpClient.newHttpClient();
    public final String identityUrl;
    public final String baseUrl;
    private String adminToken;

    public ComputeCloud() throws IOException {
        this(TestDatabases.fresh(), 8);
    }

    public ComputeCloud(String connection, int poolSize) throws IOException {
        this(connection, poolSize, null);
    }

    /** With the servers API: {@code externals} stand in for Placement, Neutron, Glance and the agents. */
    public ComputeCloud(ComputeExternals externals) throws IOException {
        this(TestDatabases.fresh(), 8, externals);
    }

    public ComputeCloud(String connection, int poolSize, ComputeExternals externals) throws IOException {
        dir = Files.createTempDirectory("apiary-compute-test");
        connectionUrl = connection;
        Config config = Config.empty().with(IdentityOptions.PASSWORD_HASH_ROUNDS, "4")
                .with(ComputeOptions.MAX_LIMIT, "50");
        db = Database.open(connection != null ? connection : "sqlite:///" + dir.resolve("test.db"), poolSize, 10000);
        db.migrate("identity");
        db.migrate("compute");
        FernetKeyRepository keys = new FernetKeyRepository(dir.resolve("keys"));
        keys.initializeIfEmpty();
        identity = new IdentityModule(config, db, keys);
        compute = new ComputeModule(config, db, externals);
        HttpMetrics metrics = new HttpMetrics();
        identityServer = ApiServer.start("127.0.0.1", 0, new Dispatcher(identity.service("http://127.0.0.1/v3"),
                identity.tokenValidator(), metrics, List.of(), false, 0, 1 << 20, false, null), "identity");
        identityUrl = "http://127.0.0.1:" + identityServer.port();
        computeServer = ApiServer.start("127.0.0.1", 0, new Dispatcher(compute.service(identityUrl + "/v3"),
                identity.tokenValidator(), metrics, List.of(), false, 0, 1 << 20, false, null), "compute");
        baseUrl = "http://127.0.0.1:" + computeServer.port();
        identity.bootstrapper().run(new Bootstrapper.Request(ADMIN_PASSWORD, "admin", "admin", "RegionOne",
                Map.of("identity", new Bootstrapper.Endpoints("keystone", identityUrl + "/v3"))));
    }

    public ComputeModule compute() {
        return compute;
    }

    public Database database() {
        return db;
    }

    public String adminToken() {
        if (adminToken == null) {
            adminToken = token("admin", ADMIN_PASSWORD, "admin", false);
        }
        return adminToken;
    }

    /** A token for a user (project-scoped, or system-scoped when {@code system}). */
    public String token(String user, String password, String project, boolean system) {
        String scope = system ? ", \"scope\": {\"system\": {\"all\": true}}"
                : project == null ? "" : ", \"scope\": {\"project\": {\"name\": \"" + project
                + "\", \"domain\": {\"id\": \"default\"}}}";
        Response r = call(identityUrl, "POST", "/v3/auth/tokens", null, "{\"auth\": {\"identity\": {\"methods\": "
                + "[\"password\"], \"password\": {\"user\": {\"name\": \"" + user + "\", \"domain\": {\"id\": "
                + "\"default\"}, \"password\": \"" + password + "\"}}}" + scope + "}}");
        if (r.status() != 201) {
            throw new IllegalStateException("token issue failed: " + r.status() + " " + r.body());
        }
        return r.header("X-Subject-Token");
    }

    /** Creates a user with {@code role} on a new project (or on the system); returns its id. */
    /** The id of a project by name. */
    public String projectId(String name) {
        return call(identityUrl, "GET", "/v3/projects?name=" + name, adminToken(), null).json()
                .at("/projects/0/id").asText();
    }

    public String createUser(String name, String project, String role, boolean system) {
        String admin = adminToken();
        String roleId = call(identityUrl, "GET", "/v3/roles?name=" + role, admin, null).json()
                .at("/roles/0/id").asText();
        if (roleId.isEmpty()) {
            roleId = call(identityUrl, "POST", "/v3/roles", admin, "{\"role\": {\"name\": \"" + role + "\"}}").json()
                    .at("/role/id").asText();
        }
        String userId = call(identityUrl, "POST", "/v3/users", admin, "{\"user\": {\"name\": \"" + name
                + "\", \"password\": \"" + ADMIN_PASSWORD + "\"}}").json().at("/user/id").asText();
        if (system) {
            call(identityUrl, "PUT", "/v3/system/users/" + userId + "/roles/" + roleId, admin, null);
        } else {
            String projectId = call(identityUrl, "GET", "/v3/projects?name=" + project, admin, null).json()
                    .at("/projects/0/id").asText();
            if (projectId.isEmpty()) {
                projectId = call(identityUrl, "POST", "/v3/projects", admin, "{\"project\": {\"name\": \""
                        + project + "\"}}").json().at("/project/id").asText();
            }
            call(identityUrl, "PUT", "/v3/projects/" + projectId + "/users/" + userId + "/roles/" + roleId, admin, null);
        }
        return userId;
    }

    /** The response of one request; {@code json()} parses the body. */
    public record Response(int status, String body, HttpResponse<String> raw) {
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

        /** The error body's one key: badRequest, itemNotFound, forbidden... */
        public String errorName() {
            return json().fieldNames().next();
        }
    }

    /** A compute request as admin at {@code version} ("latest" when null), path under /v2.1. */
    public Response send(String method, String path, String version, String body) {
        return as(adminToken(), method, path, version, body);
    }

    public Response as(String token, String method, String path, String version, String body, String... headers) {
        String[] all = new String[headers.length + 2];
        all[0] = "OpenStack-API-Version";
        all[1] = "compute " + (version == null ? "latest" : version);
        System.arraycopy(headers, 0, all, 2, headers.length);
        return call(baseUrl, method, path.startsWith("/v2.1") || path.equals("/") ? path : "/v2.1" + path, token, body, all);
    }

    public Response get(String path, String version) {
        return send("GET", path, version, null);
    }

    public Response call(String base, String method, String path, String token, String body, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        if (token != null) {
            b.header("X-Auth-Token", token);
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            b.setHeader(headers[i], headers[i + 1]);
        }
        try {
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(r.statusCode(), r.body(), r);
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        computeServer.close();
        if (compute.servers() != null) {
            compute.servers().close();
        }
        identityServer.close();
        identity.close();
        db.close();
        TestDatabases.dropIfCreated(connectionUrl);
    }
}
