package org.apiary.network;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.apiary.network.NetworkCloud.Persona;
import org.apiary.network.NetworkCloud.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * One cloud per test class with an admin, a member and a reader of project "alpha" and a member
 * of project "beta"; tests make their own resources and never depend on each other's.
 */
abstract class NetworkTestBase {
    static NetworkCloud cloud;
    static String admin;
    static Persona member;
    static Persona reader;
    static Persona other;

    @BeforeAll
    static void startCloud() throws Exception {
        cloud = new NetworkCloud();
        admin = cloud.adminToken();
        member = cloud.persona("alice", "alpha", "member");
        reader = cloud.persona("rita", "alpha", "reader");
        other = cloud.persona("bob", "beta", "member");
    }

    @AfterAll
    static void stopCloud() {
        cloud.close();
    }

    static Response expect(Response r, int status) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        return r;
    }

    /** A 4xx with Neutron's error body of the given type. */
    static Response expectError(Response r, int status, String type) {
        expect(r, status);
        assertThat(r.json().path("NeutronError").path("type").asText()).as(r.body()).isEqualTo(type);
        assertThat(r.json().path("NeutronError").path("message").asText()).as(r.body()).isNotEmpty();
        return r;
    }

    static JsonNode post(String token, String collection, String resource, String body) {
        return expect(cloud.call("POST", "/v2.0/" + collection, token, "{\"" + resource + "\": " + body + "}"), 201)
                .json().path(resource);
    }

    static String network(String token, String name) {
        return post(token, "networks", "network", "{\"name\": \"" + name + "\"}").path("id").asText();
    }

    static String subnet(String token, String networkId, String cidr) {
        return post(token, "subnets", "subnet", "{\"network_id\": \"" + networkId + "\", \"ip_version\": "
                + (cidr.contains(":") ? 6 : 4) + ", \"cidr\": \"" + cidr + "\"}").path("id").asText();
    }

    static JsonNode port(String token, String networkId) {
        return post(token, "ports", "port", "{\"network_id\": \"" + networkId + "\"}");
    }
}
