package org.apiary.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.apiary.common.Ids;
import org.apiary.common.json.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** /v3/domains/{id}/config and the default configuration documents. */
class DomainConfigTest {
    static final String CONFIG = "{\"config\": {\"identity\": {\"driver\": \"ldap\"}, \"ldap\": {\"url\": "
            + "\"ldap://myldap.com:389/\", \"user_tree_dn\": \"ou=Users,dc=org\", \"password\": \"s3cret\"}}}";

    static TestCloud cloud;
    static String admin;
    static String member;

    @BeforeAll
    static void start() throws Exception {
        cloud = new TestCloud();
        admin = cloud.adminToken();
        CredentialsTest.seedMember(cloud, "dora", "dora-project");
        member = cloud.passwordToken("dora", "pw-dora", "dora-project");
    }

    @AfterAll
    static void stop() {
        cloud.close();
    }

    static String newDomain() {
        TestCloud.Response r = cloud.post("/v3/domains", admin, "{\"domain\": {\"name\": \"d-" + Ids.hex() + "\"}}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().at("/domain/id").asText();
    }

    static String path(String domain) {
        return "/v3/domains/" + domain + "/config";
    }

    static String error(TestCloud.Response r) {
        return r.json().at("/error/message").asText();
    }

    @Test
    void createShowsWhitelistedOptionsAndHidesThePassword() throws Exception {
        String d = newDomain();
        TestCloud.Response r = cloud.send("PUT", path(d), admin, CONFIG);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        JsonNode expected = Json.MAPPER.readTree("{\"identity\": {\"driver\": \"ldap\"}, \"ldap\": {\"url\": "
                + "\"ldap://myldap.com:389/\", \"user_tree_dn\": \"ou=Users,dc=org\"}}");
        assertThat(r.json().get("config")).isEqualTo(expected);
        assertThat(cloud.get(path(d), admin).json().get("config")).isEqualTo(expected);
        assertThat(cloud.get(path(d) + "/ldap", admin).json().get("config"))
                .isEqualTo(Json.MAPPER.createObjectNode().set("ldap", expected.get("ldap")));
        assertThat(cloud.get(path(d) + "/ldap/url", admin).json().get("config").toString())
                .isEqualTo("{\"url\":\"ldap://myldap.com:389/\"}");
        r = cloud.get(path(d) + "/ldap/password", admin);
        assertThat(r.status()).isEqualTo(404);
        assertThat(error(r)).isEqualTo("Could not find option password in group ldap in domain configuration for "
                + "domain " + d + ".");

        // A second PUT replaces everything and answers 200.
        r = cloud.send("PUT", path(d), admin, "{\"config\": {\"identity\": {\"list_limit\": 5}}}");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("config").toString()).isEqualTo("{\"identity\":{\"list_limit\":5}}");
        assertThat(cloud.get(path(d) + "/ldap", admin).status()).isEqualTo(404);
    }

    @Test
    void updatesMergeAndGroupOrOptionUpdatesMustNameWhatTheyChange() {
        String d = newDomain();
        assertThat(cloud.send("PUT", path(d), admin, CONFIG).status()).isEqualTo(201);

        TestCloud.Response r = cloud.send("PATCH", path(d), admin, "{\"config\": {\"ldap\": {\"url\": \"ldap://x\"}}}");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().at("/config/ldap/url").asText()).isEqualTo("ldap://x");
        assertThat(r.json().at("/config/ldap/user_tree_dn").asText()).isEqualTo("ou=Users,dc=org");
        assertThat(r.json().at("/config/identity/driver").asText()).isEqualTo("ldap");

        r = cloud.send("PATCH", path(d) + "/identity", admin,
                "{\"config\": {\"identity\": {\"driver\": \"sql\", \"list_limit\": 7}}}");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().at("/config/identity/list_limit").asInt()).isEqualTo(7);

        r = cloud.send("PATCH", path(d) + "/identity/driver", admin, "{\"config\": {\"driver\": \"ldap\"}}");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().at("/config/identity/driver").asText()).isEqualTo("ldap");

        r = cloud.send("PATCH", path(d) + "/identity", admin, "{\"config\": {\"ldap\": {\"url\": \"ldap://y\"}}}");
        assertThat(r.status()).isEqualTo(403);
        assertThat(error(r)).isEqualTo("Invalid domain specific configuration: request to update group identity, but "
                + "config provided contains group ldap instead.");
        r = cloud.send("PATCH", path(d) + "/identity/driver", admin, "{\"config\": {\"list_limit\": 1}}");
        assertThat(r.status()).isEqualTo(403);
        r = cloud.send("PATCH", path(d) + "/identity", admin,
                "{\"config\": {\"identity\": {\"driver\": \"a\"}, \"ldap\": {\"url\": \"b\"}}}");
        assertThat(r.status()).isEqualTo(403);

        // Group and option updates only change what exists.
        String fresh = newDomain();
        assertThat(cloud.send("PUT", path(fresh), admin, "{\"config\": {\"ldap\": {\"url\": \"u\"}}}").status())
                .isEqualTo(201);
        r = cloud.send("PATCH", path(fresh) + "/identity", admin, "{\"config\": {\"identity\": {\"driver\": \"x\"}}}");
        assertThat(r.status()).isEqualTo(404);
        assertThat(error(r)).isEqualTo("Could not find group identity in domain configuration for domain " + fresh + ".");
        r = cloud.send("PATCH", path(fresh) + "/ldap/user_tree_dn", admin, "{\"config\": {\"user_tree_dn\": \"x\"}}");
        assertThat(r.status()).isEqualTo(404);
    }

    @Test
    void deletesOptionGroupAndWholeConfiguration() {
        String d = newDomain();
        assertThat(cloud.send("PUT", path(d), admin, CONFIG).status()).isEqualTo(201);
        assertThat(cloud.send("DELETE", path(d) + "/ldap/url", admin, null).status()).isEqualTo(204);
        assertThat(cloud.get(path(d) + "/ldap/url", admin).status()).isEqualTo(404);
        assertThat(cloud.send("DELETE", path(d) + "/ldap/url", admin, null).status()).isEqualTo(404);
        assertThat(cloud.send("DELETE", path(d) + "/identity", admin, null).status()).isEqualTo(204);
        assertThat(cloud.get(path(d) + "/identity", admin).status()).isEqualTo(404);
        assertThat(cloud.send("DELETE", path(d) + "/identity", admin, null).status()).isEqualTo(404);
        // The sensitive password still counts as stored.
        assertThat(cloud.send("DELETE", path(d) + "/ldap/password", admin, null).status()).isEqualTo(204);
        assertThat(cloud.send("DELETE", path(d), admin, null).status()).isEqualTo(204);
        TestCloud.Response r = cloud.get(path(d), admin);
        assertThat(r.status()).isEqualTo(404);
        assertThat(error(r)).isEqualTo("Could not find any options in domain configuration for domain " + d + ".");
    }

    @Test
    void invalidConfigurationsAreRejected() {
        String d = newDomain();
        TestCloud.Response r = cloud.send("PUT", path(d), admin, "{\"config\": {\"assignment\": {\"driver\": \"x\"}}}");
        assertThat(r.status()).isEqualTo(403);
        assertThat(error(r)).isEqualTo("Invalid domain specific configuration: Group assignment is not supported for "
                + "domain specific configurations.");
        r = cloud.send("PUT", path(d), admin, "{\"config\": {\"ldap\": {\"colour\": \"red\"}}}");
        assertThat(r.status()).isEqualTo(403);
        assertThat(error(r)).isEqualTo("Invalid domain specific configuration: Option colour in group ldap is not "
                + "supported for domain specific configurations.");
        r = cloud.send("PUT", path(d), admin, "{\"config\": {}}");
        assertThat(r.status()).isEqualTo(403);
        assertThat(error(r)).isEqualTo("Invalid domain specific configuration: No options specified.");
        r = cloud.send("PUT", path(d), admin, "{\"config\": {\"ldap\": \"url\"}}");
        assertThat(r.status()).isEqualTo(403);
        r = cloud.send("PUT", path(d), admin, "{\"config\": {\"ldap\": {}}}");
        assertThat(r.status()).isEqualTo(403);
        assertThat(cloud.send("PUT", path(d), admin, "{\"config\": [1]}").status()).isEqualTo(400);
        assertThat(cloud.send("PUT", path(d), admin, "{\"config\": ").status()).isEqualTo(400);
        assertThat(cloud.get(path(d) + "/assignment", admin).status()).isEqualTo(403);

        r = cloud.send("PUT", path("nope"), admin, CONFIG);
        assertThat(r.status()).isEqualTo(404);
        assertThat(error(r)).isEqualTo("Could not find domain: nope.");
        assertThat(cloud.get(path("nope"), admin).status()).isEqualTo(404);
        assertThat(cloud.send("DELETE", path("nope"), admin, null).status()).isEqualTo(404);
    }

    @Test
    void defaultsListTheWhitelistedOptions() {
        TestCloud.Response r = cloud.get("/v3/domains/config/default", admin);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().at("/config/identity/driver").asText()).isEqualTo("sql");
        assertThat(r.json().at("/config/identity").has("list_limit")).isTrue();
        assertThat(r.json().at("/config/ldap/url").asText()).isEqualTo("ldap://localhost");
        assertThat(r.json().at("/config/ldap").has("password")).isFalse();

        r = cloud.get("/v3/domains/config/ldap/default", admin);
        assertThat(r.json().get("config").size()).isEqualTo(1);
        assertThat(r.json().at("/config/ldap/pool_size").asInt()).isEqualTo(10);
        r = cloud.get("/v3/domains/config/ldap/user_attribute_ignore/default", admin);
        assertThat(r.json().get("config").toString()).isEqualTo("{\"user_attribute_ignore\":[\"default_project_id\"]}");

        r = cloud.get("/v3/domains/config/ldap/password/default", admin);
        assertThat(r.status()).isEqualTo(403);
        assertThat(error(r)).isEqualTo("Invalid domain specific configuration: Reading the default for option password "
                + "in group ldap is not supported.");
        assertThat(cloud.get("/v3/domains/config/resource/default", admin).status()).isEqualTo(403);
    }

    @Test
    void securityComplianceIsReadableByAnyoneForTheDefaultDomainOnly() {
        TestCloud.Response r = cloud.get(path("default") + "/security_compliance", member);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().at("/config/security_compliance").has("password_regex")).isTrue();
        r = cloud.get(path("default") + "/security_compliance/password_regex_description", member);
        assertThat(r.json().get("config").has("password_regex_description")).isTrue();
        assertThat(cloud.get(path("default") + "/security_compliance/lockout_duration", member).status())
                .isEqualTo(403);
        assertThat(cloud.get(path(newDomain()) + "/security_compliance", admin).status()).isEqualTo(403);
    }

    @Test
    void onlyAdminsManageConfiguration() {
        String d = newDomain();
        assertThat(cloud.send("PUT", path(d), admin, CONFIG).status()).isEqualTo(201);
        assertThat(cloud.get(path(d), member).status()).isEqualTo(403);
        assertThat(cloud.send("PUT", path(d), member, CONFIG).status()).isEqualTo(403);
        assertThat(cloud.send("PATCH", path(d), member, CONFIG).status()).isEqualTo(403);
        assertThat(cloud.send("DELETE", path(d), member, null).status()).isEqualTo(403);
        assertThat(cloud.get("/v3/domains/config/default", member).status()).isEqualTo(403);
        assertThat(cloud.get(path(d), null).status()).isEqualTo(401);
        assertThat(cloud.get("/v3/domains/config/default", null).status()).isEqualTo(401);
        assertThat(cloud.get(path(d), admin).status()).isEqualTo(200);
    }
}
