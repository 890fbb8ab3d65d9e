package org.apiary.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Persona × endpoint → status, as Keystone's protection suite does it. Personas: admin, a member
 * of the owning project "alpha", a reader of it, a member of project "beta", and no token.
 * Expectations follow Neutron's secure-RBAC defaults: what a caller may not see reads 404, what it
 * sees but may not change 403; shared networks (and their subnets) are visible to everyone.
 */
class ProtectionMatrixTest extends NetworkTestBase {
    static final String[] PERSONAS = {"admin", "member", "reader", "other", "none"};

    private static String token(String persona) {
        return switch (persona) {
            case "admin" -> admin;
            case "member" -> member.token();
            case "reader" -> reader.token();
            case "other" -> other.token();
            default -> null;
        };
    }

    /** One endpoint: a request made with a persona's token (fresh resources where it destroys). */
    private record Row(String name, Function<String, NetworkCloud.Response> call, int... expected) {}

    private static String privateNet;
    private static String privateSubnet;
    private static String sharedNet;
    private static String sharedSubnet;
    private static String privatePort;
    private static String group;
    private static String rule;
    private static String agent;

    private static String json(String resource, String body) {
        return "{\"" + resource + "\": " + body + "}";
    }

    private static String netWithSubnet(String cidr) {
        String n = network(member.token(), "pm");
        subnet(member.token(), n, cidr);
        return n;
    }

    private static int cidr = 0;

    private static synchronized String nextCidr() {
        cidr++;
        return "10.100." + cidr + ".0/24";
    }

    @Test
    void everyPersonaGetsTheExpectedStatusOnEveryEndpoint() {
        cloud.agentRpc().reportState(new org.apiary.network.rpc.AgentReport("pm-host", "DHCP agent",
                "apiary-dhcp-agent", "dhcp_agent", "nova", java.util.Map.of(), true));
        agent = expect(cloud.call("GET", "/v2.0/agents?host=pm-host", admin, null), 200).json().path("agents").get(0)
                .path("id").asText();
        privateNet = network(member.token(), "pm-private");
        privateSubnet = subnet(member.token(), privateNet, "10.99.0.0/24");
        privatePort = port(member.token(), privateNet).path("id").asText();
        sharedNet = post(admin, "networks", "network", "{\"name\": \"pm-shared\", \"shared\": true}").path("id")
                .asText();
        sharedSubnet = subnet(admin, sharedNet, "10.98.0.0/24");
        group = post(member.token(), "security-groups", "security_group", "{\"name\": \"pm\"}").path("id").asText();
        rule = expect(cloud.call("POST", "/v2.0/security-group-rules", member.token(), json("security_group_rule",
                "{\"security_group_id\": \"" + group + "\", \"direction\": \"ingress\", \"protocol\": \"tcp\"}")), 201)
                .json().path("security_group_rule").path("id").asText();

        List<Row> rows = List.of(
                //                                                                   admin member reader other none
                new Row("GET /", t -> cloud.call("GET", "/", t, null), 200, 200, 200, 200, 200),
                new Row("GET /v2.0/extensions", t -> cloud.call("GET", "/v2.0/extensions", t, null),
                        200, 200, 200, 200, 401),
                new Row("GET networks", t -> cloud.call("GET", "/v2.0/networks", t, null), 200, 200, 200, 200, 401),
                new Row("POST networks", t -> cloud.call("POST", "/v2.0/networks", t, json("network", "{}")),
                        201, 201, 403, 201, 401),
                new Row("POST networks shared", t -> cloud.call("POST", "/v2.0/networks", t,
                        json("network", "{\"shared\": true}")), 201, 403, 403, 403, 401),
                new Row("GET private network", t -> cloud.call("GET", "/v2.0/networks/" + privateNet, t, null),
                        200, 200, 200, 404, 401),
                new Row("GET shared network", t -> cloud.call("GET", "/v2.0/networks/" + sharedNet, t, null),
                        200, 200, 200, 200, 401),
                new Row("PUT private network", t -> cloud.call("PUT", "/v2.0/networks/" + privateNet, t,
                        json("network", "{\"description\": \"x\"}")), 200, 200, 403, 404, 401),
                new Row("PUT shared network", t -> cloud.call("PUT", "/v2.0/networks/" + sharedNet, t,
                        json("network", "{\"description\": \"x\"}")), 200, 403, 403, 403, 401),
                new Row("DELETE network", t -> cloud.call("DELETE", "/v2.0/networks/" + network(member.token(),
                        "d"), t, null), 204, 204, 403, 404, 401),
                new Row("GET private subnet", t -> cloud.call("GET", "/v2.0/subnets/" + privateSubnet, t, null),
                        200, 200, 200, 404, 401),
                new Row("GET shared subnet", t -> cloud.call("GET", "/v2.0/subnets/" + sharedSubnet, t, null),
                        200, 200, 200, 200, 401),
                new Row("POST subnet on private network", t -> cloud.call("POST", "/v2.0/subnets", t,
                        json("subnet", "{\"network_id\": \"" + network(member.token(), "s") + "\", \"ip_version\": 4, "
                                + "\"cidr\": \"10.97.0.0/24\"}")), 201, 201, 403, 404, 401),
                new Row("PUT private subnet", t -> cloud.call("PUT", "/v2.0/subnets/" + privateSubnet, t,
                        json("subnet", "{\"name\": \"x\"}")), 200, 200, 403, 404, 401),
                new Row("DELETE subnet", t -> cloud.call("DELETE", "/v2.0/subnets/" + subnet(member.token(),
                        network(member.token(), "ds"), nextCidr()), t, null), 204, 204, 403, 404, 401),
                new Row("GET port", t -> cloud.call("GET", "/v2.0/ports/" + privatePort, t, null),
                        200, 200, 200, 404, 401),
                new Row("POST port on private network", t -> cloud.call("POST", "/v2.0/ports", t,
                        json("port", "{\"network_id\": \"" + privateNet + "\"}")), 201, 201, 403, 404, 401),
                new Row("POST port on shared network", t -> cloud.call("POST", "/v2.0/ports", t,
                        json("port", "{\"network_id\": \"" + sharedNet + "\"}")), 201, 201, 403, 201, 401),
                new Row("PUT port", t -> cloud.call("PUT", "/v2.0/ports/" + privatePort, t,
                        json("port", "{\"name\": \"x\"}")), 200, 200, 403, 404, 401),
                new Row("DELETE port", t -> cloud.call("DELETE", "/v2.0/ports/" + port(member.token(),
                        netWithSubnet(nextCidr())).path("id").asText(), t, null), 204, 204, 403, 404, 401),
                new Row("GET security-groups", t -> cloud.call("GET", "/v2.0/security-groups", t, null),
                        200, 200, 200, 200, 401),
                new Row("GET security group", t -> cloud.call("GET", "/v2.0/security-groups/" + group, t, null),
                        200, 200, 200, 404, 401),
                new Row("POST security group", t -> cloud.call("POST", "/v2.0/security-groups", t,
                        json("security_group", "{\"name\": \"n\"}")), 201, 201, 403, 201, 401),
                new Row("PUT security group", t -> cloud.call("PUT", "/v2.0/security-groups/" + group, t,
                        json("security_group", "{\"description\": \"x\"}")), 200, 200, 403, 404, 401),
                new Row("DELETE security group", t -> cloud.call("DELETE", "/v2.0/security-groups/" + post(
                        member.token(), "security-groups", "security_group", "{\"name\": \"d\"}").path("id").asText(),
                        t, null), 204, 204, 403, 404, 401),
                new Row("GET security group rule", t -> cloud.call("GET", "/v2.0/security-group-rules/" + rule, t,
                        null), 200, 200, 200, 404, 401),
                new Row("POST security group rule", t -> cloud.call("POST", "/v2.0/security-group-rules", t,
                        json("security_group_rule", "{\"security_group_id\": \"" + group + "\", \"direction\": "
                                + "\"egress\", \"protocol\": \"udp\", \"port_range_min\": " + (1000 + nextPort())
                                + ", \"port_range_max\": 2000}")), 201, 201, 403, 404, 401),
                new Row("DELETE security group rule", t -> cloud.call("DELETE", "/v2.0/security-group-rules/"
                        + freshRule(), t, null), 204, 204, 403, 404, 401),
                new Row("GET own quota", t -> cloud.call("GET", "/v2.0/quotas/" + member.projectId(), t, null),
                        200, 200, 200, 403, 401),
                new Row("GET quota details", t -> cloud.call("GET", "/v2.0/quotas/" + member.projectId()
                        + "/details", t, null), 200, 200, 200, 403, 401),
                new Row("GET quotas", t -> cloud.call("GET", "/v2.0/quotas", t, null), 200, 403, 403, 403, 401),
                new Row("PUT quota", t -> cloud.call("PUT", "/v2.0/quotas/" + member.projectId(), t,
                        json("quota", "{\"port\": 400}")), 200, 403, 403, 403, 401),
                new Row("DELETE quota", t -> cloud.call("DELETE", "/v2.0/quotas/" + member.projectId(), t, null),
                        204, 403, 403, 403, 401),
                new Row("GET network tags", t -> cloud.call("GET", "/v2.0/networks/" + privateNet + "/tags", t, null),
                        200, 200, 200, 404, 401),
                new Row("PUT network tag", t -> cloud.call("PUT", "/v2.0/networks/" + privateNet + "/tags/t", t,
                        null), 201, 201, 403, 404, 401),
                new Row("PUT shared network tags", t -> cloud.call("PUT", "/v2.0/networks/" + sharedNet + "/tags", t,
                        "{\"tags\": [\"s\"]}"), 200, 403, 403, 403, 401),
                new Row("GET agents (others get an empty list)", t -> cloud.call("GET", "/v2.0/agents", t, null),
                        200, 200, 200, 200, 401),
                new Row("PUT agent", t -> cloud.call("PUT", "/v2.0/agents/" + agent, t,
                        json("agent", "{\"description\": \"x\"}")), 200, 403, 403, 403, 401));

        List<String> mismatches = new ArrayList<>();
        for (Row row : rows) {
            Map<String, Integer> got = new LinkedHashMap<>();
            for (int i = 0; i < PERSONAS.length; i++) {
                NetworkCloud.Response r = row.call().apply(token(PERSONAS[i]));
                got.put(PERSONAS[i], r.status());
                if (r.status() != row.expected()[i]) {
                    mismatches.add(row.name() + " as " + PERSONAS[i] + ": expected " + row.expected()[i] + ", got "
                            + r.status() + " " + r.body());
                }
                if (r.status() >= 400 && r.status() != 401) {
                    assertThat(r.errorType()).as(row.name() + " as " + PERSONAS[i]).isNotEmpty();
                }
            }
        }
        assertThat(mismatches).isEmpty();
    }

    private static int port = 0;

    private static synchronized int nextPort() {
        return ++port;
    }

    private static String freshRule() {
        return expect(cloud.call("POST", "/v2.0/security-group-rules", member.token(), json("security_group_rule",
                "{\"security_group_id\": \"" + group + "\", \"direction\": \"ingress\", \"protocol\": \"udp\", "
                        + "\"port_range_min\": " + (3000 + nextPort()) + ", \"port_range_max\": 4000}")), 201)
                .json().path("security_group_rule").path("id").asText();
    }
}
