package org.apiary.compute;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.apiary.compute.domain.Server;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** GET/PUT /servers: the view per microversion and policy, listing filters and paging, other projects. */
class ServersApiTest extends SeededServersTestBase {
    static String other;
    static Server web;
    static Server failed;

    @BeforeAll
    static void start() {
        other = userOf("bob", "proj-b", "member");
        web = ServerFixtures.seed(cloud, ServerFixtures.withState(ServerFixtures.active(project, MEMBER_ID,
                "web"), "active", null, "owner", "maintenance window"), "9c3b4b0e-6f8a-4bb0-8f5d-1a2b3c4d5e6f");
        failed = ServerFixtures.seed(cloud, ServerFixtures.withState(ServerFixtures.active(project, MEMBER_ID,
                "broken"), "error", null, null, null));
        ServerFixtures.fault(cloud, failed.uuid(), 500, "No valid host was found.", "Traceback: boom");
        for (int i = 0; i < 3; i++) {
            ServerFixtures.seed(cloud, ServerFixtures.active(project, MEMBER_ID, "batch-" + i));
        }
        ServerFixtures.seed(cloud, ServerFixtures.active(cloud.projectId("proj-b"), "bob-id", "bobs"));
    }

    static JsonNode show(String token, String version, Server s) {
        return expect(cloud.as(token, "GET", "/servers/" + s.uuid(), version, null), 200).json().get("server");
    }

    @Test
    void theViewGrowsWithTheMicroversion() throws Exception {
        JsonNode v21 = show(member, "2.1", web);
        assertThat(v21.get("status").asText()).isEqualTo("ACTIVE");
        assertThat(v21.get("tenant_id").asText()).isEqualTo(project);
        assertThat(v21.has("locked")).isFalse();
        assertThat(v21.has("description")).isFalse();
        assertThat(v21.has("tags")).isFalse();
        assertThat(v21.get("flavor").get("id").asText()).isEqualTo("42");
        assertThat(v21.get("flavor").get("links").get(0).get("rel").asText()).isEqualTo("bookmark");
        assertThat(v21.get("image").get("id").asText()).isEqualTo(ServerFixtures.IMAGE);
        assertThat(v21.get("metadata").get("role").asText()).isEqualTo("web");
        assertThat(v21.get("accessIPv4").asText()).isEqualTo("203.0.113.7");
        assertThat(v21.get("accessIPv6").asText()).isEmpty();
        assertThat(v21.get("OS-DCF:diskConfig").asText()).isEqualTo("MANUAL");
        assertThat(v21.get("OS-EXT-STS:vm_state").asText()).isEqualTo("active");
        assertThat(v21.get("OS-EXT-STS:power_state").asInt()).isEqualTo(1);
        assertThat(v21.get("OS-EXT-AZ:availability_zone").asText()).isEqualTo("nova");
        assertThat(v21.get("os-extended-volumes:volumes_attached").size()).isZero();
        assertThat(v21.get("security_groups").get(0).get("name").asText()).isEqualTo("web");
        assertThat(v21.get("created").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
        assertThat(v21.get("OS-SRV-USG:launched_at").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}");
        assertThat(v21.get("progress").asInt()).isZero();
        String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-224")
                .digest((project + "host1").getBytes(StandardCharsets.UTF_8)));
        assertThat(v21.get("hostId").asText()).isEqualTo(expected);
        JsonNode addr = v21.get("addresses").get("private");
        assertThat(addr.get(0).get("addr").asText()).isEqualTo("10.0.0.5");
        assertThat(addr.get(0).get("OS-EXT-IPS:type").asText()).isEqualTo("fixed");
        assertThat(addr.get(0).get("OS-EXT-IPS-MAC:mac_addr").asText()).isEqualTo("fa:16:3e:11:22:33");
        assertThat(addr.get(1).get("version").asInt()).isEqualTo(6);

        assertThat(show(member, "2.9", web).get("locked").asBoolean()).isTrue();
        assertThat(show(member, "2.18", web).has("description")).isFalse();
        assertThat(show(member, "2.19", web).get("description").asText()).isEqualTo("desc of web");
        assertThat(show(member, "2.25", web).has("tags")).isFalse();
        assertThat(show(member, "2.26", web).get("tags").get(0).asText()).isEqualTo("blue");
        assertThat(show(member, "2.46", web).get("flavor").has("id")).isTrue();
        JsonNode flavor = show(member, "2.47", web).get("flavor");
        assertThat(flavor.has("id")).isFalse();
        assertThat(flavor.get("original_name").asText()).isEqualTo("m1.test");
        assertThat(flavor.get("vcpus").asInt()).isEqualTo(2);
        assertThat(flavor.get("ram").asInt()).isEqualTo(1024);
        assertThat(flavor.get("ephemeral").asInt()).isEqualTo(1);
        assertThat(flavor.get("extra_specs").get("hw:cpu_policy").asText()).isEqualTo("shared");
        assertThat(show(member, "2.62", web).has("trusted_image_certificates")).isFalse();
        assertThat(show(member, "2.63", web).get("trusted_image_certificates").isNull()).isTrue();
        assertThat(show(member, "2.70", web).has("server_groups")).isFalse();
        assertThat(show(member, "2.71", web).get("server_groups").get(0).asText())
                .isEqualTo("9c3b4b0e-6f8a-4bb0-8f5d-1a2b3c4d5e6f");
        assertThat(show(member, "2.72", web).has("locked_reason")).isFalse();
        assertThat(show(member, "2.73", web).get("locked_reason").asText()).isEqualTo("maintenance window");
        assertThat(show(member, "2.89", web).has("OS-EXT-SRV-ATTR:hostname")).isFalse();
        assertThat(show(member, "2.90", web).get("OS-EXT-SRV-ATTR:hostname").asText()).isEqualTo("web");
    }

    @Test
    void adminsSeeHostAttributesAndHostStatus() {
        JsonNode asMember = show(member, "2.16", web);
        assertThat(asMember.has("OS-EXT-SRV-ATTR:host")).isFalse();
        assertThat(asMember.has("host_status")).isFalse();
        JsonNode v2 = show(cloud.adminToken(), "2.2", web);
        assertThat(v2.get("OS-EXT-SRV-ATTR:host").asText()).isEqualTo("host1");
        assertThat(v2.get("OS-EXT-SRV-ATTR:hypervisor_hostname").asText()).isEqualTo("host1.node");
        assertThat(v2.has("OS-EXT-SRV-ATTR:reservation_id")).isFalse();
        JsonNode admin = show(cloud.adminToken(), "2.16", web);
        assertThat(admin.get("OS-EXT-SRV-ATTR:reservation_id").asText()).isEqualTo("r-0001");
        assertThat(admin.get("OS-EXT-SRV-ATTR:user_data").asText()).isEqualTo("aGVsbG8=");
        // host1 never registered a compute service.
        assertThat(admin.get("host_status").asText()).isEqualTo("UNKNOWN");
        assertThat(show(cloud.adminToken(), "2.15", web).has("host_status")).isFalse();
    }

    @Test
    void faultsShowOnErrorServersWithDetailsOnlyForAdmins() {
        JsonNode f = show(member, null, failed).get("fault");
        assertThat(f.get("code").asInt()).isEqualTo(500);
        assertThat(f.get("message").asText()).isEqualTo("No valid host was found.");
        assertThat(f.has("details")).isFalse();
        assertThat(show(cloud.adminToken(), null, failed).get("fault").get("details").asText())
                .isEqualTo("Traceback: boom");
        assertThat(show(member, null, web).has("fault")).isFalse();
        assertThat(show(member, null, failed).has("progress")).isFalse();
    }

    @Test
    void otherProjectsServersAreNotFound() {
        ComputeCloud.Response r = cloud.as(other, "GET", "/servers/" + web.uuid(), null, null);
        ComputeTestBase.expectError(r, 404, "itemNotFound");
        assertThat(r.json().get("itemNotFound").get("message").asText())
                .isEqualTo("Instance " + web.uuid() + " could not be found.");
        for (String path : List.of("/metadata", "/metadata/role", "/tags", "/os-instance-actions")) {
            ComputeTestBase.expectError(cloud.as(other, "GET", "/servers/" + web.uuid() + path, null, null), 404,
                    "itemNotFound");
        }
        ComputeTestBase.expectError(cloud.as(other, "PUT", "/servers/" + web.uuid(), null,
                "{\"server\": {\"name\": \"x\"}}"), 404, "itemNotFound");
        ComputeTestBase.expectError(cloud.as(other, "POST", "/servers/" + web.uuid() + "/action", null,
                "{\"lock\": null}"), 404, "itemNotFound");
        ComputeTestBase.expectError(cloud.as(other, "DELETE", "/servers/" + web.uuid(), null, null), 404,
                "itemNotFound");
        List<String> names = new ArrayList<>();
        expect(cloud.as(other, "GET", "/servers", null, null), 200).json().get("servers")
                .forEach(s -> names.add(s.get("name").asText()));
        assertThat(names).containsExactly("bobs");
        ComputeTestBase.expectError(cloud.as(member, "GET", "/servers?all_tenants=1", null, null), 403, "forbidden");
        assertThat(expect(cloud.get("/servers/detail?all_tenants=1", null), 200).json().get("servers").size())
                .isEqualTo(6);
    }

    @Test
    void listingFiltersSortsAndPages() {
        JsonNode all = expect(cloud.as(member, "GET", "/servers", null, null), 200).json();
        assertThat(all.get("servers").size()).isEqualTo(5);
        assertThat(all.get("servers").get(0).has("status")).isFalse();
        assertThat(all.get("servers").get(0).get("links").get(0).get("href").asText()).contains("/v2.1/servers/");
        JsonNode sorted = expect(cloud.as(member, "GET", "/servers?sort_key=display_name&sort_dir=asc&limit=2",
                null, null), 200).json();
        assertThat(sorted.get("servers").get(0).get("name").asText()).isEqualTo("batch-0");
        assertThat(sorted.get("servers").get(1).get("name").asText()).isEqualTo("batch-1");
        String next = sorted.get("servers_links").get(0).get("href").asText();
        assertThat(next).contains("/v2.1/servers?").contains("marker=" + sorted.get("servers").get(1).get("id").asText());
        JsonNode page2 = expect(cloud.call(cloud.baseUrl, "GET", next.substring(next.indexOf("/v2.1")), member, null),
                200).json();
        assertThat(page2.get("servers").get(0).get("name").asText()).isEqualTo("batch-2");

        JsonNode byName = expect(cloud.as(member, "GET", "/servers/detail?name=%5Ebat", null, null), 200).json();
        assertThat(byName.get("servers").size()).isEqualTo(3);
        assertThat(byName.get("servers").get(0).has("OS-EXT-STS:vm_state")).isTrue();
        JsonNode errors = expect(cloud.as(member, "GET", "/servers/detail?status=ERROR", null, null), 200).json();
        assertThat(errors.get("servers").size()).isEqualTo(1);
        assertThat(errors.get("servers").get(0).get("fault").get("message").asText())
                .isEqualTo("No valid host was found.");
        assertThat(expect(cloud.as(member, "GET", "/servers?ip=10.0.0", null, null), 200).json().get("servers")
                .size()).isEqualTo(5);
        assertThat(expect(cloud.as(member, "GET", "/servers?locked=true", "2.73", null), 200).json().get("servers")
                .size()).isEqualTo(1);
        assertThat(expect(cloud.as(member, "GET", "/servers?tags-any=blue", "2.26", null), 200).json()
                .get("servers").size()).isEqualTo(5);
        // Admin-only filters are dropped for members (before 2.75 silently).
        assertThat(expect(cloud.as(member, "GET", "/servers?host=nowhere", "2.74", null), 200).json()
                .get("servers").size()).isEqualTo(5);
        assertThat(expect(cloud.get("/servers?host=nowhere&all_tenants=1", null), 200).json().get("servers").size())
                .isZero();

        bad(cloud.as(member, "GET", "/servers?marker=nope", null, null), "marker [nope] not found");
        bad(cloud.as(member, "GET", "/servers?status=FOO", null, null), "Invalid status value");
        assertThat(expect(cloud.as(member, "GET", "/servers?status=FOO", "2.37", null), 200).json().get("servers")
                .size()).isZero();
        bad(cloud.as(member, "GET", "/servers?sort_key=bogus", null, null), "sort_key");
        bad(cloud.as(member, "GET", "/servers?foo=1", "2.75", null), "Additional properties are not allowed");
        bad(cloud.as(member, "GET", "/servers?changes-since=yesterday", null, null), "changes-since");
        bad(cloud.as(member, "GET", "/servers?locked=maybe", "2.73", null), "Unrecognized value 'maybe'");
        bad(cloud.as(member, "GET", "/servers?limit=-1", null, null), "limit");
        ComputeTestBase.expectError(cloud.as(member, "GET", "/servers?sort_key=host", null, null), 403, "forbidden");
        ComputeTestBase.expectError(cloud.as(member, "GET", "/servers?status=DELETED", null, null), 403, "forbidden");
    }

    static void bad(ComputeCloud.Response r, String messagePart) {
        ComputeTestBase.expectError(r, 400, "badRequest");
        assertThat(r.json().get("badRequest").get("message").asText()).contains(messagePart);
    }

    @Test
    void updateChangesNameDescriptionAndAccessIps() {
        Server s = ServerFixtures.seed(cloud, ServerFixtures.active(project, MEMBER_ID, "renamed"));
        JsonNode v = expect(cloud.as(member, "PUT", "/servers/" + s.uuid(), "2.19",
                "{\"server\": {\"name\": \"new-name\", \"description\": null, \"accessIPv6\": \"2001:db8::1\"}}"),
                200).json().get("server");
        assertThat(v.get("name").asText()).isEqualTo("new-name");
        assertThat(v.get("description").isNull()).isTrue();
        assertThat(v.get("accessIPv6").asText()).isEqualTo("2001:db8::1");
        // Before 2.75 the update answer leaves out the extended attributes.
        assertThat(v.has("OS-EXT-STS:vm_state")).isFalse();
        assertThat(expect(cloud.as(member, "PUT", "/servers/" + s.uuid(), "2.75", "{\"server\": {}}"), 200).json()
                .get("server").has("OS-EXT-STS:vm_state")).isTrue();
        assertThat(show(member, null, s).get("name").asText()).isEqualTo("new-name");
        bad(cloud.as(member, "PUT", "/servers/" + s.uuid(), null, "{\"server\": {\"accessIPv4\": \"1.2.3\"}}"),
                "is not a 'ipv4'");
        bad(cloud.as(member, "PUT", "/servers/" + s.uuid(), "2.18", "{\"server\": {\"description\": \"d\"}}"),
                "Additional properties are not allowed");
        bad(cloud.as(member, "PUT", "/servers/" + s.uuid(), "2.90", "{\"server\": {\"hostname\": \"-bad-\"}}"),
                "does not match");
        bad(cloud.as(member, "PUT", "/servers/" + s.uuid(), null, "{\"server\": {\"name\": \" x\"}}"),
                "name");
    }
}
