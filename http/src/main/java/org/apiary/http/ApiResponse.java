package org.apiary.http;

import java.io.IOException;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apiary.common.json.Json;

/** What a handler wants sent: status, headers and either bytes or a streaming writer. */
public final class ApiResponse {
    /** Writes a body that is too large to hold in memory. */
    @FunctionalInterface
    public interface BodyWriter {
        void writeTo(OutputStream out) throws IOException;
    }

    private final int status;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private final byte[] body;
    private final BodyWriter writer;

    private ApiResponse(int status, byte[] body, BodyWriter writer) {
        this.status = status;
        this.body = body;
        this.writer = writer;
    }

    public static ApiResponse json(int status, Object value) {
        return new ApiResponse(status, Json.bytes(value), null).header("Content-Type", "application/json");
    }

    public static ApiResponse ok(Object value) {
        return json(200, value);
    }

    public static ApiResponse noContent() {
        return new ApiResponse(204, null, null);
    }

    public static ApiResponse empty(int status) {
        return new ApiResponse(status, null, null);
    }

    public static ApiResponse bytes(int status, String contentType, byte[] body) {
        return new ApiResponse(status, body, null).header("Content-Type", contentType);
    }

    public static ApiResponse stream(int status, String contentType, BodyWriter writer) {
        return new ApiResponse(status, null, writer).header("Content-Type", contentType);
    }

    public ApiResponse header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    public int status() {
        return status;
    }

    public Map<String, String> headers() {
        return headers;
    }

    public byte[] body() {
        return body;
    }

    public BodyWriter writer() {
        return writer;
    }
}
