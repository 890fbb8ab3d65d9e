package org.apiary.placement;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Like resource-provider.yaml, resource-provider-links.yaml and the filter files. */
class ResourceProvidersTest extends PlacementTestBase {

    private static List<String> names(PlacementCloud.Response r) {
        expect(r, 200);
        List<String> out = new ArrayList<>();
        r.json().get("resource_providers").forEach(p -> out.add(p.get("name").asText()));
        return out;
    }

    @Test
    void createAnswers201Before120And200After() {
        String id = uuid();
        PlacementCloud.Response old = expect(cloud.send("POST", "/resource_providers", "1.19",
                "{\"name\": \"old\", \"uuid\": \"" + id + "\"}"), 201);
        assertThat(old.header("Location")).endsWith("/resource_providers/" + id);
        assertThat(old.body()).isEmpty();
        PlacementCloud.Response now = expect(cloud.send("POST", "/resource_providers", "1.20", "{\"name\": \"new\"}"), 200);
        assertThat(now.json().get("generation").asInt()).isZero();
        assertThat(now.json().get("parent_provider_uuid").isNull()).isTrue();
        assertThat(now.json().get("root_provider_uuid").asText()).isEqualTo(now.json().get("uuid").asText());
    }

    @Test
    void duplicatesAre409WithTheirCode() {
        String id = uuid();
        expect(cloud.send("POST", "/resource_providers", null, "{\"name\": \"a\", \"uuid\": \"" + id + "\"}"), 200);
        PlacementCloud.Response r = expect(cloud.send("POST", "/resource_providers", null,
                "{\"name\": \"a\", \"uuid\": \"" + uuid() + "\"}"), 409);
        assertThat(r.body()).contains("Conflicting resource provider name: a already exists");
        assertThat(r.code()).isEqualTo("placement.duplicate_name");
        expect(cloud.send("POST", "/resource_providers", null, "{\"name\": \"b\", \"uuid\": \"" + id + "\"}"), 409);
        // A uuid without dashes is the same uuid.
        expect(cloud.send("POST", "/resource_providers", null, "{\"name\": \"c\", \"uuid\": \""
                + id.replace("-", "") + "\"}"), 409);
    }

    @Test
    void linksGrowWithTheMicroversion() {
        String id = cloud.createProvider("links", null);
        for (String[] c : new String[][] {{"1.0", "2"}, {"1.1", "3"}, {"1.6", "4"}, {"1.11", "5"}}) {
            JsonNode p = expect(cloud.get("/resource_providers/" + id, c[0]), 200).json();
            assertThat(p.get("links").size()).as(c[0]).isEqualTo(Integer.parseInt(c[1]) + 1);
            assertThat(p.has("parent_provider_uuid")).isFalse();
        }
        JsonNode p = expect(cloud.get("/resource_providers/" + id, "1.14"), 200).json();
        assertThat(p.at("/links/0/href").asText()).isEqualTo("/resource_providers/" + id);
        assertThat(p.has("root_provider_uuid")).isTrue();
    }

    @Test
    void nestedProvidersAndReparenting() {
        String root = cloud.createProvider("root", null);
        String child = cloud.createProvider("child", root);
        String other = cloud.createProvider("other", null);
        JsonNode c = cloud.get("/resource_providers/" + child, null).json();
        assertThat(c.get("parent_provider_uuid").asText()).isEqualTo(root);
        assertThat(c.get("root_provider_uuid").asText()).isEqualTo(root);
        assertThat(names(cloud.get("/resource_providers?in_tree=" + child, null))).containsExactly("root", "child");
        assertThat(names(cloud.get("/resource_providers?in_tree=" + uuid(), null))).isEmpty();
        // Re-parenting only from 1.37; loops never.
        String move = "{\"name\": \"child\", \"parent_provider_uuid\": \"" + other + "\"}";
        assertThat(expect(cloud.send("PUT", "/resource_providers/" + child, "1.36", move), 400).body())
                .contains("re-parenting a provider is not currently allowed");
        expect(cloud.send("PUT", "/resource_providers/" + child, "1.37", move), 200);
        assertThat(cloud.get("/resource_providers/" + child, null).json().get("root_provider_uuid").asText())
                .isEqualTo(other);
        assertThat(expect(cloud.send("PUT", "/resource_providers/" + other, null, "{\"name\": \"other\", "
                + "\"parent_provider_uuid\": \"" + child + "\"}"), 400).body()).contains("creating loop");
        String unparent = "{\"name\": \"child\", \"parent_provider_uuid\": null}";
        expect(cloud.send("PUT", "/resource_providers/" + child, "1.36", unparent), 400);
        expect(cloud.send("PUT", "/resource_providers/" + child, "1.37", unparent), 200);
        // A parent cannot go before its children.
        cloud.createProvider("grandchild", root);
        PlacementCloud.Response r = expect(cloud.send("DELETE", "/resource_providers/" + root, null, null), 409);
        assertThat(r.code()).isEqualTo("placement.resource_provider.cannot_delete_parent");
    }

    @Test
    void filtersByNameUuidAndMicroversionGatedParameters() {
        String a = cloud.createProvider("a", null);
        cloud.createProvider("b", null);
        assertThat(names(cloud.get("/resource_providers?name=a", "1.0"))).containsExactly("a");
        assertThat(names(cloud.get("/resource_providers?uuid=" + a, "1.0"))).containsExactly("a");
        assertThat(expect(cloud.get("/resource_providers?uuid=spam", null), 400).body())
                .contains("Invalid query string parameters");
        expect(cloud.get("/resource_providers?spam=eggs", null), 400);
        expect(cloud.get("/resource_providers?member_of=" + uuid(), "1.2"), 400);
        expect(cloud.get("/resource_providers?resources=VCPU:1", "1.3"), 400);
        expect(cloud.get("/resource_providers?in_tree=" + a, "1.13"), 400);
        expect(cloud.get("/resource_providers?required=HW_CPU_X86_SSE", "1.17"), 400);
    }

    @Test
    void memberOfWithInAndForbidden() {
        String a = cloud.createProvider("a", null);
        String b = cloud.createProvider("b", null);
        cloud.createProvider("c", null);
        String agg1 = uuid();
        String agg2 = uuid();
        expect(cloud.send("PUT", "/resource_providers/" + a + "/aggregates", "1.1", "[\"" + agg1 + "\"]"), 200);
        expect(cloud.send("PUT", "/resource_providers/" + b + "/aggregates", "1.1", "[\"" + agg2 + "\"]"), 200);
        assertThat(names(cloud.get("/resource_providers?member_of=" + agg1, "1.3"))).containsExactly("a");
        assertThat(names(cloud.get("/resource_providers?member_of=in:" + agg1 + "," + agg2, "1.3")))
                .containsExactly("a", "b");
        expect(cloud.get("/resource_providers?member_of=" + agg1 + "&member_of=" + agg2, "1.23"), 400);
        assertThat(names(cloud.get("/resource_providers?member_of=" + agg1 + "&member_of=" + agg2, "1.24"))).isEmpty();
        assertThat(expect(cloud.get("/resource_providers?member_of=!" + agg1, "1.31"), 400).body())
                .contains("Forbidden member_of parameters are not supported");
        assertThat(names(cloud.get("/resource_providers?member_of=!" + agg1, "1.32"))).containsExactly("b", "c");
        assertThat(names(cloud.get("/resource_providers?member_of=!in:" + agg1 + "," + agg2, "1.32")))
                .containsExactly("c");
        expect(cloud.get("/resource_providers?member_of=nope", "1.3"), 400);
    }

    @Test
    void resourcesFilterChecksCapacityAndUnits() {
        String small = cloud.createProvider("small", null);
        String big = cloud.createProvider("big", null);
        cloud.setInventory(small, "\"VCPU\": {\"total\": 2}");
        cloud.setInventory(big, "\"VCPU\": {\"total\": 16, \"max_unit\": 8}, \"DISK_GB\": {\"total\": 100, \"step_size\": 10}");
        assertThat(names(cloud.get("/resource_providers?resources=VCPU:2", "1.4"))).containsExactly("small", "big");
        assertThat(names(cloud.get("/resource_providers?resources=VCPU:4", "1.4"))).containsExactly("big");
        assertThat(names(cloud.get("/resource_providers?resources=VCPU:9", "1.4"))).isEmpty();
        assertThat(names(cloud.get("/resource_providers?resources=VCPU:2,DISK_GB:15", "1.4"))).isEmpty();
        assertThat(names(cloud.get("/resource_providers?resources=VCPU:2,DISK_GB:20", "1.4"))).containsExactly("big");
        assertThat(expect(cloud.get("/resource_providers?resources=CUSTOM_NOPE:1", "1.4"), 400).body())
                .contains("Invalid resource class in resources parameter");
        expect(cloud.get("/resource_providers?resources=VCPU", "1.4"), 400);
        expect(cloud.get("/resource_providers?resources=VCPU:0", "1.4"), 400);
    }

    @Test
    void requiredTraitsForbiddenAndAnyOf() {
        String a = cloud.createProvider("a", null);
        String b = cloud.createProvider("b", null);
        expect(cloud.send("PUT", "/resource_providers/" + a + "/traits", null,
                "{\"resource_provider_generation\": 0, \"traits\": [\"HW_CPU_X86_SSE\"]}"), 200);
        expect(cloud.send("PUT", "/resource_providers/" + b + "/traits", null,
                "{\"resource_provider_generation\": 0, \"traits\": [\"HW_CPU_X86_AVX\"]}"), 200);
        assertThat(names(cloud.get("/resource_providers?required=HW_CPU_X86_SSE", "1.18"))).containsExactly("a");
        expect(cloud.get("/resource_providers?required=!HW_CPU_X86_SSE", "1.21"), 400);
        assertThat(names(cloud.get("/resource_providers?required=!HW_CPU_X86_SSE", "1.22"))).containsExactly("b");
        expect(cloud.get("/resource_providers?required=in:HW_CPU_X86_SSE,HW_CPU_X86_AVX", "1.38"), 400);
        assertThat(names(cloud.get("/resource_providers?required=in:HW_CPU_X86_SSE,HW_CPU_X86_AVX", "1.39")))
                .containsExactly("a", "b");
        // Before 1.39 a repeated "required" means the last one; from 1.39 all of them.
        assertThat(names(cloud.get("/resource_providers?required=HW_CPU_X86_AVX&required=HW_CPU_X86_SSE", "1.38")))
                .containsExactly("a");
        assertThat(names(cloud.get("/resource_providers?required=HW_CPU_X86_AVX&required=HW_CPU_X86_SSE", "1.39")))
                .isEmpty();
        expect(cloud.get("/resource_providers?required=CUSTOM_NOT_THERE", null), 400);
    }

    @Test
    void deleteRefusesProvidersInUse() {
        String rp = cloud.createProvider("used", null);
        cloud.setInventory(rp, "\"VCPU\": {\"total\": 4}");
        expect(cloud.send("PUT", "/allocations/" + uuid(), null, "{\"allocations\": {\"" + rp + "\": {\"resources\": "
                + "{\"VCPU\": 1}}}, \"project_id\": \"p\", \"user_id\": \"u\", \"consumer_generation\": null, "
                + "\"consumer_type\": \"INSTANCE\"}"), 204);
        assertThat(expect(cloud.send("DELETE", "/resource_providers/" + rp, null, null), 409).code())
                .isEqualTo("placement.resource_provider.inuse");
        expect(cloud.send("DELETE", "/resource_providers/" + uuid(), null, null), 404);
    }
}
