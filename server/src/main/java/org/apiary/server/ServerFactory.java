package org.apiary.server;

import org.apiary.common.config.Config;
import org.apiary.http.ApiServer;
import org.apiary.http.ApiService;
import org.apiary.http.Dispatcher;
import org.apiary.http.HttpMetrics;
import org.apiary.http.HttpOptions;
import org.apiary.http.TokenValidator;

/** Starts API listeners that share one metrics registry, one token validator and the HTTP options. */
final class ServerFactory {
    private final Config config;
    private final TokenValidator validator;
    private final HttpMetrics metrics = new HttpMetrics();

    ServerFactory(Config config, TokenValidator validator) {
        this.config = config;
        this.validator = validator;
    }

    ApiServer start(String name, ApiService service, String host, int port) {
        Dispatcher d = new Dispatcher(service, validator, metrics, config.get(HttpOptions.CORS_ALLOWED_ORIGIN),
                config.get(HttpOptions.CORS_ALLOW_CREDENTIALS), config.get(HttpOptions.CORS_MAX_AGE),
                config.get(HttpOptions.MAX_REQUEST_BODY_SIZE), config.get(HttpOptions.METRICS_ENABLED),
                config.get(HttpOptions.DISABLE_BY_FILE));
        // Glance streams image data; every other API answers with JSON documents.
        boolean bulkData = name.equals("image");
        return ApiServer.start(host, port, d, name, !bulkData);
    }
}
