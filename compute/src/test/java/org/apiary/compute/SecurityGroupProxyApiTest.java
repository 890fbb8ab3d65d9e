package org.apiary.compute;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The security-group proxy APIs' request checks and microversion gates, which answer before
 * Neutron is asked (this cloud's Neutron refuses every call, so a request that reached it would
 * be a 500 here). The Neutron-backed behaviour is tested on the real network module in the
 * server module (SecurityGroupProxyTest).
 */
class SecurityGroupProxyApiTest extends SeededServersTestBase {
    private static final String SOME_UUID = "3fa85f64-5717-4562-b3fc-2c963f66afa6";

    static void bad(ComputeCloud.Response r, String messagePart) {
        ComputeTestBase.expectError(r, 400, "badRequest");
        assertThat(r.json().get("badRequest").get("message").asText()).contains(messagePart);
    }

    @Test
    void theProxyApisAreGoneFrom236() {
        for (String[] call : new String[][] {{"GET", "/os-security-groups"}, {"POST", "/os-security-groups"},
                {"GET", "/os-security-groups/" + SOME_UUID}, {"PUT", "/os-security-groups/" + SOME_UUID},
                {"DELETE", "/os-security-groups/" + SOME_UUID}, {"POST", "/os-security-group-rules"},
                {"DELETE", "/os-security-group-rules/" + SOME_UUID}}) {
            String body = call[0].equals("GET") || call[0].equals("DELETE") ? null : "{}";
            ComputeTestBase.expectError(as(call[0], call[1], "2.36", body), 404, "itemNotFound");
            ComputeTestBase.expectError(as(call[0], call[1], null, body), 404, "itemNotFound");
        }
    }

    @Test
    void groupBodiesAreCheckedBeforeNeutron() {
        bad(as("POST", "/os-security-groups", "2.35", "{}"), "The request body can't be empty");
        bad(as("POST", "/os-security-groups", "2.35", "{\"other\": {}}"), "Missing parameter security_group");
        bad(as("POST", "/os-security-groups", "2.1", "{\"security_group\": {\"name\": 5, \"description\": \"d\"}}"),
                "Security group name is not a string or unicode");
        bad(as("POST", "/os-security-groups", "2.1", "{\"security_group\": {\"description\": \"d\"}}"),
                "Security group name is not a string or unicode");
        bad(as("POST", "/os-security-groups", "2.1", "{\"security_group\": {\"name\": \"n\"}}"),
                "Security group description is not a string or unicode");
        bad(as("POST", "/os-security-groups", "2.1", "{\"security_group\": {\"name\": \"" + "n".repeat(256)
                + "\", \"description\": \"d\"}}"), "maximum length of 255");
        bad(as("GET", "/os-security-groups/not-a-uuid", "2.1", null), "Security group id should be uuid");
        bad(as("DELETE", "/os-security-groups/not-a-uuid", "2.1", null), "Security group id should be uuid");
        bad(as("PUT", "/os-security-groups/not-a-uuid", "2.1", "{\"security_group\": {\"name\": \"n\"}}"),
                "Security group id should be uuid");
    }

    @Test
    void ruleBodiesAreCheckedBeforeNeutron() {
        bad(as("POST", "/os-security-group-rules", "2.1", "{\"security_group_rule\": {\"parent_group_id\": \"x\","
                + " \"ip_protocol\": \"tcp\", \"from_port\": 22, \"to_port\": 22}}"), "Security group id should be uuid");
        bad(as("POST", "/os-security-group-rules", "2.1", "{\"security_group_rule\": {\"ip_protocol\": \"tcp\"}}"),
                "Security group id should be uuid");
        bad(as("POST", "/os-security-group-rules", "2.1", "{\"security_group_rule\": {\"parent_group_id\": "
                + "[1]}}"), "Invalid input for field parent_group_id");
        bad(as("POST", "/os-security-group-rules", "2.1", ""), "The request body can't be empty");
        bad(as("DELETE", "/os-security-group-rules/12", "2.1", null), "Security group id should be uuid");
    }

    @Test
    void serverActionsCheckTheirBody() {
        String action = "/servers/" + server("sg").uuid() + "/action";
        for (String name : new String[] {"addSecurityGroup", "removeSecurityGroup"}) {
            bad(as("POST", action, null, "{\"" + name + "\": null}"), "Missing parameter dict");
            bad(as("POST", action, null, "{\"" + name + "\": \"web\"}"), "Missing parameter dict");
            bad(as("POST", action, null, "{\"" + name + "\": {}}"), "Security group not specified");
            bad(as("POST", action, null, "{\"" + name + "\": {\"name\": \"  \"}}"),
                    "Security group name cannot be empty");
            bad(as("POST", action, "2.1", "{\"" + name + "\": {\"name\": 7}}"), "must be a string");
        }
        ComputeTestBase.expectError(as("POST", "/servers/" + NO_SERVER + "/action", null,
                "{\"addSecurityGroup\": {\"name\": \"web\"}}"), 404, "itemNotFound");
    }

    @Test
    void anotherProjectCannotChangeAServersGroups() {
        String stranger = userOf("sg-stranger", "proj-sg-other", "member");
        String uuid = server("sg-other").uuid();
        ComputeTestBase.expectError(cloud.as(stranger, "POST", "/servers/" + uuid + "/action", null,
                "{\"addSecurityGroup\": {\"name\": \"web\"}}"), 404, "itemNotFound");
        ComputeTestBase.expectError(cloud.as(stranger, "GET", "/servers/" + uuid + "/os-security-groups", null,
                null), 404, "itemNotFound");
    }
}
