package org.apiary.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** /v3/services and /v3/endpoints, and what they do to the token catalog. */
class CatalogTest {
    static TestCloud cloud;
    static String admin;
    static String member;

    @BeforeAll
    static void start() throws Exception {
        cloud = new TestCloud();
        admin = cloud.adminToken();
        CredentialsTest.seedMember(cloud, "carol", "carol-project");
        member = cloud.passwordToken("carol", "pw-carol", "carol-project");
    }

    @AfterAll
    static void stop() {
        cloud.close();
    }

    static JsonNode createService(String body) {
        TestCloud.Response r = cloud.post("/v3/services", admin, "{\"service\": " + body + "}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("service");
    }

    static JsonNode createEndpoint(String body) {
        TestCloud.Response r = cloud.post("/v3/endpoints", admin, "{\"endpoint\": " + body + "}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("endpoint");
    }

    @Test
    void serviceCrudKeepsExtraAttributes() {
        JsonNode s = createService("{\"type\": \"volume\", \"name\": \"cinder\", \"description\": \"Block\", "
                + "\"os-flavor\": \"x\", \"id\": \"ignored\"}");
        String id = s.get("id").asText();
        assertThat(id).matches("[0-9a-f]{32}");
        assertThat(s.get("type").asText()).isEqualTo("volume");
        assertThat(s.get("name").asText()).isEqualTo("cinder");
        assertThat(s.get("description").asText()).isEqualTo("Block");
        assertThat(s.get("enabled").asBoolean()).isTrue();
        assertThat(s.get("os_flavor").asText()).isEqualTo("x"); // Keystone normalizes '-' in keys on create
        assertThat(s.at("/links/self").asText()).isEqualTo(cloud.baseUrl + "/v3/services/" + id);

        TestCloud.Response r = cloud.send("PATCH", "/v3/services/" + id, admin,
                "{\"service\": {\"description\": \"Blocks\", \"enabled\": false}}");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode got = cloud.get("/v3/services/" + id, admin).json().get("service");
        assertThat(got.get("description").asText()).isEqualTo("Blocks");
        assertThat(got.get("name").asText()).isEqualTo("cinder");
        assertThat(got.get("enabled").asBoolean()).isFalse();

        assertThat(cloud.send("DELETE", "/v3/services/" + id, admin, null).status()).isEqualTo(204);
        r = cloud.get("/v3/services/" + id, admin);
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.json().at("/error/message").asText()).isEqualTo("Could not find service: " + id + ".");
    }

    @Test
    void serviceWithoutNameShowsEmptyNameAndListsFilter() {
        JsonNode a = createService("{\"type\": \"filter-a\"}");
        assertThat(a.get("name").asText()).isEmpty();
        createService("{\"type\": \"filter-b\", \"name\": \"bee\"}");
        JsonNode list = cloud.get("/v3/services?type=filter-a", admin).json().get("services");
        assertThat(list).hasSize(1);
        assertThat(list.get(0).get("id").asText()).isEqualTo(a.get("id").asText());
        list = cloud.get("/v3/services?name=bee", admin).json().get("services");
        assertThat(list.findValuesAsText("type")).containsExactly("filter-b");
        assertThat(cloud.get("/v3/services", admin).json().get("services").findValuesAsText("type"))
                .contains("identity", "filter-a", "filter-b");
    }

    @Test
    void serviceValidationIs400() {
        for (String bad : List.of("{}", "{\"type\": \"\"}", "{\"type\": 5}", "{\"type\": null}",
                "{\"type\": \"" + "t".repeat(256) + "\"}", "{\"type\": \"x\", \"enabled\": \"True\"}",
                "{\"type\": \"x\", \"enabled\": null}", "{\"type\": \"x\", \"name\": \"\"}",
                "{\"type\": \"x\", \"name\": \"   \"}", "{\"type\": \"x\", \"name\": 3}")) {
            TestCloud.Response r = cloud.post("/v3/services", admin, "{\"service\": " + bad + "}");
            assertThat(r.status()).as(bad + " -> " + r.body()).isEqualTo(400);
        }
        assertThat(cloud.post("/v3/services", admin, "{\"service\": ").status()).isEqualTo(400);
        assertThat(cloud.post("/v3/services", admin, "{\"service\": \"x\"}").status()).isEqualTo(400);
        String id = createService("{\"type\": \"patchme\"}").get("id").asText();
        assertThat(cloud.send("PATCH", "/v3/services/" + id, admin, "{\"service\": {}}").status()).isEqualTo(400);
        TestCloud.Response r = cloud.send("PATCH", "/v3/services/" + id, admin, "{\"service\": {\"id\": \"other\"}}");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().at("/error/message").asText()).isEqualTo("Cannot change ID");
        assertThat(cloud.send("PATCH", "/v3/services/nope", admin, "{\"service\": {\"name\": \"n\"}}").status())
                .isEqualTo(404);
        assertThat(cloud.send("DELETE", "/v3/services/nope", admin, null).status()).isEqualTo(404);
    }

    @Test
    void endpointCrudAndFilters() {
        String svc = createService("{\"type\": \"image\", \"name\": \"glance\"}").get("id").asText();
        JsonNode e = createEndpoint("{\"service_id\": \"" + svc + "\", \"interface\": \"public\", "
                + "\"url\": \"http://img.example.org:9292\", \"region_id\": \"RegionOne\", \"note\": \"kept\"}");
        String id = e.get("id").asText();
        assertThat(e.get("region_id").asText()).isEqualTo("RegionOne");
        assertThat(e.get("region").asText()).isEqualTo("RegionOne");
        assertThat(e.get("enabled").asBoolean()).isTrue();
        assertThat(e.get("note").asText()).isEqualTo("kept");
        assertThat(e.at("/links/self").asText()).endsWith("/v3/endpoints/" + id);
        createEndpoint("{\"service_id\": \"" + svc + "\", \"interface\": \"internal\", "
                + "\"url\": \"http://10.0.0.1:9292/$(project_id)s\", \"region_id\": \"RegionOne\"}");

        JsonNode bySvc = cloud.get("/v3/endpoints?service_id=" + svc, admin).json().get("endpoints");
        assertThat(bySvc).hasSize(2);
        JsonNode publicOnes = cloud.get("/v3/endpoints?service_id=" + svc + "&interface=public", admin).json()
                .get("endpoints");
        assertThat(publicOnes.findValuesAsText("id")).containsExactly(id);
        assertThat(cloud.get("/v3/endpoints?region_id=Nowhere", admin).json().get("endpoints")).isEmpty();

        String svc2 = createService("{\"type\": \"image2\"}").get("id").asText();
        TestCloud.Response r = cloud.send("PATCH", "/v3/endpoints/" + id, admin, "{\"endpoint\": {\"service_id\": \""
                + svc2 + "\", \"interface\": \"admin\", \"url\": \"https://img2:1\", \"enabled\": false}}");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode got = cloud.get("/v3/endpoints/" + id, admin).json().get("endpoint");
        assertThat(got.get("service_id").asText()).isEqualTo(svc2);
        assertThat(got.get("interface").asText()).isEqualTo("admin");
        assertThat(got.get("url").asText()).isEqualTo("https://img2:1");
        assertThat(got.get("enabled").asBoolean()).isFalse();
        assertThat(got.get("region_id").asText()).isEqualTo("RegionOne");

        assertThat(cloud.send("DELETE", "/v3/endpoints/" + id, admin, null).status()).isEqualTo(204);
        r = cloud.get("/v3/endpoints/" + id, admin);
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.json().at("/error/message").asText()).isEqualTo("Could not find endpoint: " + id + ".");
    }

    @Test
    void legacyRegionIsCreatedOnTheFly() {
        String svc = createService("{\"type\": \"legacy\"}").get("id").asText();
        JsonNode e = createEndpoint("{\"service_id\": \"" + svc + "\", \"interface\": \"public\", "
                + "\"url\": \"http://legacy\", \"region\": \"OldRegion\"}");
        assertThat(e.get("region").asText()).isEqualTo("OldRegion");
        assertThat(e.get("region_id").asText()).isEqualTo("OldRegion");
        assertThat(cloud.get("/v3/regions/OldRegion", admin).status()).isEqualTo(200);
        // A request that fails validation must not leave a region behind.
        TestCloud.Response r = cloud.post("/v3/endpoints", admin, "{\"endpoint\": {\"service_id\": \"" + svc
                + "\", \"interface\": \"public\", \"url\": \"http://x\", \"region\": \"Ghost\", \"enabled\": \"False\"}}");
        assertThat(r.status()).isEqualTo(400);
        assertThat(cloud.get("/v3/regions/Ghost", admin).status()).isEqualTo(404);
    }

    @Test
    void endpointValidationIs400() {
        String svc = createService("{\"type\": \"validate\"}").get("id").asText();
        String ok = "\"service_id\": \"" + svc + "\", \"interface\": \"public\", ";
        TestCloud.Response r = cloud.post("/v3/endpoints", admin, "{\"endpoint\": {" + ok
                + "\"url\": \"http://x\", \"region_id\": \"Atlantis\"}}");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().at("/error/message").asText()).startsWith("Expecting to find endpoint region_id in region table.");
        r = cloud.post("/v3/endpoints", admin, "{\"endpoint\": {\"service_id\": \"missing\", \"interface\": \"public\", "
                + "\"url\": \"http://x\"}}");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().at("/error/message").asText()).startsWith("Expecting to find endpoint service_id in service table.");
        r = cloud.post("/v3/endpoints", admin, "{\"endpoint\": {" + ok + "\"url\": \"http://x/$(tenant)s\"}}");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().at("/error/message").asText())
                .isEqualTo("Cannot create an endpoint with an invalid URL: http://x/$(tenant)s.");
        for (String bad : List.of(ok + "\"url\": \"http://x/%s%s\"", ok + "\"url\": \"http://x/$(user_id)d\"",
                ok + "\"url\": \"http://x/100%\"", ok + "\"url\": \"no scheme\"", ok + "\"url\": 7", ok + "\"url\": null",
                ok + "\"url\": \"http://" + "x".repeat(230) + "\"", "\"service_id\": \"" + svc + "\", \"url\": \"http://x\"",
                "\"service_id\": \"" + svc + "\", \"interface\": \"private\", \"url\": \"http://x\"",
                ok + "\"url\": \"http://x\", \"enabled\": \"True\"", ok + "\"url\": \"http://x\", \"region_id\": null")) {
            r = cloud.post("/v3/endpoints", admin, "{\"endpoint\": {" + bad + "}}");
            assertThat(r.status()).as(bad + " -> " + r.body()).isEqualTo(400);
        }
        r = cloud.post("/v3/endpoints", admin, "{\"endpoint\": {" + ok + "\"url\": \"http://x/100%%/$(project_id)s\"}}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        String id = r.json().at("/endpoint/id").asText();
        assertThat(cloud.send("PATCH", "/v3/endpoints/" + id, admin, "{\"endpoint\": {}}").status()).isEqualTo(400);
        assertThat(cloud.send("PATCH", "/v3/endpoints/" + id, admin, "{\"endpoint\": {\"enabled\": \"False\"}}")
                .status()).isEqualTo(400);
        assertThat(cloud.send("PATCH", "/v3/endpoints/" + id, admin, "{\"endpoint\": {\"region_id\": \"Atlantis\"}}")
                .status()).isEqualTo(400);
        assertThat(cloud.send("PATCH", "/v3/endpoints/nope", admin, "{\"endpoint\": {\"url\": \"http://y\"}}")
                .status()).isEqualTo(404);
        assertThat(cloud.send("DELETE", "/v3/endpoints/nope", admin, null).status()).isEqualTo(404);
    }

    @Test
    void deletingAServiceDeletesItsEndpoints() {
        String svc = createService("{\"type\": \"doomed\"}").get("id").asText();
        String ep = createEndpoint("{\"service_id\": \"" + svc + "\", \"interface\": \"public\", \"url\": \"http://d\"}")
                .get("id").asText();
        assertThat(cloud.send("DELETE", "/v3/services/" + svc, admin, null).status()).isEqualTo(204);
        assertThat(cloud.get("/v3/endpoints/" + ep, admin).status()).isEqualTo(404);
    }

    @Test
    void tokenCatalogFollowsEnabledFlags() {
        String svc = createService("{\"type\": \"dns\", \"name\": \"designate\"}").get("id").asText();
        String ep = createEndpoint("{\"service_id\": \"" + svc + "\", \"interface\": \"public\", "
                + "\"url\": \"http://dns:9001\", \"region_id\": \"RegionOne\"}").get("id").asText();
        assertThat(catalogUrls("dns")).containsExactly("http://dns:9001");

        cloud.send("PATCH", "/v3/endpoints/" + ep, admin, "{\"endpoint\": {\"enabled\": false}}");
        assertThat(catalogUrls("dns")).isEmpty();
        cloud.send("PATCH", "/v3/endpoints/" + ep, admin, "{\"endpoint\": {\"enabled\": true}}");
        assertThat(catalogUrls("dns")).containsExactly("http://dns:9001");
        cloud.send("PATCH", "/v3/services/" + svc, admin, "{\"service\": {\"enabled\": false}}");
        assertThat(catalogUrls("dns")).isNull();
    }

    /** The URLs of the catalog entry of the given type in a fresh token; null when the service is absent. */
    private static List<String> catalogUrls(String type) {
        TestCloud.Response r = cloud.get("/v3/auth/catalog", admin);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        for (JsonNode s : r.json().get("catalog")) {
            if (s.get("type").asText().equals(type)) {
                return s.get("endpoints").findValuesAsText("url");
            }
        }
        return null;
    }

    @Test
    void onlyAdminsManageTheCatalog() {
        assertThat(cloud.get("/v3/services", null).status()).isEqualTo(401);
        assertThat(cloud.get("/v3/endpoints", null).status()).isEqualTo(401);
        assertThat(cloud.get("/v3/services", member).status()).isEqualTo(403);
        assertThat(cloud.get("/v3/endpoints", member).status()).isEqualTo(403);
        assertThat(cloud.post("/v3/services", member, "{\"service\": {\"type\": \"x\"}}").status()).isEqualTo(403);
        String svc = createService("{\"type\": \"guarded\"}").get("id").asText();
        assertThat(cloud.get("/v3/services/" + svc, member).status()).isEqualTo(403);
        assertThat(cloud.send("DELETE", "/v3/services/" + svc, member, null).status()).isEqualTo(403);
        assertThat(cloud.post("/v3/endpoints", member, "{\"endpoint\": {\"service_id\": \"" + svc
                + "\", \"interface\": \"public\", \"url\": \"http://g\"}}").status()).isEqualTo(403);
        // A member's token still carries the catalog.
        assertThat(cloud.get("/v3/auth/catalog", member).status()).isEqualTo(200);
    }
}
