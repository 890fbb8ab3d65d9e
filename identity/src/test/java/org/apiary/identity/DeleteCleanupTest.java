package org.apiary.identity;

import static org.assertj.core.api.Assertions.assertThat;

import org.apiary.common.Ids;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Deleting a domain, project or endpoint also drops what other services kept about it. */
class DeleteCleanupTest {
    static TestCloud cloud;

    @BeforeAll
    static void start() throws Exception {
        cloud = new TestCloud();
    }

    @AfterAll
    static void stop() {
        cloud.close();
    }

    @Test
    void recreatedDomainDoesNotInheritTheOldConfig() {
        String admin = cloud.adminToken();
        String id = Ids.hex();
        String domain = "{\"domain\": {\"name\": \"cfg\", \"explicit_domain_id\": \"" + id + "\"}}";
        assertThat(cloud.post("/v3/domains", admin, domain).status()).isEqualTo(201);
        assertThat(cloud.send("PUT", "/v3/domains/" + id + "/config", admin,
                "{\"config\": {\"identity\": {\"driver\": \"ldap\"}}}").status()).isEqualTo(201);
        assertThat(cloud.send("PATCH", "/v3/domains/" + id, admin, "{\"domain\": {\"enabled\": false}}").status())
                .isEqualTo(200);
        assertThat(cloud.send("DELETE", "/v3/domains/" + id, admin, null).status()).isEqualTo(204);
        assertThat(cloud.post("/v3/domains", admin, domain).status()).isEqualTo(201);
        assertThat(cloud.get("/v3/domains/" + id + "/config", admin).status()).isEqualTo(404);
    }

    @Test
    void deletedProjectAndEndpointLeaveNoLinks() {
        String admin = cloud.adminToken();
        String project = cloud.post("/v3/projects", admin, "{\"project\": {\"name\": \"linked\"}}").json()
                .at("/project/id").asText();
        String service = cloud.post("/v3/services", admin, "{\"service\": {\"type\": \"linked\"}}").json()
                .at("/service/id").asText();
        String endpoint = cloud.post("/v3/endpoints", admin, "{\"endpoint\": {\"service_id\": \"" + service
                + "\", \"interface\": \"public\", \"url\": \"http://x\"}}").json().at("/endpoint/id").asText();
        String link = "/v3/OS-EP-FILTER/projects/" + project + "/endpoints/" + endpoint;
        assertThat(cloud.send("PUT", link, admin, null).status()).isEqualTo(204);
        assertThat(cloud.get("/v3/OS-EP-FILTER/endpoints/" + endpoint + "/projects", admin).json()
                .get("projects")).hasSize(1);
        assertThat(cloud.send("DELETE", "/v3/projects/" + project, admin, null).status()).isEqualTo(204);
        assertThat(cloud.get("/v3/OS-EP-FILTER/endpoints/" + endpoint + "/projects", admin).json()
                .get("projects")).isEmpty();
        assertThat(cloud.send("DELETE", "/v3/services/" + service, admin, null).status()).isEqualTo(204);
        assertThat(cloud.get("/v3/OS-EP-FILTER/endpoints/" + endpoint + "/projects", admin).status()).isEqualTo(404);
    }
}
