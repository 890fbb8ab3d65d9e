package org.apiary.network;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Neutron's list semantics: filters, fields, sorting, limit/marker pagination with links. */
class ListingTest extends NetworkTestBase {
    static NetworkCloud.Persona lister;
    static List<String> ids = new ArrayList<>();

    @BeforeAll
    static void fiveNetworks() {
        lister = cloud.persona("lisa", "listing", "member");
        for (String name : new String[] {"echo", "alpha", "delta", "bravo", "charlie"}) {
            ids.add(network(lister.token(), name));
        }
        expect(cloud.call("PUT", "/v2.0/networks/" + ids.get(0), lister.token(),
                "{\"network\": {\"admin_state_up\": false}}"), 200);
    }

    private static JsonNode list(String query) {
        return expect(cloud.call("GET", "/v2.0/networks?" + query, lister.token(), null), 200).json();
    }

    private static List<String> names(JsonNode body) {
        return body.path("networks").findValuesAsText("name");
    }

    @Test
    void filtersMatchAttributesAndRepeatedValuesMatchAny() {
        assertThat(names(list("name=delta"))).containsExactly("delta");
        assertThat(names(list("name=delta&name=bravo&sort_key=name"))).containsExactly("bravo", "delta");
        assertThat(names(list("admin_state_up=false"))).containsExactly("echo");
        assertThat(names(list("admin_state_up=False"))).containsExactly("echo");
        assertThat(names(list("id=" + ids.get(2)))).containsExactly("delta");
        assertThat(names(list("name=nothing"))).isEmpty();
        expect(cloud.call("GET", "/v2.0/subnets?network_id=" + ids.get(0), lister.token(), null), 200);
        expect(cloud.call("GET", "/v2.0/security-group-rules?direction=egress&protocol=tcp", lister.token(), null), 200);
    }

    @Test
    void fieldsSelectAttributes() {
        JsonNode n = list("fields=id&fields=name&name=alpha").path("networks").get(0);
        assertThat(n.size()).isEqualTo(2);
        assertThat(n.has("id")).isTrue();
        assertThat(n.has("name")).isTrue();
        JsonNode one = expect(cloud.call("GET", "/v2.0/networks/" + ids.get(1) + "?fields=status", lister.token(),
                null), 200).json().path("network");
        assertThat(one.size()).isEqualTo(1);
        assertThat(one.path("status").asText()).isEqualTo("ACTIVE");
    }

    @Test
    void sortingByOneOrMoreKeys() {
        assertThat(names(list("sort_key=name&sort_dir=asc"))).containsExactly("alpha", "bravo", "charlie", "delta",
                "echo");
        assertThat(names(list("sort_key=name&sort_dir=desc"))).containsExactly("echo", "delta", "charlie", "bravo",
                "alpha");
        assertThat(names(list("sort_key=admin_state_up&sort_dir=asc&sort_key=name&sort_dir=desc")))
                .containsExactly("echo", "delta", "charlie", "bravo", "alpha");
        expectError(cloud.call("GET", "/v2.0/networks?sort_key=name&sort_dir=sideways", lister.token(), null), 400,
                "HTTPBadRequest");
    }

    @Test
    void paginationWithMarkersAndNextLinks() {
        JsonNode first = list("sort_key=name&sort_dir=asc&limit=2");
        assertThat(names(first)).containsExactly("alpha", "bravo");
        String next = null;
        for (JsonNode l : first.path("networks_links")) {
            if (l.path("rel").asText().equals("next")) {
                next = l.path("href").asText();
            }
        }
        assertThat(next).contains("marker=").contains("limit=2");
        String query = next.substring(next.indexOf('?') + 1);
        JsonNode second = list(query);
        assertThat(names(second)).containsExactly("charlie", "delta");
        assertThat(second.path("networks_links").findValuesAsText("rel")).contains("previous", "next");
        String marker = second.path("networks").get(1).path("id").asText();
        assertThat(names(list("sort_key=name&sort_dir=asc&limit=2&marker=" + marker))).containsExactly("echo");
        assertThat(names(list("sort_key=name&sort_dir=asc&limit=2&page_reverse=True&marker=" + marker)))
                .containsExactly("bravo", "charlie");
        expectError(cloud.call("GET", "/v2.0/networks?limit=2&marker=00000000-0000-0000-0000-000000000000",
                lister.token(), null), 404, "NotFound");
        expectError(cloud.call("GET", "/v2.0/networks?limit=two", lister.token(), null), 400, "BadRequest");
    }

    @Test
    void portFilterOnFixedIps() {
        String net = ids.get(1);
        String sub = subnet(lister.token(), net, "10.50.0.0/24");
        JsonNode p = post(lister.token(), "ports", "port", "{\"network_id\": \"" + net + "\", \"fixed_ips\": "
                + "[{\"ip_address\": \"10.50.0.33\"}]}");
        post(lister.token(), "ports", "port", "{\"network_id\": \"" + net + "\"}");
        JsonNode byIp = expect(cloud.call("GET", "/v2.0/ports?fixed_ips=ip_address%3D10.50.0.33", lister.token(),
                null), 200).json().path("ports");
        assertThat(byIp.findValuesAsText("id")).containsExactly(p.path("id").asText());
        JsonNode bySub = expect(cloud.call("GET", "/v2.0/ports?network_id=" + net + "&fixed_ips=subnet_id%3D" + sub,
                lister.token(), null), 200).json().path("ports");
        assertThat(bySub).hasSize(2);
        JsonNode substr = expect(cloud.call("GET", "/v2.0/ports?ip_address_substr=50.0.33", lister.token(), null),
                200).json().path("ports");
        assertThat(substr.findValuesAsText("id")).containsExactly(p.path("id").asText());
        JsonNode nested = expect(cloud.call("GET", "/v2.0/ports?fixed_ips=ip_address_substr%3D0.0.33",
                lister.token(), null), 200).json().path("ports");
        assertThat(nested.findValuesAsText("id")).containsExactly(p.path("id").asText());
        expectError(cloud.call("GET", "/v2.0/ports?fixed_ips=mac%3Dx", lister.token(), null), 400, "InvalidInput");
    }
}
