package org.apiary.agent.images;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Function;

/**
 * The three Image API (Glance v2) calls a compute host makes, with the service token: show an image, stream its
 * data, upload a snapshot's data. A 401 makes the session authenticate again and the call is repeated once.
 */
final class ImageApiClient {
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(60);

    private final ServiceSession session;
    private final HttpClient http;

    ImageApiClient(ServiceSession session, HttpClient http) {
        this.session = session;
        this.http = http;
    }

    /** GET /v2/images/{id}: the image record; IllegalArgumentException when the service has no such image. */
    JsonNode show(String imageId) {
        HttpResponse<String> r = send(imageId, "", b -> b.timeout(CALL_TIMEOUT).GET()
                .header("Accept", "application/json"), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 404) {
            throw new IllegalArgumentException("image " + imageId + " is not in the image service: "
                    + ErrorBodies.message(r.body()));
        }
        if (r.statusCode() != 200) {
            throw new IllegalStateException("GET image " + imageId + ": " + r.statusCode() + " "
                    + ErrorBodies.message(r.body()));
        }
        try {
            return ServiceSession.JSON.readTree(r.body());
        } catch (IOException e) {
            throw new IllegalStateException("GET image " + imageId + ": unreadable body", e);
        }
    }

    /** GET /v2/images/{id}/file: the data stream (the caller closes it). No timeout: images are large. */
    InputStream download(String imageId) {
        HttpResponse<InputStream> r = send(imageId, "/file", b -> b.GET(), HttpResponse.BodyHandlers.ofInputStream());
        if (r.statusCode() != 200) {
            String body = drain(r.body());
            if (r.statusCode() == 204) {
                throw new IllegalArgumentException("image " + imageId + " has no data");
            }
            throw new IllegalStateException("download of image " + imageId + ": " + r.statusCode() + " "
                    + ErrorBodies.message(body));
        }
        return r.body();
    }

    /** PUT /v2/images/{id}/file streamed from {@code file}; Glance answers 204 and the image becomes active. */
    void upload(String imageId, Path file) {
        HttpResponse<String> r = send(imageId, "/file", b -> {
            try {
                return b.header("Content-Type", "application/octet-stream").PUT(HttpRequest.BodyPublishers.ofFile(file));
            } catch (java.io.FileNotFoundException e) {
                throw new IllegalArgumentException("snapshot file " + file + " does not exist", e);
            }
        }, HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 204) {
            throw new IllegalStateException("upload to image " + imageId + " refused: " + r.statusCode() + " "
                    + ErrorBodies.message(r.body()));
        }
    }

    private <T> HttpResponse<T> send(String imageId, String suffix,
            Function<HttpRequest.Builder, HttpRequest.Builder> method, HttpResponse.BodyHandler<T> handler) {
        for (int attempt = 0; ; attempt++) {
            String token = session.token();
            URI url = URI.create(session.imageEndpoint() + "/v2/images/" + imageId + suffix);
            HttpResponse<T> r;
            try {
                r = http.send(method.apply(HttpRequest.newBuilder(url)).header("X-Auth-Token", token).build(),
                        handler);
            } catch (IOException e) {
                throw new IllegalStateException("image API at " + url + ": " + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted calling " + url, e);
            }
            if (r.statusCode() != 401 || attempt > 0) {
                return r;
            }
            if (r.body() instanceof InputStream in) {
                drain(in);
            }
            session.invalidate(token); // expired or revoked early: authenticate again, once
        }
    }

    private static String drain(InputStream in) {
        try (in) {
            return new String(in.readNBytes(64 * 1024), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
