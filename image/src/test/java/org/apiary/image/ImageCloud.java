package org.apiary.image;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;
import org.apiary.common.config.Config;
import org.apiary.common.json.Json;
import org.apiary.http.ApiServer;
import org.apiary.identity.IdentityOptions;
import org.apiary.identity.testing.TestKeystone;
import org.apiary.identity.domain.Bootstrapper;
import org.apiary.store.testing.TestDatabases;

/**
 * A real Keystone and a real Glance on random loopback ports over one fresh SQLite file (or a
 * fresh PostgreSQL database, see TestDatabases), with
 * the image store in a temporary directory. Tests talk to them over HTTP exactly as clients do,
 * with tokens of users made through the Keystone API.
 */
public final class ImageCloud implements AutoCloseable {
    public static final String ADMIN_PASSWORD = TestKeystone.ADMIN_PASSWORD;

    public final Path dir;
    public final Path storeDir;
    private final TestKeystone keystone;
    private final ImageModule image;
    private final ApiServer imageServer;
    private final HttpClient http = HttpClient.newHttpClient();
    public final String identityUrl;
    public final String imageUrl;

    /** A token of a user on a project, and the project's id. */
    public record Persona(String token, String projectId) {}

    public ImageCloud() throws IOException {
        this(c -> { });
    }

    /** @param tweak sets options before the image module starts (quota, format matching...) */
    public ImageCloud(Consumer<Config> tweak) throws IOException {
        dir = Files.createTempDirectory("apiary-image-test");
        storeDir = dir.resolve("images");
        Config config = Config.empty().with(IdentityOptions.PASSWORD_HASH_ROUNDS, "4")
                .with(ImageOptions.DATA_DIR, storeDir.toString());
        tweak.accept(config);
        keystone = new TestKeystone(dir, config, TestDatabases.fresh(), 4, TestKeystone.HttpSettings.FULL, "image");
        identityUrl = keystone.url;
        image = new ImageModule(config, keystone.db);
        imageServer = keystone.serve(image.service(identityUrl + "/v3"), "image");
        imageUrl = "http://127.0.0.1:" + imageServer.port();
        keystone.bootstrap(Map.of("image", new Bootstrapper.Endpoints("glance", imageUrl)));
    }

    public String adminToken() {
        return keystone.adminToken();
    }

    public String adminProjectId() {
        return keystone.projectId("admin");
    }

    /**
     * Creates (if needed) the project and a user with the given roles on it, and returns the
     * user's project-scoped token.
     */
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
    }

    /** A JSON request to the image API (body null: none), with extra header pairs. */
    public Response call(String method, String path, String token, String json, String... headers) {
        String[] all = json == null ? headers : concat(headers, "Content-Type", "application/json");
        return send(imageUrl, method, path, token, json == null ? null : HttpRequest.BodyPublishers.ofString(json),
                all);
    }

    /** A request with a text body of the given content type. */
    public Response withType(String method, String path, String token, String body, String contentType) {
        return send(imageUrl, method, path, token, HttpRequest.BodyPublishers.ofString(body), "Content-Type",
                contentType);
    }

    /** Sends raw bytes (fixed length) or a stream (chunked) to the image API. */
    public Response upload(String path, String token, HttpRequest.BodyPublisher body, String... headers) {
        return send(imageUrl, "PUT", path, token, body, concat(headers, "Content-Type", "application/octet-stream"));
    }

    /** GET with the body kept as bytes. */
    public HttpResponse<byte[]> download(String path, String token, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(imageUrl + path)).GET();
        if (token != null) {
            b.header("X-Auth-Token", token);
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        try {
            return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** GET with the body as a stream, for large images. */
    public HttpResponse<InputStream> downloadStream(String path, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(imageUrl + path)).GET().header("X-Auth-Token", token);
        try {
            return http.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private Response send(String base, String method, String path, String token, HttpRequest.BodyPublisher body,
                          String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : body);
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

    private static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** Creates an image as {@code token} and returns its id. */
    public String createImage(String token, String json) {
        Response r = call("POST", "/v2/images", token, json);
        if (r.status() != 201) {
            throw new IllegalStateException("image create: " + r.status() + " " + r.body());
        }
        return r.json().path("id").asText();
    }

    public JsonNode show(String id, String token) {
        return call("GET", "/v2/images/" + id, token, null).json();
    }

    @Override
    public void close() {
        imageServer.close();
        image.close();
        keystone.close();
    }
}
