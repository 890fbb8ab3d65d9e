package org.apiary.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ApiServerTest {
    static Dispatcher dispatcher() {
        RouteTable routes = new RouteTable().addPublic("GET", "/", r -> ApiResponse.ok(Map.of()));
        ApiService svc = new ApiService("t", routes, (e, id) -> ApiResponse.json(e.status(), Map.of()), List.of(), null);
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
}
