package org.apiary.compute;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.apiary.compute.domain.Server;
import org.junit.jupiter.api.Test;

/**
 * Metadata, tags, instance actions (recorded by lock/unlock, which finish in the API), and the
 * 400s of create and of the actions, which are refused before any host or service is needed.
 */
class ServerSubresourcesTest extends SeededServersTestBase {
    static void bad(ComputeCloud.Response r, String messagePart) {
        ServersApiTest.bad(r, messagePart);
    }

    @Test
    void metadata() {
        String base = "/servers/" + server("md").uuid() + "/metadata";
        assertThat(ComputeTestBase.expect(as("GET", base, null, null), 200).json().get("metadata").get("role")
                .asText()).isEqualTo("web");
        JsonNode merged = ComputeTestBase.expect(as("POST", base, null, "{\"metadata\": {\"a\": \"1\"}}"), 200).json()
                .get("metadata");
        assertThat(merged.get("a").asText()).isEqualTo("1");
        assertThat(merged.get("role").asText()).isEqualTo("web");
        JsonNode replaced = ComputeTestBase.expect(as("PUT", base, null, "{\"metadata\": {\"b\": \"2\"}}"), 200)
                .json().get("metadata");
        assertThat(replaced.size()).isEqualTo(1);
        assertThat(ComputeTestBase.expect(as("GET", base + "/b", null, null), 200).json().get("meta").get("b")
                .asText()).isEqualTo("2");
        assertThat(ComputeTestBase.expect(as("PUT", base + "/c", null, "{\"meta\": {\"c\": \"3\"}}"), 200).json()
                .get("meta").get("c").asText()).isEqualTo("3");
        bad(as("PUT", base + "/c", null, "{\"meta\": {\"d\": \"3\"}}"), "Request body and URI mismatch");
        bad(as("PUT", base + "/c", null, "{\"meta\": {\"c\": \"3\", \"d\": \"4\"}}"), "too many properties");
        bad(as("POST", base, null, "{\"metadata\": {\"k\": 1}}"), "is not of type 'string'");
        bad(as("POST", base, null, "{\"metadata\": {\"" + "k".repeat(256) + "\": \"v\"}}"),
                "Additional properties are not allowed");
        bad(as("POST", base, null, "{\"metadata\": {\"k\": \"" + "v".repeat(256) + "\"}}"), "is too long");
        bad(as("POST", base, null, "{\"meta\": {}}"), "Additional properties are not allowed");
        ComputeTestBase.expect(as("DELETE", base + "/c", null, null), 204);
        ComputeTestBase.expectError(as("DELETE", base + "/c", null, null), 404, "itemNotFound");
        ComputeTestBase.expectError(as("GET", base + "/c", null, null), 404, "itemNotFound");
        // metadata_items quota: 403, as Nova's OverQuota.
        ComputeTestBase.expect(cloud.send("PUT", "/os-quota-sets/" + project, null,
                "{\"quota_set\": {\"metadata_items\": 2}}"), 200);
        ComputeTestBase.expectError(as("POST", base, null, "{\"metadata\": {\"x\": \"1\", \"y\": \"2\"}}"), 403,
                "forbidden");
        ComputeTestBase.expect(cloud.send("PUT", "/os-quota-sets/" + project, null,
                "{\"quota_set\": {\"metadata_items\": 128}}"), 200);
    }

    @Test
    void tags() {
        Server s = server("tagged");
        String base = "/servers/" + s.uuid() + "/tags";
        ComputeTestBase.expectError(as("GET", base, "2.25", null), 404, "itemNotFound");
        ComputeTestBase.expect(as("PUT", base + "/red", "2.26", null), 201);
        ComputeTestBase.expect(as("PUT", base + "/red", "2.26", null), 204);
        ComputeTestBase.expect(as("GET", base + "/red", "2.26", null), 204);
        ComputeTestBase.expectError(as("GET", base + "/green", "2.26", null), 404, "itemNotFound");
        assertThat(ComputeTestBase.expect(as("GET", base, "2.26", null), 200).json().get("tags").toString())
                .isEqualTo("[\"blue\",\"red\"]");
        bad(as("PUT", base + "/a,b", "2.26", null), "Tag 'a,b' is invalid");
        bad(as("PUT", base, "2.26", "{\"tags\": [\"" + "x".repeat(61) + "\"]}"), "is too long");
        StringBuilder many = new StringBuilder();
        for (int i = 0; i < 51; i++) {
            many.append(i == 0 ? "" : ",").append("\"t").append(i).append('"');
        }
        bad(as("PUT", base, "2.26", "{\"tags\": [" + many + "]}"), "is too long");
        assertThat(ComputeTestBase.expect(as("PUT", base, "2.26", "{\"tags\": [\"x\", \"y\"]}"), 200).json()
                .get("tags").toString()).isEqualTo("[\"x\",\"y\"]");
        ComputeTestBase.expect(as("DELETE", base + "/x", "2.26", null), 204);
        ComputeTestBase.expectError(as("DELETE", base + "/x", "2.26", null), 404, "itemNotFound");
        ComputeTestBase.expect(as("DELETE", base, "2.26", null), 204);
        assertThat(ComputeTestBase.expect(as("GET", base, "2.26", null), 200).json().get("tags").size()).isZero();
        Server building = ServerFixtures.seed(cloud, ServerFixtures.withState(ServerFixtures.active(project,
                MEMBER_ID, "building"), "building", "scheduling", null, null));
        ComputeTestBase.expectError(as("PUT", "/servers/" + building.uuid() + "/tags/t", "2.26", null), 409,
                "conflictingRequest");
    }

    @Test
    void lockAndUnlockAreRecordedAsInstanceActions() {
        Server s = server("locked");
        String action = "/servers/" + s.uuid() + "/action";
        // Before 2.73 the lock body is not validated (Tempest sends {}), and a reason is ignored.
        ComputeTestBase.expect(as("POST", action, "2.72", "{\"lock\": {\"locked_reason\": \"r\"}}"), 202);
        assertThat(ComputeTestBase.expect(as("GET", "/servers/" + s.uuid(), "2.73", null), 200).json().get("server")
                .get("locked_reason").isNull()).isTrue();
        ComputeTestBase.expect(as("POST", action, "2.1", "{\"unlock\": {}}"), 202);
        bad(as("POST", action, "2.73", "{\"lock\": {\"why\": \"r\"}}"), "Additional properties are not allowed");
        ComputeTestBase.expect(as("POST", action, "2.73", "{\"lock\": {\"locked_reason\": \"backup\"}}"), 202);
        JsonNode v = ComputeTestBase.expect(as("GET", "/servers/" + s.uuid(), "2.73", null), 200).json().get("server");
        assertThat(v.get("locked").asBoolean()).isTrue();
        assertThat(v.get("locked_reason").asText()).isEqualTo("backup");
        // A locked server refuses changes from its (non-admin) owner.
        ComputeTestBase.expectError(as("DELETE", "/servers/" + s.uuid(), null, null), 409, "conflictingRequest");
        ComputeTestBase.expectError(as("POST", "/servers/" + s.uuid() + "/metadata", null,
                "{\"metadata\": {\"a\": \"b\"}}"), 409, "conflictingRequest");
        ComputeTestBase.expect(as("POST", action, null, "{\"unlock\": null}"), 202);

        String actions = "/servers/" + s.uuid() + "/os-instance-actions";
        JsonNode list = ComputeTestBase.expect(as("GET", actions, "2.57", null), 200).json().get("instanceActions");
        assertThat(list.size()).isEqualTo(4);
        assertThat(list.get(0).get("action").asText()).isEqualTo("unlock");
        assertThat(list.get(1).get("action").asText()).isEqualTo("lock");
        assertThat(list.get(0).has("updated_at")).isFalse();
        String requestId = list.get(1).get("request_id").asText();
        assertThat(requestId).startsWith("req-");
        JsonNode shown = ComputeTestBase.expect(as("GET", actions + "/" + requestId, "2.50", null), 200).json()
                .get("instanceAction");
        assertThat(shown.get("action").asText()).isEqualTo("lock");
        assertThat(shown.has("events")).isFalse();
        assertThat(ComputeTestBase.expect(as("GET", actions + "/" + requestId, "2.51", null), 200).json()
                .get("instanceAction").has("events")).isTrue();
        assertThat(ComputeTestBase.expect(cloud.get(actions + "/" + requestId, "2.1"), 200).json()
                .get("instanceAction").has("events")).isTrue();
        ComputeTestBase.expectError(as("GET", actions + "/req-none", null, null), 404, "itemNotFound");

        JsonNode paged = ComputeTestBase.expect(as("GET", actions + "?limit=1", "2.58", null), 200).json();
        assertThat(paged.get("instanceActions").size()).isEqualTo(1);
        assertThat(paged.get("instanceActions").get(0).has("updated_at")).isTrue();
        assertThat(paged.get("links").get(0).get("href").asText()).contains("marker=");
        String marker = paged.get("instanceActions").get(0).get("request_id").asText();
        assertThat(ComputeTestBase.expect(as("GET", actions + "?marker=" + marker, "2.58", null), 200).json()
                .get("instanceActions").get(0).get("action").asText()).isEqualTo("lock");
        bad(as("GET", actions + "?marker=req-none", "2.58", null), "Marker req-none could not be found.");
        bad(as("GET", actions + "?foo=1", "2.58", null), "Additional properties are not allowed");
        assertThat(ComputeTestBase.expect(as("GET", actions + "?changes-since=2999-01-01T00:00:00Z", "2.58", null),
                200).json().get("instanceActions").size()).isZero();
    }

    @Test
    void actionsRefuseBadBodies() {
        String action = "/servers/" + server("acted").uuid() + "/action";
        bad(as("POST", action, null, "{\"fly\": null}"), "There is no such action: fly");
        bad(as("POST", action, null, "{\"reboot\": {\"type\": \"MEDIUM\"}}"), "is not one of");
        bad(as("POST", action, null, "{\"reboot\": {}}"), "'type' is a required property");
        bad(as("POST", action, null, "{\"resize\": {}}"), "'flavorRef' is a required property");
        bad(as("POST", action, null, "{\"rebuild\": {\"imageRef\": \"not-a-uuid\"}}"), "is not a 'uuid'");
        bad(as("POST", action, "2.53", "{\"rebuild\": {\"imageRef\": \"" + ServerFixtures.IMAGE
                + "\", \"key_name\": \"k\"}}"), "Additional properties are not allowed");
        bad(as("POST", action, null, "{\"createImage\": {}}"), "'name' is a required property");
        bad(as("POST", action, null, "{\"os-getConsoleOutput\": {\"length\": \"ten\"}}"), "length");
        bad(as("POST", action, null, "{\"reboot\": {\"type\": \"SOFT\"}, \"os-stop\": null}"), "Malformed");
        bad(as("POST", action, null, "not json"), "Malformed request body");
        ComputeTestBase.expectError(cloud.as(member, "POST", "/servers/00000000-0000-0000-0000-000000000000/action",
                null, "{\"os-stop\": null}"), 404, "itemNotFound");
    }

    static final String OK = "\"name\": \"s\", \"imageRef\": \"" + ServerFixtures.IMAGE + "\", \"flavorRef\": \"42\"";

    static ComputeCloud.Response create(String version, String serverFields) {
        return as("POST", "/servers", version, "{\"server\": {" + serverFields + "}}");
    }

    @Test
    void createRefusesBadBodies() {
        bad(create("2.36", "\"imageRef\": \"" + ServerFixtures.IMAGE + "\", \"flavorRef\": \"42\""),
                "'name' is a required property");
        bad(create("2.37", OK), "'networks' is a required property");
        bad(create("2.37", OK + ", \"networks\": \"some\""), "networks");
        bad(create("2.36", OK + ", \"networks\": [{\"uuid\": \"abc\"}]"), "network uuid is not in proper format");
        bad(create("2.36", OK + ", \"networks\": [{\"port\": \"" + ServerFixtures.IMAGE + "\", \"fixed_ip\": "
                + "\"10.0.0.4\"}]"), "cannot be used with port");
        bad(create("2.36", OK + ", \"networks\": [{\"fixed_ip\": \"10.0.0.4\"}]"), "Bad network format: missing 'uuid'");
        bad(create("2.36", OK + ", \"block_device_mapping_v2\": [{\"source_type\": \"volume\", \"uuid\": \"v1\", "
                + "\"destination_type\": \"volume\", \"boot_index\": 0}]"), "no volume service");
        bad(create("2.63", OK + ", \"networks\": \"none\", \"trusted_image_certificates\": [\"c\"]"),
                "Trusted image certificates are not supported");
        bad(create("2.57", OK + ", \"networks\": \"none\", \"personality\": []"),
                "Additional properties are not allowed");
        bad(create("2.36", OK + ", \"personality\": [{\"path\": \"/a\", \"contents\": \"YQ==\"}]"),
                "Personality (file injection) is not supported");
        bad(create("2.36", OK + ", \"user_data\": \"%%%\""), "is not a 'base64'");
        bad(create("2.36", OK + ", \"min_count\": 3, \"max_count\": 2"), "min_count must be <= max_count");
        bad(create("2.36", OK + ", \"min_count\": 0"), "less than the minimum of 1");
        bad(create("2.36", OK + ", \"availability_zone\": \"a:b:c:d\""), "Unable to parse availability_zone");
        bad(create("2.51", OK + ", \"networks\": \"none\", \"tags\": [\"t\"]"), "Additional properties");
        bad(create("2.73", OK + ", \"networks\": \"none\", \"host\": \"h\""), "Additional properties");
        bad(create("2.36", "\"name\": \"s\", \"flavorRef\": \"42\""), "Missing imageRef attribute");
        bad(as("POST", "/servers", "2.36", "{\"server\": {" + OK + "}, \"os:scheduler_hints\": {\"group\": \"g\"}}"),
                "is not a 'uuid'");
        bad(as("POST", "/servers", "2.36", "{\"servers\": {}}"), "Additional properties are not allowed");
        // Forcing a host is an admin's call.
        ComputeTestBase.expectError(create("2.36", OK + ", \"availability_zone\": \"nova:host1\""), 403, "forbidden");
    }
}
