package org.apiary.store;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * An oslo.db / SQLAlchemy connection URL ({@code sqlite:///rel.db}, {@code sqlite:////abs.db},
 * {@code postgresql://user:pw@host:5432/db}, {@code mysql+pymysql://user:pw@host/db?charset=utf8})
 * translated to a JDBC URL plus credentials.
 */
public record DatabaseUrl(Dialect dialect, String jdbcUrl, String user, String password) {

    public static DatabaseUrl parse(String url) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("[database] connection is empty");
        }
        int sep = url.indexOf("://");
        if (sep < 0) {
            throw new IllegalArgumentException("not a database URL (expected scheme://...): " + redact(url));
        }
        String scheme = url.substring(0, sep);
        String driverless = scheme.contains("+") ? scheme.substring(0, scheme.indexOf('+')) : scheme;
        return switch (driverless) {
            case "sqlite" -> sqlite(url.substring(sep + 3));
            case "postgresql", "postgres" -> server(Dialect.POSTGRESQL, "jdbc:postgresql://", 5432, url);
            case "mysql", "mariadb" -> server(Dialect.MARIADB, "jdbc:mariadb://", 3306, url);
            default -> throw new IllegalArgumentException("unsupported database scheme '" + scheme
                    + "' (use sqlite, postgresql or mysql+pymysql)");
        };
    }

    private static DatabaseUrl sqlite(String rest) {
        // SQLAlchemy: sqlite:///relative/path, sqlite:////absolute/path, sqlite:// = in memory.
        if (rest.isEmpty() || rest.equals("/") || rest.equals("/:memory:")) {
            return new DatabaseUrl(Dialect.SQLITE, "jdbc:sqlite::memory:", null, null);
        }
        if (!rest.startsWith("/")) {
            throw new IllegalArgumentException("sqlite URL must be sqlite:///path: sqlite://" + rest);
        }
        String path = rest.substring(1);
        int q = path.indexOf('?');
        if (q >= 0) {
            path = path.substring(0, q);
        }
        return new DatabaseUrl(Dialect.SQLITE, "jdbc:sqlite:" + path, null, null);
    }

    private static DatabaseUrl server(Dialect dialect, String jdbcPrefix, int defaultPort, String url) {
        URI uri = URI.create(url.replaceFirst("^[a-z]+(\\+[a-z0-9_]+)?://", "db://"));
        String user = null;
        String password = null;
        if (uri.getRawUserInfo() != null) {
            String[] parts = uri.getRawUserInfo().split(":", 2);
            user = decode(parts[0]);
            password = parts.length > 1 ? decode(parts[1]) : null;
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("database URL has no host: " + redact(url));
        }
        String db = uri.getPath() == null ? "" : uri.getPath().replaceFirst("^/", "");
        if (db.isEmpty()) {
            throw new IllegalArgumentException("database URL has no database name: " + redact(url));
        }
        int port = uri.getPort() > 0 ? uri.getPort() : defaultPort;
        return new DatabaseUrl(dialect, jdbcPrefix + uri.getHost() + ":" + port + "/" + db, user, password);
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    /** The URL with any password replaced, for logs and error messages. */
    public static String redact(String url) {
        return url.replaceAll("://([^:/@]+):[^@]*@", "://$1:***@");
    }
}
