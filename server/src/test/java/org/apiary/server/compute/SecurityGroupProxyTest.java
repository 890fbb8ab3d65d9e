package org.apiary.server.compute;

import static org.apiary.server.compute.ComputeHttp.expect;
import static org.apiary.server.compute.ComputeHttp.status;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apiary.host.fake.FakeHypervisor;
import org.apiary.host.spi.HostResources;
import org.apiary.network.domain.Port;
import org.apiary.server.compute.ComputeHttp.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Nova's security-group proxy APIs over HTTP on the real network module: groups and rules made
 * through compute are Neutron's groups and rules, and add/removeSecurityGroup change the security
 * groups of the server's Neutron port.
 */
class SecurityGroupProxyTest {
    static final String V = "2.35";
    static ComputeStack stack;
    static ComputeHttp api;
    static String member;
    static String project;
    static String imageId;
    static String networkId;

    @BeforeAll
    static void start() throws Exception {
        stack = new ComputeStack("identity");
        stack.startAgent(new FakeHypervisor(new HostResources(8, 16384, 200)), null);
        api = new ComputeHttp(stack);
        project = api.memberOf("sgmember", "proj-sg");
        member = api.token("sgmember", "proj-sg");
        stack.smallAndLargeFlavors();
        imageId = stack.image("cirros", project, Map.of(), "raw", new byte[4096]);
        networkId = stack.network(project, "10.7.0.0/24");
    }

    @AfterAll
    static void stop() throws Exception {
        api.close();
        stack.close();
    }

    static Response nova(String method, String path, String body) {
        return api.nova(member, method, path, V, body);
    }

    static JsonNode createGroup(String name) {
        return expect(nova("POST", "/os-security-groups", "{\"security_group\": {\"name\": \"" + name
                + "\", \"description\": \"" + name + " servers\"}}"), 200).json().get("security_group");
    }

    /** The security groups of the server's one Neutron port, by id. */
    static List<String> portGroups(String serverUuid) {
        List<Port> ports = stack.services.network.ports().list().stream()
                .filter(p -> p.deviceId().equals(serverUuid)).toList();
        assertThat(ports).hasSize(1);
        return ports.get(0).securityGroups();
    }

    static List<String> names(JsonNode groups) {
        List<String> out = new ArrayList<>();
        groups.forEach(g -> out.add(g.get("name").asText()));
        return out;
    }

    @Test
    void groupsAndRulesAreNeutrons() {
        JsonNode web = createGroup("web");
        String webId = web.get("id").asText();
        assertThat(web.get("tenant_id").asText()).isEqualTo(project);
        assertThat(web.get("rules")).isEmpty(); // Neutron's egress rules are not shown by Nova
        assertThat(stack.services.network.securityGroups().get(webId).name()).isEqualTo("web");

        JsonNode list = expect(nova("GET", "/os-security-groups", null), 200).json().get("security_groups");
        assertThat(names(list)).contains("default", "web");
        JsonNode dflt = null;
        for (JsonNode g : list) {
            if (g.get("name").asText().equals("default")) {
                dflt = g;
            }
        }
        // Neutron's default ingress rules allow the group itself: Nova shows the source group.
        assertThat(dflt.get("rules").get(0).get("group").get("name").asText()).isEqualTo("default");
        assertThat(dflt.get("rules").get(0).get("ip_range").size()).isZero();

        JsonNode updated = expect(nova("PUT", "/os-security-groups/" + webId, "{\"security_group\": {\"name\": "
                + "\"web2\", \"description\": \"d2\"}}"), 200).json().get("security_group");
        assertThat(updated.get("name").asText()).isEqualTo("web2");
        assertThat(stack.services.network.securityGroups().get(webId).description()).isEqualTo("d2");

        JsonNode rule = expect(nova("POST", "/os-security-group-rules", "{\"security_group_rule\": {"
                + "\"parent_group_id\": \"" + webId + "\", \"ip_protocol\": \"tcp\", \"from_port\": 22, "
                + "\"to_port\": \"22\", \"cidr\": \"10.0.0.0/8\"}}"), 200).json().get("security_group_rule");
        assertThat(rule.get("from_port").asInt()).isEqualTo(22);
        assertThat(rule.get("ip_range").get("cidr").asText()).isEqualTo("10.0.0.0/8");
        String ruleId = rule.get("id").asText();
        var stored = stack.services.network.securityGroups().findRule(ruleId).orElseThrow();
        assertThat(stored.direction()).isEqualTo("ingress");
        assertThat(stored.portRangeMin()).isEqualTo(22);
        assertThat(stored.remoteIpPrefix()).isEqualTo("10.0.0.0/8");

        // An ICMP rule from another group: -1 means any type and code.
        JsonNode icmp = expect(nova("POST", "/os-security-group-rules", "{\"security_group_rule\": {"
                + "\"parent_group_id\": \"" + webId + "\", \"ip_protocol\": \"icmp\", \"group_id\": \""
                + dflt.get("id").asText() + "\"}}"), 200).json().get("security_group_rule");
        assertThat(icmp.get("from_port").asInt()).isEqualTo(-1);
        assertThat(icmp.get("group").get("name").asText()).isEqualTo("default");

        String dup = "{\"security_group_rule\": {\"parent_group_id\": \"" + webId + "\", \"ip_protocol\": \"tcp\", "
                + "\"from_port\": 22, \"to_port\": 22, \"cidr\": \"10.0.0.0/8\"}}";
        assertThat(expect(nova("POST", "/os-security-group-rules", dup), 400).body()).contains("already exists");
        for (String bad : List.of("\"ip_protocol\": \"999x\", \"from_port\": 22, \"to_port\": 22",
                "\"ip_protocol\": \"tcp\", \"from_port\": 0, \"to_port\": 22",
                "\"ip_protocol\": \"tcp\", \"from_port\": 22, \"to_port\": 65536",
                "\"ip_protocol\": \"tcp\", \"from_port\": 30, \"to_port\": 22",
                "\"ip_protocol\": \"tcp\", \"from_port\": \"a\", \"to_port\": 22",
                "\"ip_protocol\": \"tcp\", \"from_port\": 22, \"to_port\": 22, \"cidr\": \"10.0.0.0/33\"",
                "\"ip_protocol\": \"tcp\", \"from_port\": 22, \"to_port\": 22, \"cidr\": \"10.0.0.0/0\"",
                "\"ip_protocol\": \"tcp\"")) {
            expect(nova("POST", "/os-security-group-rules", "{\"security_group_rule\": {\"parent_group_id\": \""
                    + webId + "\", " + bad + "}}"), 400);
        }
        expect(nova("POST", "/os-security-group-rules", "{\"security_group_rule\": {\"parent_group_id\": "
                + "\"3fa85f64-5717-4562-b3fc-2c963f66afa6\", \"ip_protocol\": \"tcp\", \"from_port\": 22, "
                + "\"to_port\": 22}}"), 404);

        expect(nova("DELETE", "/os-security-group-rules/" + ruleId, null), 202);
        assertThat(stack.services.network.securityGroups().findRule(ruleId)).isEmpty();
        expect(nova("DELETE", "/os-security-group-rules/" + ruleId, null), 404);

        // Another project neither sees nor deletes the group; the default group is not deletable.
        api.memberOf("sgother", "proj-sg-other");
        String other = api.token("sgother", "proj-sg-other");
        expect(api.nova(other, "GET", "/os-security-groups/" + webId, V, null), 404);
        assertThat(names(expect(api.nova(other, "GET", "/os-security-groups?all_tenants=1", V, null), 200).json()
                .get("security_groups"))).containsExactly("default");
        assertThat(expect(api.nova(api.admin, "GET", "/os-security-groups?all_tenants=1", V, null), 200).json()
                .get("security_groups").size()).isGreaterThanOrEqualTo(4);
        expect(nova("DELETE", "/os-security-groups/" + dflt.get("id").asText(), null), 400);

        expect(nova("DELETE", "/os-security-groups/" + webId, null), 202);
        expect(nova("GET", "/os-security-groups/" + webId, null), 404);
        assertThat(stack.services.network.securityGroups().find(webId)).isEmpty();
    }

    @Test
    void addAndRemoveChangeThePortsGroups() throws Exception {
        String uuid = expect(api.nova(member, "POST", "/servers", null, "{\"server\": {\"name\": \"sgvm\", "
                + "\"imageRef\": \"" + imageId + "\", \"flavorRef\": \"1\", \"networks\": [{\"uuid\": \""
                + networkId + "\"}]}}"), 202).json().get("server").get("id").asText();
        api.waitFor(member, uuid, status("ACTIVE"), "server becomes ACTIVE");
        String defaultId = stack.services.network.securityGroups().ensureDefault(project);
        assertThat(portGroups(uuid)).containsExactly(defaultId);
        assertThat(names(expect(nova("GET", "/servers/" + uuid + "/os-security-groups", null), 200).json()
                .get("security_groups"))).containsExactly("default");

        String dbId = createGroup("db").get("id").asText();
        String action = "/servers/" + uuid + "/action";
        // The actions exist at every microversion (latest here).
        expect(api.nova(member, "POST", action, null, "{\"addSecurityGroup\": {\"name\": \"db\"}}"), 202);
        assertThat(portGroups(uuid)).containsExactlyInAnyOrder(defaultId, dbId);
        assertThat(names(expect(api.nova(member, "GET", "/servers/" + uuid + "/os-security-groups", null, null),
                200).json().get("security_groups"))).containsExactly("db", "default");
        // In use: Neutron's 409, which Nova answers with a 400.
        expect(nova("DELETE", "/os-security-groups/" + dbId, null), 400);

        expect(api.nova(member, "POST", action, null, "{\"addSecurityGroup\": {\"name\": \"nope\"}}"), 404);
        // Another project's group is not found by id either.
        String adminsDefault = stack.services.network.securityGroups().ensureDefault(api.projectId("admin"));
        expect(api.nova(member, "POST", action, null, "{\"addSecurityGroup\": {\"name\": \"" + adminsDefault
                + "\"}}"), 404);
        expect(api.nova(member, "POST", action, null, "{\"removeSecurityGroup\": {\"name\": \"" + defaultId
                + "\"}}"), 202);
        assertThat(portGroups(uuid)).containsExactly(dbId);
        expect(api.nova(member, "POST", action, null, "{\"removeSecurityGroup\": {\"name\": \"default\"}}"), 404);
        expect(api.nova(member, "POST", action, null, "{\"removeSecurityGroup\": {\"name\": \"db\"}}"), 202);
        assertThat(portGroups(uuid)).isEmpty();
        assertThat(expect(nova("GET", "/servers/" + uuid + "/os-security-groups", null), 200).json()
                .get("security_groups")).isEmpty();
        expect(nova("DELETE", "/os-security-groups/" + dbId, null), 202);
    }
}
