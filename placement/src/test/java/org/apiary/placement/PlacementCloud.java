package org.apiary.placement;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.Map;
import org.apiary.common.config.Config;
import org.apiary.common.json.Json;
import org.apiary.http.ApiServer;
import org.apiary.identity.IdentityOptions;
import org.apiary.identity.testing.TestKeystone;
import org.apiary.store.Database;
import org.apiary.store.testing.TestDatabases;

/**
 * Keystone and Placement on random loopback ports over one fresh database (SQLite, or the
 * PostgreSQL named by -Dapiary.test.postgres), bootstrapped with admin/secret. Tests speak HTTP
 * to it exactly as clients do; every request defaults to the latest microversion.
 */
public final class PlacementCloud implements AutoCloseable {
    public static final String ADMIN_PASSWORD = TestKeystone.ADMIN_PASSWORD;

    private final TestKeystone keystone;
    private final PlacementModule placement;
    private final ApiServer placementServer;
    private final HttpClient http = HttpClient.newHttpClient();
    public final String identityUrl;
    public final String baseUrl;

    public PlacementCloud() throws IOException {
        this(TestDatabases.fresh(), 8);
    }

    public PlacementCloud(String connection, int poolSize) throws IOException {
        Config config = Config.empty().with(IdentityOptions.PASSWORD_HASH_ROUNDS, "4")
                .with(PlacementOptions.ALLOW_RESET, "true");
        keystone = new TestKeystone(Files.createTempDirectory("apiary-placement-test"), config, connection, poolSize,
                TestKeystone.HttpSettings.PLAIN, "placement");
        identityUrl = keystone.url;
        placement = new PlacementModule(config, keystone.db);
        placementServer = keystone.serve(placement.service(identityUrl + "/v3"), "placement");
        baseUrl = "http://127.0.0.1:" + placementServer.port();
        keystone.bootstrap(Map.of());
    }

    public PlacementModule placement() {
        return placement;
    }

    public Database database() {
        return keystone.db;
    }

    public String adminToken() {
        return keystone.adminToken();
    }

    /** A token for a user (project-scoped, or system-scoped when {@code system}). */
    public String token(String user, String password, String project, boolean system) {
        return keystone.token(user, password, project, system);
    }

    /** Creates a user with {@code role} on a new project (or on the system); returns its id. */
    public String createUser(String name, String project, String role, boolean system) {
        return keystone.createUser(name, project, role, system);
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

        public String code() {
            return json().at("/errors/0/code").asText();
        }
    }

    /** A Placement request as admin at {@code version} ("latest" when null). */
    public Response send(String method, String path, String version, String body) {
        return as(adminToken(), method, path, version, body);
    }

    public Response as(String token, String method, String path, String version, String body, String... headers) {
        String[] all = new String[headers.length + 2];
        all[0] = "OpenStack-API-Version";
        all[1] = "placement " + (version == null ? "latest" : version);
        System.arraycopy(headers, 0, all, 2, headers.length);
        return call(baseUrl, method, path, token, body, all);
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

    /** Empties Placement between tests (the test-only reset route). */
    public void reset() {
        Response r = send("POST", "/_apiary/reset", null, null);
        if (r.status() != 204) {
            throw new IllegalStateException("reset failed: " + r.status() + " " + r.body());
        }
    }

    // ---- small builders used by every test class ------------------------------------------

    public String createProvider(String name, String parent) {
        String uuid = java.util.UUID.randomUUID().toString();
        String body = "{\"name\": \"" + name + "\", \"uuid\": \"" + uuid + "\""
                + (parent != null ? ", \"parent_provider_uuid\": \"" + parent + "\"" : "") + "}";
        Response r = send("POST", "/resource_providers", null, body);
        if (r.status() != 200) {
            throw new IllegalStateException("create provider failed: " + r.status() + " " + r.body());
        }
        return uuid;
    }

    /** Sets inventories like {@code "VCPU": {"total": 4}} and returns the new generation. */
    public long setInventory(String rp, String inventoriesJson) {
        long gen = get("/resource_providers/" + rp, null).json().get("generation").asLong();
        Response r = send("PUT", "/resource_providers/" + rp + "/inventories", null,
                "{\"resource_provider_generation\": " + gen + ", \"inventories\": {" + inventoriesJson + "}}");
        if (r.status() != 200) {
            throw new IllegalStateException("set inventory failed: " + r.status() + " " + r.body());
        }
        return r.json().get("resource_provider_generation").asLong();
    }

    @Override
    public void close() {
        placementServer.close();
        keystone.close();
    }
}
