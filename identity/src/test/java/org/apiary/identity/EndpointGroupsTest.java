package org.apiary.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.apiary.common.Ids;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** OS-EP-FILTER: endpoint groups, their projects, and direct project-endpoint associations. */
class EndpointGroupsTest {
    static final String GROUPS = "/v3/OS-EP-FILTER/endpoint_groups";

    static TestCloud cloud;
    static String admin;
    static String member;

    @BeforeAll
    static void start() throws Exception {
        cloud = new TestCloud();
        admin = cloud.adminToken();
        CredentialsTest.seedMember(cloud, "erin", "erin-project");
        member = cloud.passwordToken("erin", "pw-erin", "erin-project");
    }

    @AfterAll
    static void stop() {
        cloud.close();
    }

    static String service() {
        TestCloud.Response r = cloud.post("/v3/services", admin, "{\"service\": {\"type\": \"t-" + Ids.hex() + "\"}}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().at("/service/id").asText();
    }

    static String endpoint(String serviceId, String iface) {
        TestCloud.Response r = cloud.post("/v3/endpoints", admin, "{\"endpoint\": {\"service_id\": \"" + serviceId
                + "\", \"interface\": \"" + iface + "\", \"url\": \"http://x/" + iface + "\"}}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().at("/endpoint/id").asText();
    }

    static String project() {
        TestCloud.Response r = cloud.post("/v3/projects", admin, "{\"project\": {\"name\": \"p-" + Ids.hex() + "\"}}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().at("/project/id").asText();
    }

    static JsonNode group(String body) {
        TestCloud.Response r = cloud.post(GROUPS, admin, "{\"endpoint_group\": " + body + "}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("endpoint_group");
    }

    static String error(TestCloud.Response r) {
        return r.json().at("/error/message").asText();
    }

    @Test
    void groupCrudAndTheEndpointsItSelects() {
        String svc = service();
        String pub = endpoint(svc, "public");
        endpoint(svc, "internal");
        String name = "g-" + Ids.hex();
        JsonNode g = group("{\"name\": \"" + name + "\", \"description\": \"d\", \"filters\": {\"service_id\": \""
                + svc + "\", \"interface\": \"public\"}}");
        String id = g.get("id").asText();
        assertThat(g.get("name").asText()).isEqualTo(name);
        assertThat(g.at("/filters/service_id").asText()).isEqualTo(svc);
        assertThat(g.at("/links/self").asText()).isEqualTo(cloud.baseUrl + GROUPS + "/" + id);

        assertThat(cloud.get(GROUPS, admin).json().get("endpoint_groups")).contains(g);
        assertThat(cloud.get(GROUPS + "?name=" + name, admin).json().get("endpoint_groups")).containsExactly(g);
        assertThat(cloud.get(GROUPS + "/" + id, admin).json().get("endpoint_group")).isEqualTo(g);
        assertThat(cloud.send("HEAD", GROUPS + "/" + id, admin, null).status()).isEqualTo(200);
        JsonNode eps = cloud.get(GROUPS + "/" + id + "/endpoints", admin).json().get("endpoints");
        assertThat(eps.findValuesAsText("id")).containsExactly(pub);

        TestCloud.Response r = cloud.send("PATCH", GROUPS + "/" + id, admin,
                "{\"endpoint_group\": {\"description\": null, \"filters\": {\"service_id\": \"" + svc + "\"}}}");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().at("/endpoint_group/description").isNull()).isTrue();
        assertThat(r.json().at("/endpoint_group/name").asText()).isEqualTo(name);
        assertThat(cloud.get(GROUPS + "/" + id + "/endpoints", admin).json().get("endpoints")).hasSize(2);

        assertThat(cloud.send("DELETE", GROUPS + "/" + id, admin, null).status()).isEqualTo(204);
        r = cloud.get(GROUPS + "/" + id, admin);
        assertThat(r.status()).isEqualTo(404);
        assertThat(error(r)).isEqualTo("Could not find Endpoint Group: " + id + ".");
        assertThat(cloud.send("DELETE", GROUPS + "/" + id, admin, null).status()).isEqualTo(404);
    }

    @Test
    void badGroupBodiesAreRejected() {
        TestCloud.Response r = cloud.post(GROUPS, admin, "{\"endpoint_group\": {\"name\": \"x\"}}");
        assertThat(r.status()).isEqualTo(400);
        assertThat(error(r)).isEqualTo("'filters' is a required property");
        r = cloud.post(GROUPS, admin, "{\"endpoint_group\": {\"name\": \"x\", \"filters\": {}}}");
        assertThat(r.status()).isEqualTo(400);
        assertThat(error(r)).isEqualTo("filters field is required and cannot be empty");
        r = cloud.post(GROUPS, admin, "{\"endpoint_group\": {\"name\": \"x\", \"filters\": {\"url\": \"u\"}}}");
        assertThat(r.status()).isEqualTo(400);
        assertThat(error(r)).startsWith("Expecting to find service_id or region_id or interface in endpoint_group.");
        assertThat(cloud.post(GROUPS, admin, "{\"endpoint_group\": {\"filters\": {\"interface\": \"public\"}}}")
                .status()).isEqualTo(400);
        assertThat(cloud.post(GROUPS, admin, "{\"endpoint_group\": {\"name\": 5, \"filters\": {\"interface\": \"a\"}}}")
                .status()).isEqualTo(400);
        assertThat(cloud.post(GROUPS, admin, "{\"endpoint_group\": {\"name\": \"x\", \"filters\": [1]}}").status())
                .isEqualTo(400);
        assertThat(cloud.post(GROUPS, admin, "{\"endpoint_group\": ").status()).isEqualTo(400);

        String id = group("{\"name\": \"ok\", \"filters\": {\"interface\": \"admin\"}}").get("id").asText();
        assertThat(cloud.send("PATCH", GROUPS + "/" + id, admin, "{\"endpoint_group\": {}}").status()).isEqualTo(400);
        assertThat(cloud.send("PATCH", GROUPS + "/" + id, admin, "{\"endpoint_group\": {\"name\": null}}").status())
                .isEqualTo(400);
        assertThat(cloud.send("PATCH", GROUPS + "/" + id, admin,
                "{\"endpoint_group\": {\"filters\": {\"enabled\": true}}}").status()).isEqualTo(400);
        assertThat(cloud.send("PATCH", GROUPS + "/" + id, admin, "{\"endpoint_group\": {\"id\": \"other\"}}").status())
                .isEqualTo(400);
        assertThat(cloud.send("PATCH", GROUPS + "/nope", admin, "{\"endpoint_group\": {\"name\": \"n\"}}").status())
                .isEqualTo(404);
    }

    @Test
    void projectsGetEndpointsThroughGroupsAndDirectAssociations() {
        String svc = service();
        String pub = endpoint(svc, "public");
        String adm = endpoint(svc, "admin");
        String proj = project();
        String g = group("{\"name\": \"pg\", \"filters\": {\"service_id\": \"" + svc + "\", \"interface\": "
                + "\"public\"}}").get("id").asText();
        String assoc = GROUPS + "/" + g + "/projects/" + proj;

        assertThat(cloud.send("PUT", assoc, admin, null).status()).isEqualTo(204);
        TestCloud.Response r = cloud.send("PUT", assoc, admin, null);
        assertThat(r.status()).isEqualTo(409);
        assertThat(error(r)).isEqualTo("Conflict occurred attempting to store project_endpoint_group - Duplicate entry.");
        r = cloud.get(assoc, admin);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().at("/project_endpoint_group/project_id").asText()).isEqualTo(proj);
        assertThat(r.json().at("/project_endpoint_group/endpoint_group_id").asText()).isEqualTo(g);
        assertThat(cloud.get(GROUPS + "/" + g + "/projects", admin).json().get("projects").findValuesAsText("id"))
                .containsExactly(proj);
        assertThat(cloud.get("/v3/OS-EP-FILTER/projects/" + proj + "/endpoint_groups", admin).json()
                .get("endpoint_groups").findValuesAsText("id")).containsExactly(g);
        assertThat(projectEndpoints(proj)).containsExactly(pub);

        String direct = "/v3/OS-EP-FILTER/projects/" + proj + "/endpoints/" + adm;
        assertThat(cloud.send("PUT", direct, admin, null).status()).isEqualTo(204);
        assertThat(cloud.send("PUT", direct, admin, null).status()).isEqualTo(409);
        assertThat(cloud.get(direct, admin).status()).isEqualTo(204);
        assertThat(cloud.send("HEAD", direct, admin, null).status()).isEqualTo(204);
        assertThat(projectEndpoints(proj)).containsExactly(adm, pub);
        assertThat(cloud.get("/v3/OS-EP-FILTER/endpoints/" + adm + "/projects", admin).json().get("projects")
                .findValuesAsText("id")).containsExactly(proj);

        assertThat(cloud.send("DELETE", direct, admin, null).status()).isEqualTo(204);
        r = cloud.get(direct, admin);
        assertThat(r.status()).isEqualTo(404);
        assertThat(error(r)).isEqualTo("Endpoint " + adm + " not found in project " + proj);
        assertThat(cloud.send("DELETE", direct, admin, null).status()).isEqualTo(404);

        assertThat(cloud.send("DELETE", assoc, admin, null).status()).isEqualTo(204);
        r = cloud.get(assoc, admin);
        assertThat(r.status()).isEqualTo(404);
        assertThat(error(r)).isEqualTo("Endpoint Group Project Association not found");
        assertThat(projectEndpoints(proj)).isEmpty();
    }

    @Test
    void unknownProjectsEndpointsAndGroupsAre404() {
        String svc = service();
        String ep = endpoint(svc, "public");
        String proj = project();
        String g = group("{\"name\": \"u\", \"filters\": {\"interface\": \"public\"}}").get("id").asText();
        TestCloud.Response r = cloud.send("PUT", GROUPS + "/" + g + "/projects/nope", admin, null);
        assertThat(r.status()).isEqualTo(404);
        assertThat(error(r)).isEqualTo("Could not find project: nope.");
        assertThat(cloud.send("PUT", GROUPS + "/nope/projects/" + proj, admin, null).status()).isEqualTo(404);
        r = cloud.send("PUT", "/v3/OS-EP-FILTER/projects/" + proj + "/endpoints/nope", admin, null);
        assertThat(r.status()).isEqualTo(404);
        assertThat(error(r)).isEqualTo("Could not find endpoint: nope.");
        assertThat(cloud.send("PUT", "/v3/OS-EP-FILTER/projects/nope/endpoints/" + ep, admin, null).status())
                .isEqualTo(404);
        assertThat(cloud.get("/v3/OS-EP-FILTER/projects/nope/endpoints", admin).status()).isEqualTo(404);
        assertThat(cloud.get("/v3/OS-EP-FILTER/projects/nope/endpoint_groups", admin).status()).isEqualTo(404);
        assertThat(cloud.get("/v3/OS-EP-FILTER/endpoints/nope/projects", admin).status()).isEqualTo(404);
        assertThat(cloud.get(GROUPS + "/nope/endpoints", admin).status()).isEqualTo(404);
        // As in Keystone, the projects of an unknown group are simply none.
        assertThat(cloud.get(GROUPS + "/nope/projects", admin).json().get("projects")).isEmpty();
    }

    @Test
    void deletedProjectsAndEndpointsDropOutOfAssociations() {
        String svc = service();
        String ep = endpoint(svc, "public");
        String proj = project();
        String g = group("{\"name\": \"gone\", \"filters\": {\"service_id\": \"" + svc + "\"}}").get("id").asText();
        assertThat(cloud.send("PUT", GROUPS + "/" + g + "/projects/" + proj, admin, null).status()).isEqualTo(204);
        assertThat(cloud.send("PUT", "/v3/OS-EP-FILTER/projects/" + proj + "/endpoints/" + ep, admin, null).status())
                .isEqualTo(204);

        String other = endpoint(service(), "public");
        assertThat(cloud.send("PUT", "/v3/OS-EP-FILTER/projects/" + proj + "/endpoints/" + other, admin, null)
                .status()).isEqualTo(204);
        assertThat(cloud.send("DELETE", "/v3/endpoints/" + other, admin, null).status()).isEqualTo(204);
        assertThat(projectEndpoints(proj)).containsExactly(ep);

        assertThat(cloud.send("DELETE", "/v3/projects/" + proj, admin, null).status()).isEqualTo(204);
        assertThat(cloud.get(GROUPS + "/" + g + "/projects", admin).json().get("projects")).isEmpty();
        assertThat(cloud.get("/v3/OS-EP-FILTER/endpoints/" + ep + "/projects", admin).json().get("projects")).isEmpty();
    }

    @Test
    void onlyAdminsSeeOrChangeEndpointFilters() {
        String g = group("{\"name\": \"m\", \"filters\": {\"interface\": \"public\"}}").get("id").asText();
        assertThat(cloud.get(GROUPS, member).status()).isEqualTo(403);
        assertThat(cloud.get(GROUPS + "/" + g, member).status()).isEqualTo(403);
        assertThat(cloud.post(GROUPS, member, "{\"endpoint_group\": {\"name\": \"x\", \"filters\": "
                + "{\"interface\": \"public\"}}}").status()).isEqualTo(403);
        assertThat(cloud.send("DELETE", GROUPS + "/" + g, member, null).status()).isEqualTo(403);
        assertThat(cloud.get("/v3/OS-EP-FILTER/projects/x/endpoints", member).status()).isEqualTo(403);
        assertThat(cloud.send("PUT", "/v3/OS-EP-FILTER/projects/x/endpoints/y", member, null).status()).isEqualTo(403);
        assertThat(cloud.get(GROUPS, null).status()).isEqualTo(401);
        assertThat(cloud.get("/v3/OS-EP-FILTER/endpoints/x/projects", null).status()).isEqualTo(401);
    }

    private static java.util.List<String> projectEndpoints(String project) {
        TestCloud.Response r = cloud.get("/v3/OS-EP-FILTER/projects/" + project + "/endpoints", admin);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().get("endpoints").findValuesAsText("id");
    }
}
