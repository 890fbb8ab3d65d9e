package org.apiary.server.compute;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apiary.common.config.Config;
import org.apiary.common.json.Json;
import org.apiary.http.ApiServer;
import org.apiary.http.Dispatcher;
import org.apiary.http.HttpMetrics;
import org.apiary.identity.IdentityModule;
import org.apiary.identity.IdentityOptions;
import org.apiary.identity.domain.Bootstrapper;
import org.apiary.identity.token.FernetKeyRepository;

/**
 * The HTTP front of a {@link ComputeStack}, as clients reach it: Keystone on the stack's database and
 * the compute API, each on a loopback port, with admin/secret bootstrapped on project admin. Calls ask
 * for the latest compute microversion unless told otherwise.
 */
final class ComputeHttp implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    record Response(int status, String body, HttpResponse<String> raw) {
        JsonNode json() {
            try {
                return Json.MAPPER.readTree(body);
            } catch (IOException e) {
                throw new IllegalStateException(body, e);
            }
        }
    }

    final IdentityModule identity;
    final String identityUrl;
    final String computeUrl;
    /** A token of admin on project admin. */
    final String admin;
    private final ApiServer identityServer;
    private final ApiServer computeServer;

    /** @param stack made with the "identity" schema */
    ComputeHttp(ComputeStack stack) throws IOException {
        FernetKeyRepository keys = new FernetKeyRepository(stack.services.dir.resolve("keys"));
        keys.initializeIfEmpty();
        identity = new IdentityModule(Config.empty().with(IdentityOptions.PASSWORD_HASH_ROUNDS, "4"),
                stack.services.db, keys);
        HttpMetrics metrics = new HttpMetrics();
        identityServer = ApiServer.start("127.0.0.1", 0, new Dispatcher(identity.service("http://127.0.0.1/v3"),
                identity.tokenValidator(), metrics, List.of(), false, 0, 1 << 20, false, null), "identity");
        identityUrl = "http://127.0.0.1:" + identityServer.port();
        computeServer = ApiServer.start("127.0.0.1", 0, new Dispatcher(stack.compute.service(identityUrl + "/v3"),
                identity.tokenValidator(), metrics, List.of(), false, 0, 1 << 20, false, null), "compute");
        computeUrl = "http://127.0.0.1:" + computeServer.port();
        identity.bootstrapper().run(new Bootstrapper.Request("secret", "admin", "admin", "RegionOne",
                Map.of("identity", new Bootstrapper.Endpoints("keystone", identityUrl + "/v3"))));
        admin = token("admin", "admin");
    }

    /** @param version the compute microversion; null: latest */
    static Response call(String url, String method, String token, String version, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).method(method, body == null
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        if (token != null) {
            b.header("X-Auth-Token", token);
        }
        b.header("OpenStack-API-Version", "compute " + (version == null ? "latest" : version));
        try {
            HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(r.statusCode(), r.body(), r);
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A compute API call; {@code path} is below /v2.1. */
    Response nova(String token, String method, String path, String version, String body) {
        return call(computeUrl + "/v2.1" + path, method, token, version, body);
    }

    static Response expect(Response r, int status) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        return r;
    }

    /** A token of {@code user} (password "secret") scoped to {@code project}. */
    String token(String user, String project) {
        Response r = call(identityUrl + "/v3/auth/tokens", "POST", null, null, "{\"auth\": {\"identity\": "
                + "{\"methods\": [\"password\"], \"password\": {\"user\": {\"name\": \"" + user + "\", \"domain\": "
                + "{\"id\": \"default\"}, \"password\": \"secret\"}}}, \"scope\": {\"project\": {\"name\": \""
                + project + "\", \"domain\": {\"id\": \"default\"}}}}}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.raw().headers().firstValue("X-Subject-Token").orElseThrow();
    }

    /** The id of the project named {@code name}. */
    String projectId(String name) {
        return call(identityUrl + "/v3/projects?name=" + name, "GET", admin, null, null).json()
                .at("/projects/0/id").asText();
    }

    /** A user with the member role on a new project; returns the project id. */
    String memberOf(String user, String project) {
        String roleId = call(identityUrl + "/v3/roles?name=member", "GET", admin, null, null).json()
                .at("/roles/0/id").asText();
        String userId = call(identityUrl + "/v3/users", "POST", admin, null, "{\"user\": {\"name\": \"" + user
                + "\", \"password\": \"secret\"}}").json().at("/user/id").asText();
        String projectId = call(identityUrl + "/v3/projects", "POST", admin, null, "{\"project\": {\"name\": \""
                + project + "\"}}").json().at("/project/id").asText();
        call(identityUrl + "/v3/projects/" + projectId + "/users/" + userId + "/roles/" + roleId, "PUT", admin,
                null, null);
        return projectId;
    }

    /**
     * The server as {@code token} sees it, once {@code condition} holds (within 30 s); the condition is
     * given null while the server cannot be read.
     */
    JsonNode waitFor(String token, String uuid, Predicate<JsonNode> condition, String what)
            throws InterruptedException {
        long deadline = System.currentTimeMillis() + 30_000;
        JsonNode s = null;
        while (System.currentTimeMillis() < deadline) {
            Response r = nova(token, "GET", "/servers/" + uuid, null, null);
            s = r.status() == 200 ? r.json().get("server") : null;
            if (condition.test(s)) {
                return s;
            }
            Thread.sleep(50);
        }
        throw new AssertionError(what + "; last seen " + s);
    }

    /** The server is in {@code status} with no task under way. */
    static Predicate<JsonNode> status(String status) {
        return s -> s != null && s.get("status").asText().equals(status) && s.get("OS-EXT-STS:task_state").isNull();
    }

    /** Stops both APIs and Keystone (before the stack closes). */
    @Override
    public void close() {
        computeServer.close();
        identityServer.close();
        identity.close();
    }
}
