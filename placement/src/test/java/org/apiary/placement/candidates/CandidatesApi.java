package org.apiary.placement.candidates;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import org.apiary.common.context.AuthContext;
import org.apiary.common.json.Json;
import org.apiary.common.microversion.Microversion;
import org.apiary.common.microversion.VersionNegotiation;
import org.apiary.common.policy.PolicyEngine;
import org.apiary.http.ApiResponse;
import org.apiary.http.ApiService;
import org.apiary.http.Dispatcher;
import org.apiary.http.HttpMetrics;
import org.apiary.http.RouteTable;
import org.apiary.placement.api.AllocationCandidatesResource;
import org.apiary.placement.api.Authz;
import org.apiary.placement.api.PlacementErrors;
import org.apiary.placement.api.PlacementPolicies;
import org.apiary.placement.api.Routes;
import org.apiary.placement.domain.candidates.CandidateOptions;

/**
 * GET /allocation_candidates through the real HTTP chain (dispatcher, microversion negotiation,
 * policy, the resource) without a socket, with gabbi-style helpers to read the answer.
 */
final class CandidatesApi {
    /** What a gabbi test sees of a response. */
    record Response(int status, JsonNode body, Map<String, String> headers) {

        int requestCount() {
            return body.get("allocation_requests").size();
        }

        int summaryCount() {
            return body.get("provider_summaries").size();
        }

        /** $.allocation_requests..allocations[uuid].resources[rc], over every request (1.12+ form). */
        List<Long> amounts(String uuid, String rc) {
            List<Long> out = new ArrayList<>();
            for (JsonNode ar : body.get("allocation_requests")) {
                JsonNode r = ar.get("allocations").path(uuid).path("resources").get(rc);
                if (r != null) {
                    out.add(r.asLong());
                }
            }
            return out;
        }

        /** The resources every request takes from a provider (1.12+ form). */
        List<Map<String, Long>> resourcesOf(String uuid) {
            List<Map<String, Long>> out = new ArrayList<>();
            for (JsonNode ar : body.get("allocation_requests")) {
                JsonNode r = ar.get("allocations").path(uuid).get("resources");
                if (r != null) {
                    Map<String, Long> m = new TreeMap<>();
                    r.fields().forEachRemaining(e -> m.put(e.getKey(), e.getValue().asLong()));
                    out.add(m);
                }
            }
            return out;
        }

        JsonNode summary(String uuid) {
            return body.get("provider_summaries").get(uuid);
        }

        String errorDetail() {
            return body.get("errors").get(0).get("detail").asText();
        }

        String errorCode() {
            return body.get("errors").get(0).get("code").asText();
        }
    }

    private final Dispatcher dispatcher;

    CandidatesApi(FakeProviders providers) {
        this(providers, CandidateOptions.DEFAULTS);
    }

    CandidatesApi(FakeProviders providers, CandidateOptions options) {
        RouteTable table = new RouteTable();
        PlacementErrors errors = new PlacementErrors(Microversion.of("1.0"), Microversion.of("1.39"));
        Routes routes = new Routes(table, errors);
        new AllocationCandidatesResource(providers, new Authz(new PolicyEngine(PlacementPolicies.DEFAULTS)), options)
                .register(routes);
        routes.install();
        ApiService service = new ApiService("placement", table, errors, List.of(), null,
                new VersionNegotiation("placement", Microversion.of("1.0"), Microversion.of("1.39"), null));
        dispatcher = new Dispatcher(service, CandidatesApi::validate, new HttpMetrics(), List.of(), false, 0,
                1 << 20, false, null);
    }

    /** "admin" is an admin; anything else a plain project member. */
    private static AuthContext validate(String token) {
        Set<String> roles = token.equals("admin") ? Set.of("admin", "member", "reader") : Set.of("member", "reader");
        return new AuthContext("u-" + token, token, "default", "p-" + token, "project", "default", null, null,
                false, roles, List.of(), Instant.now().plusSeconds(3600), "audit", null);
    }

    Response get(String pathAndQuery, String version) {
        return get(pathAndQuery, version, "admin", Map.of());
    }

    Response get(String pathAndQuery, String version, String token, Map<String, String> extraHeaders) {
        int q = pathAndQuery.indexOf('?');
        String path = q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
        String query = q < 0 ? "" : pathAndQuery.substring(q + 1);
        Map<String, String> headers = new HashMap<>();
        headers.put("x-auth-token", token);
        headers.put("openstack-api-version", "placement " + version);
        headers.put("accept", "application/json");
        extraHeaders.forEach((k, v) -> headers.put(k.toLowerCase(), v));
        Dispatcher.Exchange ex = new Dispatcher.Exchange("GET", path, query,
                name -> Optional.ofNullable(headers.get(name.toLowerCase())), OptionalLong.empty(),
                new ByteArrayInputStream(new byte[0]), "http", "127.0.0.1");
        ApiResponse res = dispatcher.dispatch(ex);
        try {
            JsonNode body = res.body() == null || res.body().length == 0 ? null : Json.MAPPER.readTree(res.body());
            Map<String, String> lower = new HashMap<>();
            res.headers().forEach((k, v) -> lower.put(k.toLowerCase(), v));
            return new Response(res.status(), body, lower);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
