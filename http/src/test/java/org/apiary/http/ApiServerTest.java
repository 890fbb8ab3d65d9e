package org.apiary.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ApiServerTest {
    static Dispatcher dispatcher() {
        RouteTable routes = new RouteTable().addPublic("GET", "/", r -> ApiResponse.ok(Map.of()));
        ApiService svc = new ApiService("t", routes,
                (e, id) -> ApiResponse.json(e.status(), Map.of("error", e.getMessage())), List.of(), null);
        return new Dispatcher(svc, t -> null, new HttpMetrics(), List.of(), false, 0, 1024, false, null);
    }

    @Test
    void aPortInUseIsAnErrorNotASilentlyMissingApi() {
        try (ApiServer first = ApiServer.start("127.0.0.1", 0, dispatcher(), "first")) {
            assertThat(first.port()).isPositive();
            assertThatThrownBy(() -> ApiServer.start("127.0.0.1", first.port(), dispatcher(), "second"))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("cannot listen on 127.0.0.1:"
                            + first.port() + " for the second API");
        }
    }

    @Test
    void aBadlyFramedRequestGetsTheServicesOwnErrorBody() throws Exception {
        try (ApiServer server = ApiServer.start("127.0.0.1", 0, dispatcher(), "t");
             Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.getOutputStream().write(("POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Content-Length: hi mom\r\n\r\n{}").getBytes(StandardCharsets.US_ASCII));
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(answer).startsWith("HTTP/1.1 400").containsIgnoringCase("x-openstack-request-id: req-")
                    .contains("{\"error\":\"content-length header must be an integer\"}");
        }
    }
}
