package org.apiary.identity;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apiary.common.config.Config;
import org.apiary.common.json.Json;
import org.apiary.http.ApiServer;
import org.apiary.http.Dispatcher;
import org.apiary.http.HttpMetrics;
import org.apiary.identity.domain.Bootstrapper;
import org.apiary.identity.token.FernetKeyRepository;
import org.apiary.store.Database;
import org.apiary.store.testing.TestDatabases;

/**
 * A real Keystone on a random loopback port over a fresh SQLite file (or the PostgreSQL named by
 * APIARY_TEST_PG_URL when {@code postgres} is true), bootstrapped with admin/secret. Tests talk
 * to it over HTTP exactly as clients do.
 */
public final class TestCloud implements AutoCloseable {
    public static final String ADMIN_PASSWORD = "secret";

    private final Path dir;
    private final String connectionUrl;
    private final Database db;
    private final IdentityModule identity;
    private final ApiServer server;
    private final HttpClient http = HttpClient.newHttpClient();
    public final String baseUrl;
    private String adminToken;

    /** A fresh SQLite file, or a fresh PostgreSQL database when -Dapiary.test.postgres names a server. */
    public TestCloud() throws IOException {
        this(TestDatabases.fresh());
    }

    /** @param connection a database URL, or null for a fresh SQLite file */
    public TestCloud(String connection) throws IOException {
        dir = Files.createTempDirectory("apiary-test");
        connectionUrl = connection;
        Config config = Config.empty().with(IdentityOptions.PASSWORD_HASH_ROUNDS, "4");
        db = Database.open(connection != null ? connection : "sqlite:///" + dir.resolve("test.db"), 4, 10000);
        db.migrate("identity");
        FernetKeyRepository keys = new FernetKeyRepository(dir.resolve("keys"));
        keys.initializeIfEmpty();
        identity = new IdentityModule(config, db, keys);
        Dispatcher d = new Dispatcher(identity.service("http://127.0.0.1/v3"), identity.tokenValidator(),
                new HttpMetrics(), java.util.List.of("https://dash.example.org"), true, 3600, 114688, true, null);
        server = ApiServer.start("127.0.0.1", 0, d, "identity");
        baseUrl = "http://127.0.0.1:" + server.port();
        identity.bootstrapper().run(new Bootstrapper.Request(ADMIN_PASSWORD, "admin", "admin", "RegionOne",
                Map.of("identity", new Bootstrapper.Endpoints("keystone", baseUrl + "/v3"))));
    }

    public IdentityModule identity() {
        return identity;
    }

    /** The Fernet key repository, for tests that forge (expired, foreign) tokens. */
    public Path keyDirectory() {
        return dir.resolve("keys");
    }

    public Database database() {
        return db;
    }

    /** A project-scoped admin token (admin user on the admin project). */
    public String adminToken() {
        if (adminToken == null) {
            adminToken = passwordToken("admin", ADMIN_PASSWORD, "admin");
        }
        return adminToken;
    }

    /** Project-scoped token for a user in the Default domain (project null: unscoped). */
    public String passwordToken(String user, String password, String project) {
        String scope = project == null ? "" : ", \"scope\": {\"project\": {\"name\": \"" + project
                + "\", \"domain\": {\"id\": \"default\"}}}";
        Response r = send("POST", "/v3/auth/tokens", null, "{\"auth\": {\"identity\": {\"methods\": [\"password\"], "
                + "\"password\": {\"user\": {\"name\": \"" + user + "\", \"domain\": {\"id\": \"default\"}, "
                + "\"password\": \"" + password + "\"}}}" + scope + "}}");
        if (r.status() != 201) {
            throw new IllegalStateException("token issue failed: " + r.status() + " " + r.body());
        }
        return r.header("X-Subject-Token");
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
    }

    /** Sends a request with an optional X-Auth-Token and JSON body, plus extra header pairs. */
    public Response send(String method, String path, String token, String body, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
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
            throw new IllegalStateException(e);
        }
    }

    public Response get(String path, String token) {
        return send("GET", path, token, null);
    }

    public Response post(String path, String token, String body) {
        return send("POST", path, token, body);
    }

    @Override
    public void close() {
        server.close();
        identity.close();
        db.close();
        TestDatabases.dropIfCreated(connectionUrl);
    }
}
