package org.apiary.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.apiary.common.context.AuthContext;
import org.apiary.common.error.ServiceException;
import org.apiary.common.json.Json;
import org.apiary.common.microversion.Microversion;

/** What a handler sees of an HTTP request; independent of the server library underneath. */
public final class ApiRequest {
    private final String method;
    private final String path;
    private final Map<String, String> params;
    private final Map<String, List<String>> query;
    private final Function<String, Optional<String>> headers;
    private final String requestId;
    private final String baseUrl;
    private final InputStream body;
    private final long maxBodyBytes;
    private AuthContext auth;
    private Microversion version;
    private byte[] bodyBytes;

    public ApiRequest(String method, String path, Map<String, String> params, Map<String, List<String>> query,
                      Function<String, Optional<String>> headers, String requestId, String baseUrl,
                      InputStream body, long maxBodyBytes) {
        this.method = method;
        this.path = path;
        this.params = params;
        this.query = query;
        this.headers = headers;
        this.requestId = requestId;
        this.baseUrl = baseUrl;
        this.body = body;
        this.maxBodyBytes = maxBodyBytes;
    }

    public String method() {
        return method;
    }

    public String path() {
        return path;
    }

    /** A path parameter from the route template; the router guarantees it exists. */
    public String param(String name) {
        String v = params.get(name);
        if (v == null) {
            throw new IllegalStateException("route has no parameter " + name);
        }
        return v;
    }

    public Map<String, List<String>> query() {
        return query;
    }

    /** First value of a query parameter, if present. */
    public Optional<String> queryParam(String name) {
        List<String> v = query.get(name);
        return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v.get(0));
    }

    public Optional<String> header(String name) {
        return headers.apply(name);
    }

    public String requestId() {
        return requestId;
    }

    /** Scheme, host and port as the client addressed us, for links in bodies. */
    public String baseUrl() {
        return baseUrl;
    }

    /** The validated caller, or null on a public route without a token. */
    public AuthContext auth() {
        return auth;
    }

    void setAuth(AuthContext auth) {
        this.auth = auth;
    }

    /** The negotiated microversion; null for services without microversions. */
    public Microversion version() {
        return version;
    }

    /** True when the negotiated microversion is at least {@code v} (services with microversions only). */
    public boolean atLeast(String v) {
        return version != null && version.atLeast(v);
    }

    void setVersion(Microversion version) {
        this.version = version;
    }

    /** The whole body, read once, at most the configured limit (413 beyond it). */
    public byte[] body() {
        if (bodyBytes == null) {
            try (InputStream in = body) {
                byte[] b = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBodyBytes + 1));
                if (b.length > maxBodyBytes) {
                    throw ServiceException.tooLarge("Request is too large. The request body exceeds "
                            + maxBodyBytes + " bytes.");
                }
                bodyBytes = b;
            } catch (IOException e) {
                throw ServiceException.badRequest("Could not read the request body: " + e.getMessage());
            }
        }
        return bodyBytes;
    }

    /** The body parsed as a JSON object; malformed JSON is a 400. */
    public ObjectNode json() {
        return Json.parseObject(body());
    }

    /** The raw body stream, for streaming routes only (image uploads). */
    public InputStream bodyStream() {
        return body;
    }
}
