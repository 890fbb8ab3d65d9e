package org.apiary.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.apiary.common.context.AuthContext;
import org.apiary.common.error.ServiceException;
import org.apiary.common.json.Json;
import org.apiary.common.microversion.Microversion;
import org.apiary.common.microversion.VersionNegotiation;
import org.junit.jupiter.api.Test;

/** The middleware chain without a network: routing, auth, limits, versions, errors. */
class DispatcherTest {
    static final AuthContext CALLER = new AuthContext("u", "u", "default", "p", "p", "default", null, null, false,
            Set.of("member"), List.of(), Instant.now().plusSeconds(60), "a", null);

    final RouteTable routes = new RouteTable()
            .addPublic("GET", "/", r -> ApiResponse.ok(Map.of("versions", List.of())))
            .add("GET", "/things/{id}", r -> ApiResponse.ok(Map.of("id", r.param("id"), "v", String.valueOf(r.version()))))
            .add("POST", "/things", r -> ApiResponse.json(201, r.json()))
            .add("GET", "/boom", r -> {
                throw new IllegalStateException("bug");
            });

    final ErrorRenderer errors = (e, id) -> ApiResponse.json(e.status(), Map.of("error", Map.of("message",
            String.valueOf(e.getMessage()), "code", String.valueOf(e.code()))));

    final TokenValidator validator = token -> {
        if (!token.equals("good")) {
            throw ServiceException.unauthorized("bad token");
        }
        return CALLER;
    };

    Dispatcher dispatcher(VersionNegotiation versions) {
        ApiService svc = new ApiService("test", routes, errors, List.of(), "http://keystone/v3", versions);
        return new Dispatcher(svc, validator, new HttpMetrics(), List.of(), false, 0, 100, true, null);
    }

    static Dispatcher.Exchange request(String method, String path, String body, String... headers) {
        Map<String, String> h = new java.util.HashMap<>();
        for (int i = 0; i + 1 < headers.length; i += 2) {
            h.put(headers[i].toLowerCase(), headers[i + 1]);
        }
        byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        String[] pq = path.split("\\?", 2);
        return new Dispatcher.Exchange(method, pq[0], pq.length > 1 ? pq[1] : "",
                name -> Optional.ofNullable(h.get(name.toLowerCase())),
                body == null ? OptionalLong.empty() : OptionalLong.of(bytes.length), new ByteArrayInputStream(bytes),
                "http", "test");
    }

    static String text(ApiResponse r) {
        return r.body() == null ? "" : new String(r.body(), StandardCharsets.UTF_8);
    }

    @Test
    void everyResponseCarriesARequestId() {
        Dispatcher d = dispatcher(null);
        for (ApiResponse r : List.of(d.dispatch(request("GET", "/", null)), d.dispatch(request("GET", "/nope", null)),
                d.dispatch(request("GET", "/things/1", null)), d.dispatch(request("GET", "/boom", null, "X-Auth-Token", "good")))) {
            assertThat(r.headers().get("x-openstack-request-id")).matches("req-[0-9a-f-]{36}");
        }
    }

    @Test
    void aServiceMaySendTheRequestIdUnderASecondName() {
        ApiService svc = new ApiService("test", routes, errors, List.of(), "http://keystone/v3", null)
                .withRequestIdAlias("x-compute-request-id");
        Dispatcher d = new Dispatcher(svc, validator, new HttpMetrics(), List.of(), false, 0, 100, true, null);
        for (ApiResponse r : List.of(d.dispatch(request("GET", "/", null)), d.dispatch(request("GET", "/nope", null)),
                d.dispatch(request("GET", "/things/1", null, "X-Auth-Token", "good")))) {
            assertThat(r.headers().get("x-compute-request-id")).isEqualTo(r.headers().get("x-openstack-request-id"))
                    .matches("req-[0-9a-f-]{36}");
        }
        assertThat(d.malformedRequest("GET", "/", null).headers().get("x-compute-request-id")).startsWith("req-");
        assertThat(dispatcher(null).dispatch(request("GET", "/", null)).headers()).doesNotContainKey(
                "x-compute-request-id");
    }

    @Test
    void authFailuresAre401WithAuthenticateHeader() {
        Dispatcher d = dispatcher(null);
        ApiResponse r = d.dispatch(request("GET", "/things/1", null));
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.headers().get("WWW-Authenticate")).isEqualTo("Keystone uri=\"http://keystone/v3\"");
        assertThat(d.dispatch(request("GET", "/things/1", null, "X-Auth-Token", "bad")).status()).isEqualTo(401);
        assertThat(d.dispatch(request("GET", "/things/1", null, "X-Auth-Token", "good")).status()).isEqualTo(200);
    }

    @Test
    void unexpectedExceptionsBecomeRendered500s() {
        ApiResponse r = dispatcher(null).dispatch(request("GET", "/boom", null, "X-Auth-Token", "good"));
        assertThat(r.status()).isEqualTo(500);
        assertThat(text(r)).contains("unexpected error").doesNotContain("bug");
    }

    @Test
    void bodyLimitsApplyByHeaderAndByActualSize() {
        Dispatcher d = dispatcher(null);
        assertThat(d.dispatch(request("POST", "/things", "{\"a\": \"" + "x".repeat(200) + "\"}", "X-Auth-Token", "good"))
                .status()).isEqualTo(413);
        Dispatcher.Exchange lying = new Dispatcher.Exchange("POST", "/things", "", n -> n.equalsIgnoreCase("X-Auth-Token")
                ? Optional.of("good") : Optional.empty(), OptionalLong.empty(),
                new ByteArrayInputStream(("{\"a\": \"" + "x".repeat(200) + "\"}").getBytes()), "http", "t");
        assertThat(d.dispatch(lying).status()).isEqualTo(413);
        assertThat(d.dispatch(request("POST", "/things", "{\"a\": 1}", "X-Auth-Token", "good")).status()).isEqualTo(201);
        assertThat(d.dispatch(request("POST", "/things", "{\"a\": ", "X-Auth-Token", "good")).status()).isEqualTo(400);
    }

    @Test
    void wrongMethodIs405WithAllow() {
        ApiResponse r = dispatcher(null).dispatch(request("DELETE", "/things", null, "X-Auth-Token", "good"));
        assertThat(r.status()).isEqualTo(405);
        assertThat(r.headers().get("Allow")).isEqualTo("POST");
    }

    @Test
    void microversionsAreNegotiatedAndEchoed() throws Exception {
        Dispatcher d = dispatcher(new VersionNegotiation("placement", Microversion.of("1.0"), Microversion.of("1.39"),
                null));
        ApiResponse r = d.dispatch(request("GET", "/things/1", null, "X-Auth-Token", "good"));
        assertThat(Json.MAPPER.readTree(r.body()).get("v").asText()).isEqualTo("1.0");
        assertThat(r.headers()).containsEntry("OpenStack-API-Version", "placement 1.0")
                .containsEntry("Vary", "openstack-api-version");
        r = d.dispatch(request("GET", "/things/1", null, "X-Auth-Token", "good", "OpenStack-API-Version", "placement latest"));
        assertThat(r.headers()).containsEntry("OpenStack-API-Version", "placement 1.39");
        r = d.dispatch(request("GET", "/things/1", null, "X-Auth-Token", "good", "OpenStack-API-Version",
                "compute 2.1, placement 1.10"));
        assertThat(r.headers()).containsEntry("OpenStack-API-Version", "placement 1.10");
        assertThat(d.dispatch(request("GET", "/things/1", null, "X-Auth-Token", "good", "OpenStack-API-Version",
                "placement 1.40")).status()).isEqualTo(406);
        r = d.dispatch(request("GET", "/things/1", null, "X-Auth-Token", "good", "OpenStack-API-Version", "placement 1.a"));
        assertThat(r.status()).isEqualTo(400);
        assertThat(text(r)).contains("placement.microversion.invalid");
    }

    @Test
    void legacyHeaderIsReadAndEchoed() {
        Dispatcher d = dispatcher(new VersionNegotiation("compute", Microversion.of("2.1"), Microversion.of("2.90"),
                "X-OpenStack-Nova-API-Version"));
        ApiResponse r = d.dispatch(request("GET", "/things/1", null, "X-Auth-Token", "good",
                "X-OpenStack-Nova-API-Version", "2.60"));
        assertThat(r.headers()).containsEntry("OpenStack-API-Version", "compute 2.60")
                .containsEntry("X-OpenStack-Nova-API-Version", "2.60");
    }

    @Test
    void queryStringsAreDecoded() {
        assertThat(Dispatcher.parseQuery("a=1&a=2&b=x%20y&c")).containsEntry("a", List.of("1", "2"))
                .containsEntry("b", List.of("x y")).containsEntry("c", List.of(""));
    }

    @Test
    void preflightFromAnOriginNotAllowedIsRoutedNormally() {
        ApiResponse r = dispatcher(null).dispatch(request("OPTIONS", "/things", null, "Origin", "https://x.example",
                "Access-Control-Request-Method", "POST"));
        assertThat(r.status()).isEqualTo(405);
        assertThat(r.headers()).doesNotContainKey("Access-Control-Allow-Origin");
    }
}
