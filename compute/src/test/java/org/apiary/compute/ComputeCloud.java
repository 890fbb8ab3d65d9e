package org.apiary.compute;

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
 * Keystone and the compute API on random loopback ports over one fresh database (SQLite, or the
 * PostgreSQL named by -Dapiary.test.postgres), bootstrapped with admin/secret. Tests speak HTTP
 * to it exactly as clients do; every request defaults to the latest microversion.
 */
public final class ComputeCloud implements AutoCloseable {
    public static final String ADMIN_PASSWORD = TestKeystone.ADMIN_PASSWORD;

    private final TestKeystone keystone;
    private final ComputeModule compute;
    private final ApiServer computeServer;
    private final HttpClient http = HttpClient.newHttpClient();
    public final String identityUrl;
    public final String baseUrl;

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
        Config config = Config.empty().with(IdentityOptions.PASSWORD_HASH_ROUNDS, "4")
                .with(ComputeOptions.MAX_LIMIT, "50");
        keystone = new TestKeystone(Files.createTempDirectory("apiary-compute-test"), config, connection, poolSize,
                TestKeystone.HttpSettings.PLAIN, "compute");
        identityUrl = keystone.url;
        compute = new ComputeModule(config, keystone.db, externals);
        computeServer = keystone.serve(compute.service(identityUrl + "/v3"), "compute");
        baseUrl = "http://127.0.0.1:" + computeServer.port();
        keystone.bootstrap(Map.of());
    }

    public ComputeModule compute() {
        return compute;
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

    /** The id of a project by name. */
    public String projectId(String name) {
        return keystone.projectId(name);
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
        keystone.close();
    }
}
