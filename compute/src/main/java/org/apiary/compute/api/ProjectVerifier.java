package org.apiary.compute.api;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.apiary.common.error.ServiceException;
import org.apiary.http.ApiRequest;

/**
 * Nova's verify_project_id (nova/api/openstack/identity.py): asks Keystone, with the caller's own
 * token, for {@code GET /v3/projects/{id}}; only a 404 makes the request a 400. A 403, another
 * status or an unreachable Keystone lets it through, as upstream does.
 */
public final class ProjectVerifier {
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private volatile String keystoneV3;

    /** Where Keystone's v3 API is; until this is called every project id is accepted. */
    public void useKeystone(String v3Url) {
        this.keystoneV3 = v3Url == null ? null : v3Url.replaceAll("/+$", "");
    }

    public void verify(ApiRequest req, String projectId) {
        String base = keystoneV3;
        String token = req.header("X-Auth-Token").orElse(null);
        if (base == null || token == null) {
            return;
        }
        HttpRequest get = HttpRequest.newBuilder(URI.create(base + "/projects/"
                        + URLEncoder.encode(projectId, StandardCharsets.UTF_8).replace("+", "%20")))
                .timeout(Duration.ofSeconds(10)).header("X-Auth-Token", token.strip()).GET().build();
        int status;
        try {
            status = http.send(get, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException | IllegalArgumentException e) {
            return; // "Unable to contact keystone to verify project_id": allowed
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        if (status == 404) {
            throw invalid(projectId);
        }
    }

    static ServiceException invalid(String projectId) {
        return ServiceException.badRequest("Project ID " + projectId + " is not a valid project.");
    }
}
