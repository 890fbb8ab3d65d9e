package org.apiary.placement;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Like basic-http.yaml and microversion.yaml: the version document, negotiation, HTTP rules. */
class RootAndHttpTest extends PlacementTestBase {

    @Test
    void rootIsPublicAndAdvertisesTheRange() {
        PlacementCloud.Response r = expect(cloud.call(cloud.baseUrl, "GET", "/", null, null), 200);
        assertThat(r.json().at("/versions/0/min_version").asText()).isEqualTo("1.0");
        assertThat(r.json().at("/versions/0/max_version").asText()).isEqualTo("1.39");
        assertThat(r.json().at("/versions/0/id").asText()).isEqualTo("v1.0");
        assertThat(r.json().at("/versions/0/links/0/href").asText()).isEmpty();
        assertThat(r.header("OpenStack-API-Version")).isEqualTo("placement 1.0");
    }

    @Test
    void cacheHeadersFrom115() {
        PlacementCloud.Response old = cloud.as(null, "GET", "/", "1.14", null);
        assertThat(old.header("Cache-Control")).isNull();
        assertThat(old.header("Last-Modified")).isNull();
        PlacementCloud.Response now = cloud.as(null, "GET", "/", "1.15", null);
        assertThat(now.header("Cache-Control")).isEqualTo("no-cache");
        assertThat(now.header("Last-Modified")).matches("\\w+, \\d+ \\w+ \\d{4} [\\d:]+ GMT");
    }

    @Test
    void latestAndUnacceptableVersions() {
        assertThat(cloud.as(null, "GET", "/", "latest", null).header("OpenStack-API-Version"))
                .isEqualTo("placement 1.39");
        PlacementCloud.Response r = expect(cloud.as(null, "GET", "/", "0.5", null), 406);
        assertThat(r.json().at("/errors/0/max_version").asText()).isEqualTo("1.39");
        assertThat(r.json().at("/errors/0/min_version").asText()).isEqualTo("1.0");
        assertThat(r.body()).contains("Unacceptable version header: 0.5");
        expect(cloud.as(null, "GET", "/", "1.40", null), 406);
        assertThat(expect(cloud.as(null, "GET", "/", "pony.horse", null), 400).body())
                .contains("invalid version string: pony.horse");
    }

    @Test
    void errorsHaveTitleRequestIdAndCode() {
        PlacementCloud.Response r = expect(cloud.get("/barnabas", "1.23"), 404);
        assertThat(r.json().at("/errors/0/title").asText()).isEqualTo("Not Found");
        assertThat(r.json().at("/errors/0/request_id").asText()).startsWith("req-");
        assertThat(r.code()).isEqualTo("placement.undefined_code");
    }

    @Test
    void wrongMethodIs405WithAllowAndVersion() {
        PlacementCloud.Response r = expect(cloud.send("DELETE", "/resource_providers", "1.20", null), 405);
        assertThat(r.header("Allow")).isEqualTo("GET, POST");
        assertThat(r.body()).contains("The method DELETE is not allowed for this resource.");
        assertThat(r.header("OpenStack-API-Version")).isEqualTo("placement 1.20");
        assertThat(expect(cloud.send("OPTIONS", "/resource_providers", null, null), 405).header("Allow"))
                .isEqualTo("GET, POST");
    }

    @Test
    void acceptAndContentTypeRules() {
        expect(cloud.as(cloud.adminToken(), "GET", "/resource_providers", null, null, "Accept", "text/plain"), 406);
        expect(cloud.as(cloud.adminToken(), "GET", "/resource_providers", null, null, "Accept",
                "text/html,application/xml;q=0.9,*/*;q=0.8"), 200);
        PlacementCloud.Response r = cloud.as(cloud.adminToken(), "POST", "/resource_providers", null, "{\"name\": \"x\"}",
                "Content-Type", "text/plain");
        assertThat(expect(r, 415).body()).contains("The media type text/plain is not supported, use application/json");
        expect(cloud.send("POST", "/resource_providers", null, "{\"transport\": \"car\"}"), 400);
        assertThat(expect(cloud.send("POST", "/resource_providers", null, "{bad"), 400).body()).contains("Malformed JSON");
    }

    @Test
    void versionGatedRoutesAre404BeforeTheirVersion() {
        expect(cloud.get("/resource_classes", "1.1"), 404);
        expect(cloud.get("/traits", "1.5"), 404);
        expect(cloud.get("/usages?project_id=x", "1.8"), 404);
        // 404 before 415: the version check wraps the content-type check, as upstream.
        expect(cloud.as(cloud.adminToken(), "POST", "/resource_classes", "1.1", "x", "Content-Type", "text/plain"), 404);
        expect(cloud.send("POST", "/reshaper", "1.29", "{}"), 404);
        expect(cloud.send("POST", "/allocations", "1.12", "{}"), 404);
    }
}
