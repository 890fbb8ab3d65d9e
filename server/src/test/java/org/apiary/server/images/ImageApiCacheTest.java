package org.apiary.server.images;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apiary.agent.images.ImageApiCache;
import org.apiary.agent.images.ImageServiceSettings;
import org.apiary.common.config.Config;
import org.apiary.common.json.Json;
import org.apiary.host.spi.CachedImage;
import org.apiary.http.ApiServer;
import org.apiary.http.Dispatcher;
import org.apiary.http.HttpMetrics;
import org.apiary.identity.IdentityModule;
import org.apiary.identity.IdentityOptions;
import org.apiary.identity.domain.Bootstrapper;
import org.apiary.identity.token.FernetKeyRepository;
import org.apiary.image.ImageModule;
import org.apiary.image.ImageOptions;
import org.apiary.store.Database;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The compute agent's Image API client against the real Keystone and Glance of the all-in-one, over HTTP on
 * loopback: a service user with the admin role in project 'service' fetches a project's private image into the
 * cache (bytes and sha512 checked, fetched once, one download for concurrent spawns), re-authenticates after its
 * token expires or is revoked, uploads a snapshot into a queued image; a stub image endpoint that serves wrong
 * bytes is refused and leaves nothing in the cache.
 */
class ImageApiCacheTest {
    /** Short tokens, so expiry is reached within the test. */
    static final int TOKEN_SECONDS = 3;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    static Path dir;
    static Database db;
    static IdentityModule identity;
    static ImageModule image;
    static ApiServer identityServer, imageServer;
    static String identityUrl, imageUrl, projectId;

    @TempDir
    Path cache;

    @BeforeAll
    static void start() throws Exception {
        dir = Files.createTempDirectory("apiary-image-api-cache");
        db = Database.open("sqlite:///" + dir.resolve("test.db"), 4, 10000);
        db.migrate("identity");
        db.migrate("image");
        FernetKeyRepository keys = new FernetKeyRepository(dir.resolve("keys"));
        keys.initializeIfEmpty();
        identity = new IdentityModule(Config.empty().with(IdentityOptions.PASSWORD_HASH_ROUNDS, "4")
                .with(IdentityOptions.TOKEN_EXPIRATION, String.valueOf(TOKEN_SECONDS)), db, keys);
        // Test data is random bytes under any disk_format: the format inspector is not this test's subject.
        image = new ImageModule(Config.empty().with(ImageOptions.DATA_DIR, dir.resolve("images").toString())
                .with(ImageOptions.REQUIRE_FORMAT_MATCH, "false"), db);
        HttpMetrics metrics = new HttpMetrics();
        identityServer = ApiServer.start("127.0.0.1", 0, new Dispatcher(identity.service("http://127.0.0.1/v3"),
                identity.tokenValidator(), metrics, List.of(), false, 0, 1 << 20, false, null), "identity");
        identityUrl = "http://127.0.0.1:" + identityServer.port();
        imageServer = ApiServer.start("127.0.0.1", 0, new Dispatcher(image.service(identityUrl + "/v3"),
                identity.tokenValidator(), metrics, List.of(), false, 0, 1 << 20, false, null), "image");
        imageUrl = "http://127.0.0.1:" + imageServer.port();
        identity.bootstrapper().run(new Bootstrapper.Request("secret", "admin", "admin", "RegionOne",
                Map.of("identity", new Bootstrapper.Endpoints("keystone", identityUrl + "/v3"),
                        "image", new Bootstrapper.Endpoints("glance", imageUrl))));
        grant("apiary-compute", "service", "admin"); // the documented choice: as devstack's nova user
        grant("weak-compute", "service", "member");
        projectId = grant("dora", "proj-d", "member");
    }

    @AfterAll
    static void stop() throws Exception {
        imageServer.close();
        identityServer.close();
        image.close();
        identity.close();
        db.close();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    static ImageServiceSettings settings(String user, URI endpointOverride) {
        return new ImageServiceSettings(URI.create(identityUrl + "/v3"), user, "secret", "Default", "service",
                "Default", endpointOverride, null, List.of("internal", "public"));
    }

    @Test
    void fetchesAPrivateImageOnceVerifiedAndConcurrentSpawnsShareOneDownload() throws Exception {
        byte[] data = randomBytes(3 << 20);
        String id = activeImage("cirros", "qcow2", data);
        ImageApiCache images = new ImageApiCache(settings("apiary-compute", null), cache);

        CachedImage got = images.fetch(id);
        assertThat(got.format()).isEqualTo("qcow2");
        assertThat(got.path()).isEqualTo(cache.resolve(id + ".qcow2"));
        assertThat(Files.readAllBytes(got.path())).isEqualTo(data);
        assertThat(sha512(Files.readAllBytes(got.path()))).isEqualTo(glance("GET", "/v2/images/" + id, dora(), null)
                .at("/os_hash_value").asText());
        assertThat(images.fetch(id)).as("second fetch: the cached file").isEqualTo(got);
        assertThat(images.downloads()).isEqualTo(1);
        assertThat(images.session().imageEndpoint()).as("from the token's catalog").isEqualTo(URI.create(imageUrl));

        String other = activeImage("debian", "raw", randomBytes(2 << 20));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<CachedImage>> spawns = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                spawns.add(pool.submit(() -> images.fetch(other)));
            }
            for (Future<CachedImage> f : spawns) {
                assertThat(f.get().path()).isEqualTo(cache.resolve(other + ".raw"));
            }
        } finally {
            pool.shutdown();
        }
        assertThat(images.downloads()).as("four concurrent spawns, one download").isEqualTo(2);
        try (Stream<Path> files = Files.list(cache)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder(id + ".qcow2",
                    other + ".raw");
        }
    }

    @Test
    void reauthenticatesWhenTheTokenExpiresOrIsRevoked() throws Exception {
        ImageApiCache images = new ImageApiCache(settings("apiary-compute", null), cache);
        images.fetch(activeImage("one", "raw", randomBytes(4096)));
        assertThat(images.session().authentications()).isEqualTo(1);

        String second = activeImage("two", "raw", randomBytes(4096));
        Thread.sleep(TOKEN_SECONDS * 1000L + 200);
        images.fetch(second);
        assertThat(images.session().authentications()).as("the expired token was replaced before the call")
                .isEqualTo(2);

        // Revoked behind the session's back: the Image API answers 401, the session authenticates again.
        String revoked = images.session().token();
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(identityUrl + "/v3/auth/tokens"))
                .header("X-Auth-Token", revoked).header("X-Subject-Token", revoked).DELETE().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(204);
        byte[] third = randomBytes(8192);
        CachedImage got = images.fetch(activeImage("three", "raw", third));
        assertThat(Files.readAllBytes(got.path())).isEqualTo(third);
        assertThat(images.session().authentications()).as("the 401 led to a new token").isEqualTo(3);
        assertThat(images.session().token()).isNotEqualTo(revoked);
    }

    @Test
    void uploadsASnapshotIntoAQueuedImage() throws Exception {
        String id = glance("POST", "/v2/images", dora(), "{\"name\": \"snap\", \"disk_format\": \"raw\", "
                + "\"container_format\": \"bare\"}").at("/id").asText();
        assertThat(glance("GET", "/v2/images/" + id, dora(), null).at("/status").asText()).isEqualTo("queued");
        byte[] data = randomBytes(5 << 20);
        Path file = cache.resolve("snapshot.raw");
        Files.write(file, data);
        ImageApiCache images = new ImageApiCache(settings("apiary-compute", null), cache);

        images.upload(id, file);

        JsonNode after = glance("GET", "/v2/images/" + id, dora(), null);
        assertThat(after.at("/status").asText()).isEqualTo("active");
        assertThat(after.at("/size").asLong()).isEqualTo(data.length);
        assertThat(after.at("/os_hash_value").asText()).isEqualTo(sha512(data));
        assertThat(after.at("/owner").asText()).as("still the project's image").isEqualTo(projectId);
        assertThatThrownBy(() -> images.upload(id, file)).as("an active image takes no second upload")
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("409");
    }

    @Test
    void refusesWhatCannotBeBootedAndAServiceUserWithoutAdminSeesNoPrivateImage() throws Exception {
        ImageApiCache images = new ImageApiCache(settings("apiary-compute", null), cache);
        String queued = glance("POST", "/v2/images", dora(), "{\"name\": \"empty\", \"disk_format\": \"raw\", "
                + "\"container_format\": \"bare\"}").at("/id").asText();
        assertThatThrownBy(() -> images.fetch(queued)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("queued, not active");
        String iso = activeImage("iso", "iso", randomBytes(4096));
        assertThatThrownBy(() -> images.fetch(iso)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("disk format 'iso'");
        assertThatThrownBy(() -> images.fetch("00000000-0000-4000-8000-000000000000"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not in the image service");
        assertThatThrownBy(() -> images.fetch("../../etc/passwd")).isInstanceOf(IllegalArgumentException.class);

        String mine = activeImage("private", "raw", randomBytes(4096));
        ImageApiCache weak = new ImageApiCache(settings("weak-compute", null), cache);
        assertThatThrownBy(() -> weak.fetch(mine)).as("Glance's policy: a member of 'service' cannot read "
                + "proj-d's private image").isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not in the image service");
        assertThatThrownBy(() -> new ImageApiCache(settings("nobody", null), cache).fetch(mine))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("401");
        assertThat(cache).isEmptyDirectory();
    }

    @Test
    void wrongBytesFromTheImageEndpointAreRefusedAndLeaveNothing() throws Exception {
        byte[] good = randomBytes(1 << 20);
        byte[] bad = good.clone();
        bad[12345] ^= 1;
        String goodHash = sha512(good);
        String id = "11111111-2222-4333-8444-555555555555";
        AtomicInteger unauthorizedOnce = new AtomicInteger();
        HttpServer stub = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        stub.createContext("/v2/images/" + id, exchange -> {
            if (unauthorizedOnce.getAndIncrement() == 0) { // as if the token had been revoked
                byte[] b = "{\"message\": \"token invalid\", \"code\": \"401 Unauthorized\"}".getBytes();
                exchange.sendResponseHeaders(401, b.length);
                exchange.getResponseBody().write(b);
            } else if (exchange.getRequestURI().getPath().endsWith("/file")) {
                exchange.sendResponseHeaders(200, bad.length);
                exchange.getResponseBody().write(bad);
            } else {
                byte[] b = ("{\"id\": \"" + id + "\", \"status\": \"active\", \"disk_format\": \"raw\", "
                        + "\"size\": " + good.length + ", \"os_hash_algo\": \"sha512\", \"os_hash_value\": \""
                        + goodHash + "\"}").getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, b.length);
                exchange.getResponseBody().write(b);
            }
            exchange.close();
        });
        stub.start();
        try {
            ImageApiCache images = new ImageApiCache(settings("apiary-compute",
                    URI.create("http://127.0.0.1:" + stub.getAddress().getPort() + "/")), cache, HTTP, Clock.systemUTC());
            assertThatThrownBy(() -> images.fetch(id)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("sha512").hasMessageContaining("discarded");
            assertThat(cache).as("no image, no .part").isEmptyDirectory();
            assertThat(images.session().authentications()).as("the stub's 401 made it authenticate again")
                    .isEqualTo(2);
        } finally {
            stub.stop(0);
        }
    }

    // --- fixtures: HTTP calls as a client makes them

    static String activeImage(String name, String diskFormat, byte[] data) throws Exception {
        String token = dora();
        String id = glance("POST", "/v2/images", token, "{\"name\": \"" + name + "\", \"disk_format\": \""
                + diskFormat + "\", \"container_format\": \"bare\", \"visibility\": \"private\"}").at("/id").asText();
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(imageUrl + "/v2/images/" + id + "/file"))
                .header("X-Auth-Token", token).header("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(data)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(204);
        return id;
    }

    static JsonNode glance(String method, String path, String token, String body) throws Exception {
        return succeed(imageUrl, method, path, token, body);
    }

    static String dora() throws Exception {
        return token("dora", "proj-d");
    }

    static String token(String user, String project) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(identityUrl + "/v3/auth/tokens"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"auth\": "
                        + "{\"identity\": {\"methods\": [\"password\"], \"password\": {\"user\": {\"name\": \"" + user
                        + "\", \"domain\": {\"id\": \"default\"}, \"password\": \"secret\"}}}, \"scope\": {\"project\": "
                        + "{\"name\": \"" + project + "\", \"domain\": {\"id\": \"default\"}}}}}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return r.headers().firstValue("X-Subject-Token").orElseThrow();
    }

    /** A user with {@code role} on a project (made when missing); returns the project id. */
    static String grant(String user, String project, String role) throws Exception {
        String admin = token("admin", "admin");
        String roleId = keystone(admin, "GET", "/v3/roles?name=" + role, null).at("/roles/0/id").asText();
        String userId = keystone(admin, "POST", "/v3/users", "{\"user\": {\"name\": \"" + user
                + "\", \"password\": \"secret\"}}").at("/user/id").asText();
        JsonNode found = keystone(admin, "GET", "/v3/projects?name=" + project, null).at("/projects/0/id");
        String projectId = found.isMissingNode() ? keystone(admin, "POST", "/v3/projects", "{\"project\": "
                + "{\"name\": \"" + project + "\"}}").at("/project/id").asText() : found.asText();
        keystone(admin, "PUT", "/v3/projects/" + projectId + "/users/" + userId + "/roles/" + roleId, null);
        return projectId;
    }

    /** A Keystone call with the admin token. */
    static JsonNode keystone(String token, String method, String path, String body) throws Exception {
        return succeed(identityUrl, method, path, token, body);
    }

    /** A JSON call that must answer 2xx; its body (an empty object when there is none). */
    static JsonNode succeed(String base, String method, String path, String token, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).header("X-Auth-Token", token)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(method + " " + path + ": " + r.body()).isBetween(200, 299);
        return r.body().isEmpty() ? Json.MAPPER.createObjectNode() : Json.MAPPER.readTree(r.body());
    }

    static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        new Random(n).nextBytes(b);
        return b;
    }

    static String sha512(byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-512").digest(data));
    }
}
