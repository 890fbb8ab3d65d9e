package org.apiary.http;

import io.helidon.common.socket.SocketOptions;
import io.helidon.http.DirectHandler;
import io.helidon.http.HeaderNames;
import io.helidon.http.ServerResponseHeaders;
import io.helidon.http.Status;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.DirectHandlers;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.OutputStream;
import java.util.Map;

/**
 * Runs one API on its own listener with Helidon SE (a virtual thread per request, so handlers
 * block freely). Helidon is confined to this class: everything else sees ApiRequest/ApiResponse.
 */
public final class ApiServer implements AutoCloseable {
    private final WebServer server;
    private final String name;

    private ApiServer(String name, WebServer server) {
        this.name = name;
        this.server = server;
    }

    /** An API answering in JSON documents: TCP_NODELAY on (see below). */
    public static ApiServer start(String host, int port, Dispatcher dispatcher, String name) {
        return start(host, port, dispatcher, name, true);
    }

    /**
     * @param noDelay TCP_NODELAY. Without it, the sub-MSS tail of a large JSON answer waits for the
     *        client's delayed ACK: ~40 ms added to many 100 KB – 1 MB answers (Placement's
     *        candidates). With it, a multi-gigabyte streamed download costs ~50 % more CPU on
     *        loopback (measured with bench/image): bulk-data APIs leave it off.
     */
    public static ApiServer start(String host, int port, Dispatcher dispatcher, String name, boolean noDelay) {
        WebServer ws = WebServer.builder()
                .host(host)
                .port(port)
                .shutdownHook(false)
                .connectionOptions(SocketOptions.builder().tcpNoDelay(noDelay).build())
                .routing(r -> r.any((req, res) -> serve(dispatcher, req, res)))
                .directHandlers(DirectHandlers.builder()
                        .addHandler(DirectHandler.EventType.BAD_REQUEST, (req, type, status, headers, message) ->
                                malformed(dispatcher, req, headers, message))
                        .build())
                .build()
                .start();
        // Helidon logs a failed bind and carries on with port -1; a cloud with a missing API must not start.
        if (!ws.isRunning() || ws.port() <= 0) {
            ws.stop();
            throw new IllegalStateException("cannot listen on " + host + ":" + port + " for the " + name
                    + " API (address in use or not permitted); set another port in apiary.conf or on the command line");
        }
        return new ApiServer(name, ws);
    }

    private static DirectHandler.TransportResponse malformed(Dispatcher dispatcher, DirectHandler.TransportRequest req,
                                                             ServerResponseHeaders headers, String message) {
        // Helidon hides its reason unless configured to send it to clients; the one case clients
        // test for (a non-numeric Content-Length) is easy to recognise from the headers.
        String reason = message;
        var length = req.headers().first(HeaderNames.CONTENT_LENGTH);
        if (length.isPresent() && !length.get().strip().matches("[0-9]{1,18}")) {
            reason = Dispatcher.NON_NUMERIC_CONTENT_LENGTH;
        }
        ApiResponse out = dispatcher.malformedRequest(req.method(), req.path(), reason);
        for (Map.Entry<String, String> h : out.headers().entrySet()) {
            headers.set(HeaderNames.create(h.getKey()), h.getValue());
        }
        byte[] body = out.body() == null ? new byte[0] : out.body();
        // Helidon does not read the rest of a badly framed request, so the connection cannot be reused.
        return DirectHandler.TransportResponse.builder().status(Status.create(out.status())).headers(headers)
                .entity(body).keepAlive(false).build();
    }

    private static void serve(Dispatcher dispatcher, ServerRequest req, ServerResponse res) throws Exception {
        String method = req.prologue().method().text();
        Dispatcher.Exchange ex = new Dispatcher.Exchange(
                method,
                req.path().rawPath(),
                req.query().rawValue(),
                name -> req.headers().first(HeaderNames.create(name)),
                req.headers().contentLength(),
                req.content().inputStream(),
                req.isSecure() ? "https" : "http",
                req.remotePeer().address().toString());
        ApiResponse out = dispatcher.dispatch(ex);
        res.status(out.status());
        for (Map.Entry<String, String> h : out.headers().entrySet()) {
            res.header(h.getKey(), h.getValue());
        }
        if (out.writer() != null && !method.equals("HEAD")) {
            try (OutputStream os = res.outputStream()) {
                out.writer().writeTo(os);
            }
        } else if (out.body() != null && !method.equals("HEAD") && out.status() != 204 && out.status() != 304) {
            res.send(out.body());
        } else {
            if (out.body() != null && method.equals("HEAD") && out.status() != 204 && out.status() != 304) {
                res.contentLength(out.body().length);
            }
            res.send();
        }
    }

    public int port() {
        return server.port();
    }

    public String name() {
        return name;
    }

    @Override
    public void close() {
        server.stop();
    }
}
