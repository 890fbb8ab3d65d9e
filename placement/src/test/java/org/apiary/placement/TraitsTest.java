package org.apiary.placement;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Like traits.yaml. */
class TraitsTest extends PlacementTestBase {

    @Test
    void standardTraitsAndCustomLifecycle() {
        expect(cloud.get("/traits/HW_CPU_X86_AVX2", "1.6"), 204);
        expect(cloud.send("PUT", "/traits/CUSTOM_TRAIT_1", "1.6", null), 201);
        PlacementCloud.Response again = expect(cloud.send("PUT", "/traits/CUSTOM_TRAIT_1", "1.15", null), 204);
        assertThat(again.header("Location")).endsWith("/traits/CUSTOM_TRAIT_1");
        assertThat(again.header("Last-Modified")).isNotNull();
        assertThat(expect(cloud.send("PUT", "/traits/NOT_CUSTOM", "1.6", null), 400).body())
                .contains("The trait is invalid");
        expect(cloud.send("DELETE", "/traits/HW_CPU_X86_AVX2", "1.6", null), 400);
        expect(cloud.send("DELETE", "/traits/CUSTOM_TRAIT_1", "1.6", null), 204);
        expect(cloud.get("/traits/CUSTOM_TRAIT_1", "1.6"), 404);
        expect(cloud.send("DELETE", "/traits/CUSTOM_TRAIT_1", "1.6", null), 404);
    }

    @Test
    void listFilters() {
        expect(cloud.send("PUT", "/traits/CUSTOM_A", "1.6", null), 201);
        expect(cloud.send("PUT", "/traits/CUSTOM_B", "1.6", null), 201);
        assertThat(cloud.get("/traits?name=startswith:CUSTOM", "1.6").json().get("traits").toString())
                .isEqualTo("[\"CUSTOM_A\",\"CUSTOM_B\"]");
        assertThat(cloud.get("/traits?name=in:CUSTOM_A,HW_CPU_X86_SSE", "1.6").json().get("traits").toString())
                .isEqualTo("[\"CUSTOM_A\",\"HW_CPU_X86_SSE\"]");
        assertThat(expect(cloud.get("/traits?name=in_abc", "1.6"), 400).body()).contains("Badly formatted name");
        expect(cloud.get("/traits?associated=maybe", "1.6"), 400);
        expect(cloud.get("/traits?bad=1", "1.6"), 400);
        String rp = cloud.createProvider("rp", null);
        expect(cloud.send("PUT", "/resource_providers/" + rp + "/traits", "1.6",
                "{\"resource_provider_generation\": 0, \"traits\": [\"CUSTOM_A\"]}"), 200);
        assertThat(cloud.get("/traits?associated=true", "1.6").json().get("traits").toString())
                .isEqualTo("[\"CUSTOM_A\"]");
        assertThat(cloud.get("/traits?associated=false&name=startswith:CUSTOM", "1.6").json().get("traits").toString())
                .isEqualTo("[\"CUSTOM_B\"]");
        assertThat(expect(cloud.send("DELETE", "/traits/CUSTOM_A", "1.6", null), 409).body())
                .contains("The trait CUSTOM_A is in use by a resource provider.");
    }

    @Test
    void providerTraitsUseTheGeneration() {
        String rp = cloud.createProvider("rp", null);
        PlacementCloud.Response r = expect(cloud.send("PUT", "/resource_providers/" + rp + "/traits", "1.6",
                "{\"resource_provider_generation\": 0, \"traits\": [\"HW_CPU_X86_SSE\", \"HW_CPU_X86_AVX\"]}"), 200);
        assertThat(r.json().get("resource_provider_generation").asInt()).isEqualTo(1);
        assertThat(r.json().get("traits")).hasSize(2);
        // The same set again leaves the generation alone, as upstream.
        r = expect(cloud.send("PUT", "/resource_providers/" + rp + "/traits", "1.6",
                "{\"resource_provider_generation\": 1, \"traits\": [\"HW_CPU_X86_SSE\", \"HW_CPU_X86_AVX\"]}"), 200);
        assertThat(r.json().get("resource_provider_generation").asInt()).isEqualTo(1);
        r = expect(cloud.send("PUT", "/resource_providers/" + rp + "/traits", "1.23",
                "{\"resource_provider_generation\": 0, \"traits\": []}"), 409);
        assertThat(r.code()).isEqualTo("placement.concurrent_update");
        assertThat(expect(cloud.send("PUT", "/resource_providers/" + rp + "/traits", "1.6",
                "{\"resource_provider_generation\": 1, \"traits\": [\"CUSTOM_NOPE\"]}"), 400).body())
                .contains("No such trait CUSTOM_NOPE");
        expect(cloud.send("DELETE", "/resource_providers/" + rp + "/traits", "1.6", null), 204);
        r = expect(cloud.get("/resource_providers/" + rp + "/traits", "1.6"), 200);
        assertThat(r.json().get("traits")).isEmpty();
        assertThat(r.json().get("resource_provider_generation").asInt()).isEqualTo(2);
        expect(cloud.get("/resource_providers/" + uuid() + "/traits", "1.6"), 404);
    }
}
