package org.apiary.compute;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Flavors, extra specs and access lists, per microversion boundary. */
class FlavorsTest extends ComputeTestBase {
    private static JsonNode create(String body, String version) {
        return expect(cloud.send("POST", "/flavors", version, body), 200).json().get("flavor");
    }

    @Test
    void createShowsEveryFieldAndSwapFollowsTheMicroversion() {
        JsonNode f = create("{\"flavor\": {\"name\": \"m1.small\", \"id\": \"small\", \"ram\": 2048, \"vcpus\": 1, "
                + "\"disk\": 20, \"OS-FLV-EXT-DATA:ephemeral\": 5, \"rxtx_factor\": 2.5}}", "2.1");
        assertThat(f.get("id").asText()).isEqualTo("small");
        assertThat(f.get("ram").asInt()).isEqualTo(2048);
        assertThat(f.get("OS-FLV-EXT-DATA:ephemeral").asInt()).isEqualTo(5);
        assertThat(f.get("OS-FLV-DISABLED:disabled").asBoolean()).isFalse();
        assertThat(f.get("os-flavor-access:is_public").asBoolean()).isTrue();
        assertThat(f.get("rxtx_factor").asDouble()).isEqualTo(2.5);
        assertThat(f.get("swap").asText()).isEmpty();
        assertThat(f.has("description")).isFalse();
        assertThat(f.at("/links/0/href").asText()).isEqualTo(cloud.baseUrl + "/v2.1/flavors/small");
        assertThat(f.at("/links/1/href").asText()).isEqualTo(cloud.baseUrl + "/flavors/small");
        JsonNode at275 = expect(cloud.get("/flavors/small", "2.75"), 200).json().get("flavor");
        assertThat(at275.get("swap").isInt()).isTrue();
        assertThat(at275.get("swap").asInt()).isZero();
        assertThat(at275.has("description")).isTrue();
        assertThat(at275.get("extra_specs").size()).isZero();
        assertThat(expect(cloud.get("/flavors/small", "2.60"), 200).json().get("flavor").has("extra_specs")).isFalse();
        expectError(cloud.send("POST", "/flavors", null, "{\"flavor\": {\"name\": \"m1.small\", \"ram\": 1, "
                + "\"vcpus\": 1, \"disk\": 0}}"), 409, "conflictingRequest");
        expectError(cloud.send("POST", "/flavors", null, "{\"flavor\": {\"name\": \"other\", \"id\": \"small\", "
                + "\"ram\": 1, \"vcpus\": 1, \"disk\": 0}}"), 409, "conflictingRequest");
        expect(cloud.send("DELETE", "/flavors/small", null, null), 202);
        expectError(cloud.get("/flavors/small", null), 404, "itemNotFound");
    }

    @Test
    void badInputIsA400NeverA500() {
        String[] bodies = {
                "{}", "{\"flavor\": 1}", "{\"flavor\": {\"name\": \"x\"}}",
                "{\"flavor\": {\"name\": \"x\", \"ram\": 0, \"vcpus\": 1, \"disk\": 0}}",
                "{\"flavor\": {\"name\": \"x\", \"ram\": \"abc\", \"vcpus\": 1, \"disk\": 0}}",
                "{\"flavor\": {\"name\": \"x\", \"ram\": 1, \"vcpus\": 1, \"disk\": -1}}",
                "{\"flavor\": {\"name\": \" x\", \"ram\": 1, \"vcpus\": 1, \"disk\": 0}}",
                "{\"flavor\": {\"name\": \"x\", \"ram\": 1, \"vcpus\": 1, \"disk\": 0, \"bogus\": 1}}",
                "{\"flavor\": {\"name\": \"x\", \"id\": \"bad/id\", \"ram\": 1, \"vcpus\": 1, \"disk\": 0}}",
                "{\"flavor\": {\"name\": \"x\", \"ram\": 1, \"vcpus\": 1, \"disk\": 0, \"rxtx_factor\": 0}}",
                "{\"flavor\": {\"name\": \"x\", \"ram\": 1, \"vcpus\": 1, \"disk\": 0, \"os-flavor-access:is_public\": \"maybe\"}}",
                "{\"flavor\": {\"name\": \"x\", \"ram\": 99999999999, \"vcpus\": 1, \"disk\": 0}}",
                "[1, 2]", "{\"flavor\": {\"name\": \"x\", \"ram\": 1, \"vcpus\": 1, \"disk\": 0}, \"extra\": 1}",
        };
        for (String b : bodies) {
            expectError(cloud.send("POST", "/flavors", "2.1", b), 400, "badRequest");
        }
        // description is refused before 2.55
        expectError(cloud.send("POST", "/flavors", "2.54", "{\"flavor\": {\"name\": \"x\", \"ram\": 1, \"vcpus\": 1, "
                + "\"disk\": 0, \"description\": \"d\"}}"), 400, "badRequest");
        expectError(cloud.get("/flavors?minRam=abc", null), 400, "badRequest");
        expectError(cloud.get("/flavors?sort_key=color", null), 400, "badRequest");
        expectError(cloud.get("/flavors?limit=-1", null), 400, "badRequest");
        expectError(cloud.get("/flavors?marker=nope", null), 400, "badRequest");
        expectError(cloud.get("/flavors?bogus=1", "2.75"), 400, "badRequest");
        expect(cloud.get("/flavors?bogus=1", "2.74"), 200);
    }

    @Test
    void descriptionAndUpdateFrom255() {
        JsonNode f = create("{\"flavor\": {\"name\": \"described\", \"ram\": 512, \"vcpus\": 1, \"disk\": 1, "
                + "\"description\": \"small and cheap\"}}", "2.55");
        String id = f.get("id").asText();
        assertThat(id).hasSize(36);
        assertThat(f.get("description").asText()).isEqualTo("small and cheap");
        expectError(cloud.send("PUT", "/flavors/" + id, "2.54", "{\"flavor\": {\"description\": \"x\"}}"), 404,
                "itemNotFound");
        JsonNode updated = expect(cloud.send("PUT", "/flavors/" + id, "2.55", "{\"flavor\": {\"description\": "
                + "\"changed\"}}"), 200).json().get("flavor");
        assertThat(updated.get("description").asText()).isEqualTo("changed");
        expectError(cloud.send("PUT", "/flavors/" + id, "2.55", "{\"flavor\": {\"name\": \"x\"}}"), 400, "badRequest");
        JsonNode listed = expect(cloud.get("/flavors", "2.55"), 200).json().get("flavors");
        assertThat(listed.findValuesAsText("description")).contains("changed");
    }

    @Test
    void listFiltersSortsAndPages() {
        for (int i = 1; i <= 5; i++) {
            create("{\"flavor\": {\"name\": \"page" + i + "\", \"id\": \"p" + i + "\", \"ram\": " + (i * 1024)
                    + ", \"vcpus\": " + i + ", \"disk\": " + (i * 10) + "}}", null);
        }
        JsonNode big = expect(cloud.get("/flavors/detail?minRam=3072&minDisk=40", null), 200).json().get("flavors");
        assertThat(big.findValuesAsText("id")).contains("p4", "p5").doesNotContain("p1", "p2", "p3");
        JsonNode desc = expect(cloud.get("/flavors?sort_key=memory_mb&sort_dir=desc&minRam=1024", null), 200).json()
                .get("flavors");
        List<String> ids = desc.findValuesAsText("id");
        assertThat(ids.indexOf("p5")).isLessThan(ids.indexOf("p1"));
        List<String> seen = new ArrayList<>();
        String path = "/flavors?limit=2&minRam=1024&sort_key=memory_mb";
        JsonNode page = expect(cloud.get(path, null), 200).json();
        seen.addAll(page.get("flavors").findValuesAsText("id"));
        assertThat(page.at("/flavors_links/0/rel").asText()).isEqualTo("next");
        String next = page.at("/flavors_links/0/href").asText();
        assertThat(next).startsWith(cloud.baseUrl + "/v2.1/flavors?").contains("marker=p2").contains("limit=2");
        page = expect(cloud.get(next.substring(cloud.baseUrl.length()), null), 200).json();
        seen.addAll(page.get("flavors").findValuesAsText("id"));
        assertThat(seen.subList(0, 4)).containsExactly("p1", "p2", "p3", "p4");
    }

    @Test
    void extraSpecsCrudAndValidationFrom286() {
        create("{\"flavor\": {\"name\": \"specs\", \"id\": \"specs\", \"ram\": 512, \"vcpus\": 1, \"disk\": 1}}", null);
        JsonNode created = expect(cloud.send("POST", "/flavors/specs/os-extra_specs", null,
                "{\"extra_specs\": {\"hw:cpu_policy\": \"dedicated\", \"custom\": 5}}"), 200).json();
        assertThat(created.at("/extra_specs/custom").asInt()).isEqualTo(5);
        assertThat(expect(cloud.get("/flavors/specs/os-extra_specs", null), 200).json().at("/extra_specs/custom")
                .asText()).isEqualTo("5");
        expect(cloud.send("PUT", "/flavors/specs/os-extra_specs/custom", null, "{\"custom\": \"6\"}"), 200);
        assertThat(expect(cloud.get("/flavors/specs/os-extra_specs/custom", null), 200).json().get("custom").asText())
                .isEqualTo("6");
        expectError(cloud.send("PUT", "/flavors/specs/os-extra_specs/custom", null, "{\"other\": \"6\"}"), 400,
                "badRequest");
        assertThat(expect(cloud.get("/flavors/specs", "2.61"), 200).json().at("/flavor/extra_specs/hw:cpu_policy")
                .asText()).isEqualTo("dedicated");
        // 2.86 validates known namespaces; before it, anything with a valid key goes.
        expect(cloud.send("POST", "/flavors/specs/os-extra_specs", "2.85", "{\"extra_specs\": {\"hw:cpu_policy\": "
                + "\"sideways\"}}"), 200);
        expectError(cloud.send("POST", "/flavors/specs/os-extra_specs", "2.86", "{\"extra_specs\": {\"hw:cpu_policy\": "
                + "\"sideways\"}}"), 400, "badRequest");
        expectError(cloud.send("POST", "/flavors/specs/os-extra_specs", "2.86", "{\"extra_specs\": {\"hw:no_such\": "
                + "\"1\"}}"), 400, "badRequest");
        expectError(cloud.send("POST", "/flavors/specs/os-extra_specs", "2.86", "{\"extra_specs\": {\"hw:numa_nodes\": "
                + "\"many\"}}"), 400, "badRequest");
        expect(cloud.send("POST", "/flavors/specs/os-extra_specs", "2.86", "{\"extra_specs\": {\"hw:numa_nodes\": "
                + "\"2\", \"resources:VCPU\": \"2\", \"trait:HW_CPU_X86_AVX2\": \"required\", \"mine:x\": \"y\"}}"), 200);
        expectError(cloud.send("POST", "/flavors/specs/os-extra_specs", null, "{\"extra_specs\": {\"bad/key\": \"1\"}}"),
                400, "badRequest");
        expect(cloud.send("DELETE", "/flavors/specs/os-extra_specs/custom", null, null), 200);
        expectError(cloud.get("/flavors/specs/os-extra_specs/custom", null), 404, "itemNotFound");
        expectError(cloud.send("DELETE", "/flavors/specs/os-extra_specs/custom", null, null), 404, "itemNotFound");
    }

    @Test
    void privateFlavorsAndAccessLists() {
        String member = memberOf("fl-member", "fl-project");
        String project = cloud.projectId("fl-project");
        create("{\"flavor\": {\"name\": \"private\", \"id\": \"private\", \"ram\": 512, \"vcpus\": 1, \"disk\": 1, "
                + "\"os-flavor-access:is_public\": false}}", null);
        create("{\"flavor\": {\"name\": \"public\", \"id\": \"public\", \"ram\": 512, \"vcpus\": 1, \"disk\": 1}}", null);
        expectError(cloud.as(member, "GET", "/flavors/private", null, null), 404, "itemNotFound");
        assertThat(expect(cloud.as(member, "GET", "/flavors", null, null), 200).json().findValuesAsText("id"))
                .contains("public").doesNotContain("private");
        assertThat(expect(cloud.get("/flavors?is_public=false", null), 200).json().findValuesAsText("id"))
                .contains("private").doesNotContain("public");
        assertThat(expect(cloud.get("/flavors?is_public=none", null), 200).json().findValuesAsText("id"))
                .contains("private", "public");
        JsonNode access = expect(cloud.send("POST", "/flavors/private/action", null, "{\"addTenantAccess\": "
                + "{\"tenant\": \"" + project + "\"}}"), 200).json();
        assertThat(access.at("/flavor_access/0/tenant_id").asText()).isEqualTo(project);
        expectError(cloud.send("POST", "/flavors/private/action", null, "{\"addTenantAccess\": {\"tenant\": \""
                + project + "\"}}"), 409, "conflictingRequest");
        expect(cloud.as(member, "GET", "/flavors/private", null, null), 200);
        assertThat(expect(cloud.as(member, "GET", "/flavors", null, null), 200).json().findValuesAsText("id"))
                .contains("private");
        expect(cloud.get("/flavors/private/os-flavor-access", null), 200);
        expectError(cloud.get("/flavors/public/os-flavor-access", null), 404, "itemNotFound");
        // 2.7: adding access to a public flavor conflicts; before it, it is recorded.
        String grant = "{\"addTenantAccess\": {\"tenant\": \"" + project + "\"}}";
        expectError(cloud.send("POST", "/flavors/public/action", "2.7", grant), 409, "conflictingRequest");
        expect(cloud.send("POST", "/flavors/public/action", "2.6", grant), 200);
        // The project must exist in Keystone (Nova's verify_project_id).
        ComputeCloud.Response unknown = expectError(cloud.send("POST", "/flavors/private/action", null,
                "{\"addTenantAccess\": {\"tenant\": \"no-such-project\"}}"), 400, "badRequest");
        assertThat(unknown.json().at("/badRequest/message").asText())
                .isEqualTo("Project ID no-such-project is not a valid project.");
        expect(cloud.send("POST", "/flavors/private/action", null, "{\"removeTenantAccess\": {\"tenant\": \""
                + project + "\"}}"), 200);
        expectError(cloud.send("POST", "/flavors/private/action", null, "{\"removeTenantAccess\": {\"tenant\": \""
                + project + "\"}}"), 404, "itemNotFound");
        expectError(cloud.send("POST", "/flavors/private/action", null, "{\"fly\": {}}"), 400, "badRequest");
        expectError(cloud.send("POST", "/flavors/private/action", null, "{\"addTenantAccess\": {}}"), 400, "badRequest");
    }
}
