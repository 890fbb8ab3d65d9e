package org.apiary.http;

import java.util.List;
import org.apiary.common.config.ConfigOption;

/** Options shared by every API listener. */
public final class HttpOptions {
    private HttpOptions() {}

    public static final ConfigOption<String> BIND_HOST = ConfigOption.string("DEFAULT", "bind_host", "127.0.0.1",
            "Address every API listens on. The all-in-one stays on loopback unless told otherwise.");
    public static final ConfigOption<Integer> MAX_REQUEST_BODY_SIZE = ConfigOption.integer("oslo_middleware",
            "max_request_body_size", 114688,
            "Largest request body accepted, in bytes (image data uploads are exempt); larger bodies get 413.");
    public static final ConfigOption<List<String>> CORS_ALLOWED_ORIGIN = ConfigOption.list("cors", "allowed_origin",
            List.of(), "Origins allowed to call the APIs from a browser (CORS), e.g. https://dashboard.example.org; "
                    + "empty disables CORS. '*' allows any origin.");
    public static final ConfigOption<Boolean> CORS_ALLOW_CREDENTIALS = ConfigOption.bool("cors", "allow_credentials",
            true, "Whether CORS responses allow credentials.");
    public static final ConfigOption<Integer> CORS_MAX_AGE = ConfigOption.integer("cors", "max_age", 3600,
            "How long a browser may cache a CORS preflight answer, in seconds.");
    public static final ConfigOption<Boolean> METRICS_ENABLED = ConfigOption.bool("DEFAULT", "metrics_enabled", true,
            "Serve Prometheus metrics at /metrics on every API listener.");
    public static final ConfigOption<String> DISABLE_BY_FILE = ConfigOption.string("healthcheck", "disable_by_file_path",
            null, "When this file exists, /healthcheck answers 503 so a load balancer drains the node.");

    public static List<ConfigOption<?>> all() {
        return List.of(BIND_HOST, MAX_REQUEST_BODY_SIZE, CORS_ALLOWED_ORIGIN, CORS_ALLOW_CREDENTIALS, CORS_MAX_AGE,
                METRICS_ENABLED, DISABLE_BY_FILE);
    }
}
