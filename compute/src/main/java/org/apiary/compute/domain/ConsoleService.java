package org.apiary.compute.domain;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.apiary.common.error.ServiceException;
import org.apiary.compute.store.ConsoleStore;
import org.apiary.compute.store.ServerStore;

/**
 * Serial console access, as Nova's compute manager and ConsoleAuthToken do it: a console URL is the server's host's
 * proxy base URL ({@code [serial_console] base_url}, registered by that host's agent) with a fresh random token;
 * the token is stored only as its SHA-256 with the server, host, type and expiry ({@code [consoleauth]
 * token_ttl}). As in Nova, a token may be used again until it expires; it is refused once its server is deleted
 * or has moved to another host. Tokens of a deleted server are removed with it (see the server store).
 */
public final class ConsoleService {
    public static final String SERIAL = "serial";
    /** Nova's reject_instance_state of get_serial_console. */
    private static final List<String> REJECTED_TASKS = List.of(VmStates.Task.DELETING,
            VmStates.Task.RESIZE_MIGRATING);
    private static final int TOKEN_BYTES = 32;

    private final ConsoleStore store;
    private final ServerStore servers;
    private final Duration ttl;
    private final LongSupplier clock;
    private final SecureRandom random = new SecureRandom();

    public ConsoleService(ConsoleStore store, ServerStore servers, Duration ttl, LongSupplier clock) {
        if (!ttl.isPositive()) {
            throw new IllegalArgumentException("[consoleauth] token_ttl must be positive");
        }
        this.store = store;
        this.servers = servers;
        this.ttl = ttl;
        this.clock = clock;
    }

    /** Nova's ConsoleTypeUnavailable (400 at the API): a console type this cloud does not serve. */
    public static ServiceException unavailable(String consoleType) {
        return ServiceException.badRequest("Unavailable console type " + consoleType + ".");
    }

    /**
     * A serial console URL for {@code s} (already found and authorized by the caller): 409 when the server has no
     * host or is not ACTIVE, 400 (unavailable) when its host runs no console proxy.
     */
    public String serialConsoleUrl(Server s, String consoleType) {
        if (s.host() == null) {
            throw ServiceException.conflict("Instance " + s.uuid() + " is not ready");
        }
        if (s.taskState() != null && REJECTED_TASKS.contains(s.taskState())) {
            throw Faults.invalidState("get_serial_console", s.uuid(), "task_state", s.taskState());
        }
        if (!VmStates.ACTIVE.equals(s.vmState())) {
            throw Faults.invalidState("get_serial_console", s.uuid(), "vm_state", s.vmState());
        }
        if (!SERIAL.equals(consoleType)) {
            throw ServiceException.badRequest("Invalid console type " + consoleType);
        }
        String base = store.proxyBaseUrl(s.host()).orElseThrow(() -> unavailable(consoleType));
        long now = clock.getAsLong();
        store.purge(now);
        String token = newToken();
        store.saveToken(sha256(token), new ConsoleAuth(s.uuid(), s.host(), consoleType, base, now + ttl.toMillis()),
                now);
        return accessUrl(base, token);
    }

    /** What {@code token} grants: known, unexpired, and its server still there on the token's host. */
    public Optional<ConsoleAuth> validate(String token) {
        if (token == null || token.isEmpty() || token.length() > 255) {
            return Optional.empty();
        }
        return store.findToken(sha256(token), clock.getAsLong()).filter(a -> servers.find(a.instanceUuid())
                .filter(s -> !s.deleted() && a.host().equals(s.host())).isPresent());
    }

    /** Records the base URL of {@code host}'s console proxy; only ws:// and wss:// URLs with a host are taken. */
    public void registerProxy(String host, String baseUrl) {
        if (host == null || host.isBlank() || host.length() > 255) {
            throw new IllegalArgumentException("a console proxy needs a host name of 1 to 255 characters");
        }
        URI uri;
        try {
            uri = URI.create(baseUrl);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("console proxy base URL '" + baseUrl + "' is not a URL");
        }
        if (!("ws".equals(uri.getScheme()) || "wss".equals(uri.getScheme())) || uri.getHost() == null
                || uri.getRawQuery() != null || baseUrl.length() > 255) {
            throw new IllegalArgumentException("console proxy base URL '" + baseUrl + "' must be a ws:// or wss:// "
                    + "URL with a host and no query, at most 255 characters");
        }
        store.saveProxy(host, baseUrl, clock.getAsLong());
    }

    /** Nova's ConsoleAuthToken.access_url for every type but novnc. */
    static String accessUrl(String base, String token) {
        return base + "?token=" + token;
    }

    private String newToken() {
        byte[] b = new byte[TOKEN_BYTES];
        random.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    static String sha256(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
