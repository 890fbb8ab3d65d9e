package org.apiary.compute;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Version documents, microversion negotiation (both headers) and echo, Nova's error body. */
class VersionsTest extends ComputeTestBase {
    @Test
    void versionDocumentsNeedNoToken() {
        ComputeCloud.Response root = expect(cloud.call(cloud.baseUrl, "GET", "/", null, null), 200);
        assertThat(root.json().at("/versions/0/id").asText()).isEqualTo("v2.1");
        assertThat(root.json().at("/versions/0/min_version").asText()).isEqualTo("2.1");
        assertThat(root.json().at("/versions/0/version").asText()).isEqualTo("2.93");
        assertThat(root.json().at("/versions/0/links/0/href").asText()).isEqualTo(cloud.baseUrl + "/v2.1/");
        ComputeCloud.Response v21 = expect(cloud.call(cloud.baseUrl, "GET", "/v2.1", null, null), 200);
        assertThat(v21.json().at("/version/status").asText()).isEqualTo("CURRENT");
        assertThat(v21.json().at("/version/media-types/0/type").asText())
                .isEqualTo("application/vnd.openstack.compute+json;version=2.1");
    }

    @Test
    void negotiatesWithEitherHeaderAndEchoesBoth() {
        String token = cloud.adminToken();
        ComputeCloud.Response none = cloud.call(cloud.baseUrl, "GET", "/v2.1/flavors", token, null);
        assertThat(none.header("OpenStack-API-Version")).isEqualTo("compute 2.1");
        assertThat(none.header("X-OpenStack-Nova-API-Version")).isEqualTo("2.1");
        ComputeCloud.Response legacy = cloud.call(cloud.baseUrl, "GET", "/v2.1/flavors", token, null,
                "X-OpenStack-Nova-API-Version", "2.55");
        assertThat(legacy.header("OpenStack-API-Version")).isEqualTo("compute 2.55");
        ComputeCloud.Response latest = cloud.send("GET", "/flavors", "latest", null);
        assertThat(latest.header("X-OpenStack-Nova-API-Version")).isEqualTo("2.93");
        assertThat(latest.header("Vary")).contains("OpenStack-API-Version").contains("X-OpenStack-Nova-API-Version");
        assertThat(latest.header("x-openstack-request-id")).startsWith("req-");
    }

    @Test
    void outOfRangeVersionsAreRefused() {
        assertThat(cloud.send("GET", "/flavors", "2.94", null).status()).isEqualTo(406);
        assertThat(cloud.send("GET", "/flavors", "2.0", null).status()).isEqualTo(406);
        expectError(cloud.send("GET", "/flavors", "2.x", null), 400, "badRequest");
    }

    @Test
    void errorsCarryNovasBodyAndTheVersionHeaders() {
        ComputeCloud.Response r = expectError(cloud.send("GET", "/flavors/nope", "2.60", null), 404, "itemNotFound");
        assertThat(r.json().at("/itemNotFound/message").asText()).isEqualTo("Flavor nope could not be found.");
        assertThat(r.header("OpenStack-API-Version")).isEqualTo("compute 2.60");
        expectError(cloud.call(cloud.baseUrl, "GET", "/v2.1/flavors", null, null), 401, "unauthorized");
        expectError(cloud.send("POST", "/flavors", null, "{not json"), 400, "badRequest");
    }
}
