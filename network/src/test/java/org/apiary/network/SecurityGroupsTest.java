package org.apiary.network;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** /v2.0/security-groups and /v2.0/security-group-rules (stored and served; not enforced on hosts). */
class SecurityGroupsTest extends NetworkTestBase {

    private static JsonNode group(NetworkCloud.Persona p, String name) {
        return post(p.token(), "security-groups", "security_group", "{\"name\": \"" + name + "\"}");
    }

    private static NetworkCloud.Response rule(String token, String body) {
        return cloud.call("POST", "/v2.0/security-group-rules", token, "{\"security_group_rule\": " + body + "}");
    }

    @Test
    void listingCreatesTheProjectsDefaultGroupWithNeutronsFourRules() {
        NetworkCloud.Persona fresh = cloud.persona("dora", "delta", "member");
        JsonNode groups = expect(cloud.call("GET", "/v2.0/security-groups", fresh.token(), null), 200).json()
                .path("security_groups");
        assertThat(groups).hasSize(1);
        JsonNode d = groups.get(0);
        assertThat(d.path("name").asText()).isEqualTo("default");
        assertThat(d.path("project_id").asText()).isEqualTo(fresh.projectId());
        JsonNode rules = d.path("security_group_rules");
        assertThat(rules).hasSize(4);
        int ingressFromGroup = 0;
        for (JsonNode r : rules) {
            assertThat(r.path("belongs_to_default_sg").asBoolean()).isTrue();
            if (r.path("direction").asText().equals("ingress")) {
                assertThat(r.path("remote_group_id").asText()).isEqualTo(d.path("id").asText());
                ingressFromGroup++;
            }
        }
        assertThat(ingressFromGroup).isEqualTo(2);
        // listing again does not make a second one
        assertThat(expect(cloud.call("GET", "/v2.0/security-groups", fresh.token(), null), 200).json()
                .path("security_groups")).hasSize(1);
    }

    @Test
    void createUpdateDeleteAGroup() {
        JsonNode g = group(member, "web");
        assertThat(g.path("stateful").asBoolean()).isTrue();
        assertThat(g.path("security_group_rules")).hasSize(2); // egress IPv4 and IPv6
        String id = g.path("id").asText();
        JsonNode u = expect(cloud.call("PUT", "/v2.0/security-groups/" + id, member.token(),
                "{\"security_group\": {\"name\": \"www\", \"description\": \"front\"}}"), 200).json()
                .path("security_group");
        assertThat(u.path("name").asText()).isEqualTo("www");
        assertThat(u.path("revision_number").asLong()).isEqualTo(2);
        expectError(cloud.call("GET", "/v2.0/security-groups/" + id, other.token(), null), 404,
                "SecurityGroupNotFound");
        expectError(cloud.call("PUT", "/v2.0/security-groups/" + id, reader.token(),
                "{\"security_group\": {\"name\": \"r\"}}"), 403, "PolicyNotAuthorized");
        expect(cloud.call("DELETE", "/v2.0/security-groups/" + id, member.token(), null), 204);
        expectError(cloud.call("GET", "/v2.0/security-groups/" + id, member.token(), null), 404,
                "SecurityGroupNotFound");
    }

    @Test
    void theDefaultGroupIsProtected() {
        String id = expect(cloud.call("GET", "/v2.0/security-groups?name=default", member.token(), null), 200)
                .json().path("security_groups").get(0).path("id").asText();
        expectError(cloud.call("PUT", "/v2.0/security-groups/" + id, member.token(),
                "{\"security_group\": {\"name\": \"other\"}}"), 409, "SecurityGroupCannotUpdateDefault");
        expectError(cloud.call("DELETE", "/v2.0/security-groups/" + id, member.token(), null), 409,
                "SecurityGroupCannotRemoveDefault");
        expectError(cloud.call("POST", "/v2.0/security-groups", member.token(),
                "{\"security_group\": {\"name\": \"default\"}}"), 409, "SecurityGroupDefaultAlreadyExists");
    }

    @Test
    void rulesAreCreatedNormalizedAndBumpTheGroupRevision() {
        JsonNode g = group(member, "ssh");
        String gid = g.path("id").asText();
        JsonNode r = expect(rule(member.token(), "{\"security_group_id\": \"" + gid + "\", \"direction\": "
                + "\"ingress\", \"protocol\": \"tcp\", \"port_range_min\": 22, \"port_range_max\": 22, "
                + "\"remote_ip_prefix\": \"10.0.0.7/8\"}"), 201).json().path("security_group_rule");
        assertThat(r.path("ethertype").asText()).isEqualTo("IPv4");
        assertThat(r.path("remote_ip_prefix").asText()).isEqualTo("10.0.0.0/8");
        assertThat(r.path("project_id").asText()).isEqualTo(member.projectId());
        JsonNode after = expect(cloud.call("GET", "/v2.0/security-groups/" + gid, member.token(), null), 200).json()
                .path("security_group");
        assertThat(after.path("revision_number").asLong()).isEqualTo(g.path("revision_number").asLong() + 1);
        assertThat(after.path("security_group_rules")).hasSize(3);
        expectError(rule(member.token(), "{\"security_group_id\": \"" + gid + "\", \"direction\": \"ingress\", "
                + "\"protocol\": \"6\", \"port_range_min\": 22, \"port_range_max\": 22, \"remote_ip_prefix\": "
                + "\"10.0.0.0/8\"}"), 409, "SecurityGroupRuleExists");
        String rid = r.path("id").asText();
        JsonNode listed = expect(cloud.call("GET", "/v2.0/security-group-rules?security_group_id=" + gid
                + "&direction=ingress", member.token(), null), 200).json().path("security_group_rules");
        assertThat(listed.findValuesAsText("id")).containsExactly(rid);
        expectError(cloud.call("GET", "/v2.0/security-group-rules/" + rid, other.token(), null), 404,
                "SecurityGroupRuleNotFound");
        expect(cloud.call("DELETE", "/v2.0/security-group-rules/" + rid, member.token(), null), 204);
        expectError(cloud.call("DELETE", "/v2.0/security-group-rules/" + rid, member.token(), null), 404,
                "SecurityGroupRuleNotFound");
    }

    @Test
    void invalidRulesAre400WithNeutronsTypes() {
        String gid = group(member, "bad-rules").path("id").asText();
        String base = "{\"security_group_id\": \"" + gid + "\", \"direction\": \"ingress\", ";
        Object[][] cases = {
            {"\"protocol\": \"tcp\", \"port_range_min\": 90, \"port_range_max\": 80}", "SecurityGroupInvalidPortRange"},
            {"\"protocol\": \"tcp\", \"port_range_min\": 0, \"port_range_max\": 80}", "SecurityGroupInvalidPortValue"},
            {"\"port_range_min\": 22, \"port_range_max\": 22}", "SecurityGroupProtocolRequiredWithPorts"},
            {"\"protocol\": \"teleport\"}", "SecurityGroupRuleInvalidProtocol"},
            {"\"protocol\": \"icmp\", \"port_range_min\": 300}", "SecurityGroupInvalidIcmpValue"},
            {"\"ethertype\": \"IPv6\", \"remote_ip_prefix\": \"10.0.0.0/8\"}", "SecurityGroupRuleParameterConflict"},
            {"\"remote_ip_prefix\": \"10.0.0.0/8\", \"remote_group_id\": \"" + gid + "\"}",
                    "SecurityGroupRemoteGroupAndRemoteIpPrefix"},
            {"\"ethertype\": \"IPv5\"}", "InvalidInput"},
            {"\"remote_ip_prefix\": \"nowhere\"}", "InvalidInput"},
            {"\"port_range_min\": \"x\", \"protocol\": \"tcp\"}", "InvalidInput"},
        };
        for (Object[] c : cases) {
            NetworkCloud.Response r = rule(member.token(), base + c[0]);
            assertThat(r.status()).as(c[0] + " → " + r.body()).isEqualTo(400);
            assertThat(r.errorType()).as((String) c[0]).isEqualTo(c[1]);
        }
        expect(rule(member.token(), "{\"security_group_id\": \"" + gid + "\", \"direction\": \"sideways\"}"), 400);
        expect(rule(member.token(), "{\"security_group_id\": \"" + gid + "\"}"), 400);
        expect(rule(member.token(), "{\"direction\": \"ingress\"}"), 400);
        expect(rule(member.token(), "{\"security_group_id\": \"" + gid + "\", \"direction\": \"ingress\", "
                + "\"colour\": 1}"), 400);
        expectError(rule(other.token(), "{\"security_group_id\": \"" + gid + "\", \"direction\": \"ingress\"}"), 404,
                "SecurityGroupNotFound");
    }

    @Test
    void aGroupInUseByAPortCannotBeDeleted() {
        String gid = group(member, "in-use").path("id").asText();
        String net = network(member.token(), "sgnet");
        subnet(member.token(), net, "10.30.0.0/24");
        JsonNode p = post(member.token(), "ports", "port", "{\"network_id\": \"" + net + "\", \"security_groups\": [\""
                + gid + "\"]}");
        assertThat(p.path("security_groups")).extracting(JsonNode::asText).containsExactly(gid);
        expectError(cloud.call("DELETE", "/v2.0/security-groups/" + gid, member.token(), null), 409,
                "SecurityGroupInUse");
        expect(cloud.call("DELETE", "/v2.0/ports/" + p.path("id").asText(), member.token(), null), 204);
        expect(cloud.call("DELETE", "/v2.0/security-groups/" + gid, member.token(), null), 204);
    }
}
