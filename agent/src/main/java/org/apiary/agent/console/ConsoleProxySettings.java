package org.apiary.agent.console;

import java.net.URI;
import org.apiary.common.config.Config;

/**
 * The console proxy's configuration ({@link ConsoleProxyOptions}), read once and checked.
 *
 * @param baseUrl the URL clients reach the proxy at, or null: derived from the listening address and port
 */
public record ConsoleProxySettings(boolean enabled, String baseUrl, String listenHost, int listenPort) {
    public ConsoleProxySettings {
        if (listenHost == null || listenHost.isBlank()) {
            throw new IllegalArgumentException("[serial_console] serialproxy_host must not be empty");
        }
        if (baseUrl == null) {
            if (listenHost.equals("0.0.0.0") || listenHost.equals("::")) {
                throw new IllegalArgumentException("[serial_console] base_url must be set when serialproxy_host is "
                        + "a wildcard address (clients need an address to connect to)");
            }
        } else {
            requireWebSocketUrl(baseUrl);
        }
    }

    private static void requireWebSocketUrl(String baseUrl) {
        URI uri;
        try {
            uri = URI.create(baseUrl);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("[serial_console] base_url '" + baseUrl + "' is not a URL");
        }
        if (!("ws".equals(uri.getScheme()) || "wss".equals(uri.getScheme())) || uri.getHost() == null
                || uri.getRawQuery() != null) {
            throw new IllegalArgumentException("[serial_console] base_url '" + baseUrl + "' must be a ws:// or "
                    + "wss:// URL with a host and no query");
        }
    }

    /** The base URL for a proxy listening on {@code port}. */
    String baseUrlFor(int port) {
        if (baseUrl != null) {
            return baseUrl;
        }
        return "ws://" + (listenHost.contains(":") ? "[" + listenHost + "]" : listenHost) + ":" + port + "/";
    }

    public static ConsoleProxySettings from(Config config) {
        String base = config.get(ConsoleProxyOptions.BASE_URL);
        return new ConsoleProxySettings(config.get(ConsoleProxyOptions.ENABLED),
                base == null || base.isBlank() ? null : base.strip(),
                config.get(ConsoleProxyOptions.SERIALPROXY_HOST).strip(), config.get(ConsoleProxyOptions.SERIALPROXY_PORT));
    }
}
