package org.apiary.agent.images;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The service user's Keystone v3 token (password method, project-scoped) and the image endpoint it leads to.
 * A token is reused until shortly before its {@code expires_at}, or until a service answers 401 with it
 * ({@link #invalidate}); then the next caller authenticates again.
 */
public final class ServiceSession {
    private static final Logger LOG = LoggerFactory.getLogger(ServiceSession.class);
    static final ObjectMapper JSON = new ObjectMapper();
    /** Re-authenticate this long before expiry (at most; a tenth of a short token's lifetime). */
    private static final Duration EARLY = Duration.ofSeconds(30);

    private record Token(String id, Instant renewAt, URI imageEndpoint) {}

    private final ImageServiceSettings settings;
    private final HttpClient http;
    private final Clock clock;
    private final ReentrantLock lock = new ReentrantLock();
    private final AtomicInteger authentications = new AtomicInteger();
    private volatile Token current;

    public ServiceSession(ImageServiceSettings settings, HttpClient http, Clock clock) {
        this.settings = settings;
        this.http = http;
        this.clock = clock;
    }

    /** A token that is not about to expire, authenticating when needed. */
    public String token() {
        return valid().id();
    }

    /** The Image API's base URL (no version path): the override, else the token catalog's image endpoint. */
    public URI imageEndpoint() {
        return valid().imageEndpoint();
    }

    /** Forgets {@code token} after a service refused it (401); a newer token is kept. */
    public void invalidate(String token) {
        lock.lock();
        try {
            if (current != null && current.id().equals(token)) {
                current = null;
            }
        } finally {
            lock.unlock();
        }
    }

    /** How many times this session authenticated (logs and tests). */
    public int authentications() {
        return authentications.get();
    }

    private Token valid() {
        Token t = current;
        if (t != null && clock.instant().isBefore(t.renewAt())) {
            return t;
        }
        lock.lock();
        try {
            t = current;
            if (t == null || !clock.instant().isBefore(t.renewAt())) {
                t = authenticate();
                current = t;
            }
            return t;
        } finally {
            lock.unlock();
        }
    }

    private Token authenticate() {
        URI url = tokensUrl(settings.authUrl());
        HttpResponse<String> r;
        try {
            r = http.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(60))
                    .header("Content-Type", "application/json").header("Accept", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(authBody())).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("cannot reach Keystone at " + url + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while authenticating at " + url, e);
        }
        if (r.statusCode() != 201) {
            throw new IllegalStateException("Keystone at " + url + " refused the service user " + settings.username()
                    + ": " + r.statusCode() + " " + ErrorBodies.message(r.body()));
        }
        String id = r.headers().firstValue("X-Subject-Token")
                .orElseThrow(() -> new IllegalStateException("Keystone at " + url + " sent no X-Subject-Token"));
        JsonNode token;
        try {
            token = JSON.readTree(r.body()).path("token");
        } catch (IOException e) {
            throw new IllegalStateException("Keystone at " + url + " sent an unreadable token body", e);
        }
        Instant now = clock.instant();
        Instant expires = expiresAt(token, now);
        Duration life = Duration.between(now, expires);
        Duration early = life.dividedBy(10).compareTo(EARLY) < 0 ? life.dividedBy(10) : EARLY;
        URI endpoint = settings.endpointOverride() != null ? settings.endpointOverride()
                : Catalogs.imageEndpoint(token.path("catalog"), settings.interfaces(), settings.regionName());
        int n = authentications.incrementAndGet();
        LOG.info("service user {} authenticated at {} (token {} of this agent; expires {}); image API at {}",
                settings.username(), url, n, expires, endpoint);
        return new Token(id, expires.minus(early), trimVersion(endpoint));
    }

    private String authBody() {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode auth = root.putObject("auth");
        ObjectNode identity = auth.putObject("identity");
        identity.putArray("methods").add("password");
        ObjectNode user = identity.putObject("password").putObject("user");
        user.put("name", settings.username()).put("password", settings.password());
        user.putObject("domain").put("name", settings.userDomainName());
        ObjectNode project = auth.putObject("scope").putObject("project");
        project.put("name", settings.projectName());
        project.putObject("domain").put("name", settings.projectDomainName());
        return root.toString();
    }

    private static Instant expiresAt(JsonNode token, Instant now) {
        String s = token.path("expires_at").asText("");
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            LOG.warn("Keystone token has no readable expires_at ('{}'); renewing it after an hour at most", s);
            return now.plus(Duration.ofHours(1));
        }
    }

    /** keystoneauth's rule: auth_url may name the version ({@code …/v3}) or the server root. */
    static URI tokensUrl(URI authUrl) {
        String s = authUrl.toString().replaceAll("/+$", "");
        return URI.create((s.endsWith("/v3") ? s : s + "/v3") + "/auth/tokens");
    }

    /** The image API's root: a catalog URL that names the version ({@code …/v2}) loses it. */
    static URI trimVersion(URI endpoint) {
        String s = endpoint.toString().replaceAll("/+$", "");
        return URI.create(s.endsWith("/v2") ? s.substring(0, s.length() - 3) : s);
    }
}
