package org.apiary.bus;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * oslo.messaging's transport_url for RabbitMQ: {@code rabbit://user:pass@host1:5672,host2:5672/vhost}.
 * An empty path or "/" is the default virtual host "/".
 */
public record TransportUrl(String user, String password, List<HostPort> hosts, String virtualHost) {
    public record HostPort(String host, int port) {}

    public static TransportUrl parse(String url) {
        if (url == null || !url.startsWith("rabbit://")) {
            throw new IllegalArgumentException("transport_url must be rabbit://user:pass@host:5672/[vhost], got "
                    + (url == null ? "nothing" : "'" + redact(url) + "'"));
        }
        String rest = url.substring("rabbit://".length());
        int slash = rest.indexOf('/');
        String authority = slash < 0 ? rest : rest.substring(0, slash);
        String path = slash < 0 ? "" : rest.substring(slash + 1);
        int query = path.indexOf('?');
        if (query >= 0) {
            path = path.substring(0, query);
        }
        String user = "guest", password = "guest";
        int at = authority.lastIndexOf('@');
        if (at >= 0) {
            String creds = authority.substring(0, at);
            authority = authority.substring(at + 1);
            int colon = creds.indexOf(':');
            user = decode(colon < 0 ? creds : creds.substring(0, colon));
            password = colon < 0 ? "" : decode(creds.substring(colon + 1));
        }
        List<HostPort> hosts = new ArrayList<>();
        for (String hp : authority.split(",")) {
            try {
                URI u = new URI("amqp://" + hp);
                if (u.getHost() == null) {
                    throw new URISyntaxException(hp, "no host");
                }
                hosts.add(new HostPort(u.getHost(), u.getPort() < 0 ? 5672 : u.getPort()));
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException("transport_url: '" + hp + "' is not host[:port]");
            }
        }
        String vhost = decode(path);
        return new TransportUrl(user, password, List.copyOf(hosts), vhost.isEmpty() ? "/" : vhost);
    }

    /** The URL with its password replaced, for logs and errors. */
    public static String redact(String url) {
        return url.replaceAll("(://[^:/@]*:)[^@/]*@", "$1***@");
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
