package org.apiary.http;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

/** RED metrics per service and route template, exposed in Prometheus text format. */
public final class HttpMetrics {
    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final Counter requests = Counter.builder()
            .name("apiary_http_requests_total")
            .help("HTTP requests answered, by service, method, route template and status")
            .labelNames("service", "method", "route", "status")
            .register(registry);
    private final Histogram duration = Histogram.builder()
            .name("apiary_http_request_duration_seconds")
            .help("Time to answer HTTP requests, by service and route template")
            .labelNames("service", "route")
            .register(registry);

    public PrometheusRegistry registry() {
        return registry;
    }

    void record(String service, String method, String route, int status, long nanos) {
        requests.labelValues(service, method, route, Integer.toString(status)).inc();
        duration.labelValues(service, route).observe(nanos / 1e9);
    }

    byte[] scrape() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            PrometheusTextFormatWriter.create().write(out, registry.scrape());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toByteArray();
    }

    static String contentType() {
        return PrometheusTextFormatWriter.CONTENT_TYPE;
    }
}
