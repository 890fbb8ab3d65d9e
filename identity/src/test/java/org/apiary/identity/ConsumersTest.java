package org.apiary.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** /v3/OS-OAUTH1/consumers. */
class ConsumersTest {
    static final String CONSUMERS = "/v3/OS-OAUTH1/consumers";

    static TestCloud cloud;
    static String admin;
    static String member;

    @BeforeAll
    static void start() throws Exception {
        cloud = new TestCloud();
        admin = cloud.adminToken();
        CredentialsTest.seedMember(cloud, "fred", "fred-project");
        member = cloud.passwordToken("fred", "pw-fred", "fred-project");
    }

    @AfterAll
    static void stop() {
        cloud.close();
    }

    static JsonNode create(String body) {
        TestCloud.Response r = cloud.post(CONSUMERS, admin, body);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("consumer");
    }

    @Test
    void secretIsShownOnceAndStoredSealed() {
        JsonNode c = create("{\"consumer\": {\"description\": \"first\", \"secret\": \"mine\", \"x-colour\": \"red\"}}");
        String id = c.get("id").asText();
        String secret = c.get("secret").asText();
        assertThat(secret).matches("[0-9a-f]{32}"); // generated, whatever the body said
        assertThat(c.get("description").asText()).isEqualTo("first");
        assertThat(c.get("x_colour").asText()).isEqualTo("red");
        assertThat(c.at("/links/self").asText()).isEqualTo(cloud.baseUrl + CONSUMERS + "/" + id);

        JsonNode got = cloud.get(CONSUMERS + "/" + id, admin).json().get("consumer");
        assertThat(got.has("secret")).isFalse();
        assertThat(got.get("description").asText()).isEqualTo("first");
        assertThat(got.get("links")).isEqualTo(c.get("links"));
        JsonNode listed = cloud.get(CONSUMERS, admin).json().get("consumers");
        assertThat(listed.findValuesAsText("id")).contains(id);
        assertThat(listed.findValues("secret")).isEmpty();

        String stored = cloud.database().jdbi().withHandle(h -> h.createQuery(
                "SELECT encrypted_secret FROM identity_oauth_consumer WHERE id = :id").bind("id", id)
                .mapTo(String.class).one());
        assertThat(stored).doesNotContain(secret);
    }

    @Test
    void emptyCreateMakesAConsumerWithoutDescription() {
        TestCloud.Response r = cloud.send("POST", CONSUMERS, admin, null);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        assertThat(r.json().at("/consumer/description").isNull()).isTrue();
        assertThat(create("{\"consumer\": {}}").get("description").isNull()).isTrue();
        assertThat(cloud.post(CONSUMERS, admin, "{\"consumer\": {\"description\": 5}}").status()).isEqualTo(400);
        assertThat(cloud.post(CONSUMERS, admin, "{\"consumer\": [").status()).isEqualTo(400);
        assertThat(cloud.post(CONSUMERS, admin, "{\"consumer\": \"x\"}").status()).isEqualTo(400);
    }

    @Test
    void onlyTheDescriptionAndExtrasCanChange() {
        String id = create("{\"consumer\": {\"description\": \"old\", \"a\": 1}}").get("id").asText();
        TestCloud.Response r = cloud.send("PATCH", CONSUMERS + "/" + id, admin,
                "{\"consumer\": {\"description\": \"new\", \"b\": 2}}");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().at("/consumer/description").asText()).isEqualTo("new");
        assertThat(r.json().at("/consumer/a").asInt()).isEqualTo(1);
        assertThat(r.json().at("/consumer/b").asInt()).isEqualTo(2);
        assertThat(r.json().at("/consumer").has("secret")).isFalse();
        assertThat(cloud.get(CONSUMERS + "/" + id, admin).json().at("/consumer/description").asText()).isEqualTo("new");

        r = cloud.send("PATCH", CONSUMERS + "/" + id, admin, "{\"consumer\": {\"secret\": \"s\"}}");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().at("/error/message").asText()).contains("should not be valid under {'required': ['secret']}");
        assertThat(cloud.send("PATCH", CONSUMERS + "/" + id, admin, "{\"consumer\": {}}").status()).isEqualTo(400);
        assertThat(cloud.send("PATCH", CONSUMERS + "/" + id, admin, "{\"consumer\": {\"description\": []}}").status())
                .isEqualTo(400);
        r = cloud.send("PATCH", CONSUMERS + "/" + id, admin, "{\"consumer\": {\"id\": \"other\"}}");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().at("/error/message").asText()).isEqualTo("Cannot change ID");
        assertThat(cloud.send("PATCH", CONSUMERS + "/nope", admin, "{\"consumer\": {\"description\": \"d\"}}").status())
                .isEqualTo(404);
    }

    @Test
    void deleteRemovesTheConsumer() {
        String id = create("{\"consumer\": {\"description\": \"bye\"}}").get("id").asText();
        assertThat(cloud.send("DELETE", CONSUMERS + "/" + id, admin, null).status()).isEqualTo(204);
        TestCloud.Response r = cloud.get(CONSUMERS + "/" + id, admin);
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.json().at("/error/message").asText()).isEqualTo("Consumer not found");
        assertThat(cloud.send("DELETE", CONSUMERS + "/" + id, admin, null).status()).isEqualTo(404);
    }

    @Test
    void onlyAdminsManageConsumers() {
        String id = create("{\"consumer\": {}}").get("id").asText();
        assertThat(cloud.get(CONSUMERS, member).status()).isEqualTo(403);
        assertThat(cloud.get(CONSUMERS + "/" + id, member).status()).isEqualTo(403);
        assertThat(cloud.post(CONSUMERS, member, "{\"consumer\": {}}").status()).isEqualTo(403);
        assertThat(cloud.send("PATCH", CONSUMERS + "/" + id, member, "{\"consumer\": {\"description\": \"x\"}}")
                .status()).isEqualTo(403);
        assertThat(cloud.send("DELETE", CONSUMERS + "/" + id, member, null).status()).isEqualTo(403);
        assertThat(cloud.get(CONSUMERS, null).status()).isEqualTo(401);
    }
}
