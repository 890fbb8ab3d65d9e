package org.apiary.identity;

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
import org.apiary.identity.testing.TestKeystone;
import org.apiary.store.Database;
import org.apiary.store.testing.TestDatabases;

/**
 * A real Keystone on a random loopback port over a fresh SQLite file (or the PostgreSQL named by
 * APIARY_TEST_PG_URL when {@code postgres} is true), bootstrapped with admin/secret. Tests talk
 * to it over HTTP exactly as clients do.
 */
public final class TestCloud implements AutoCloseable {
    public static final String ADMIN_PASSWORD = TestKeystone.ADMIN_PASSWORD;

    private final Path dir;
    private final TestKeystone keystone;
    private final HttpClient http = HttpClient.newHttpClient();
    public final String baseUrl;

    /** A fresh SQLite file, or a fresh PostgreSQL database when -Dapiary.test.postgres names a server. */
    public TestCloud() throws IOException {
        this(TestDatabases.fresh());
    }

    /** @param connection a database URL, or null for a fresh SQLite file */
    public TestCloud(String connection) throws IOException {
        dir = Files.createTempDirectory("apiary-test");
        Config config = Config.empty().with(IdentityOptions.PASSWORD_HASH_ROUNDS, "4");
        keystone = new TestKeystone(dir, config, connection, 4,
                TestKeystone.HttpSettings.FULL.withCorsOrigins(List.of("https://dash.example.org")));
        baseUrl = keystone.url;
        keystone.bootstrap(Map.of());
    }

    public IdentityModule identity() {
        return keystone.identity;
    }

    /** The Fernet key repository, for tests that forge (expired, foreign) tokens. */
    public Path keyDirectory() {
        return dir.resolve("keys");
    }

    public Database database() {
        return keystone.db;
    }

    /** A project-scoped admin token (admin user on the admin project). */
    public String adminToken() {
        return keystone.adminToken();
    }

    /** Project-scoped token for a user in the Default domain (project null: unscoped). */
    public String passwordToken(String user, String password, String project) {
        return keystone.token(user, password, project, false);
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
        keystone.close();
    }
}
