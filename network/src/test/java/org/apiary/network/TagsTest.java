package org.apiary.network;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** standard-attr-tag: /v2.0/{resource}/{id}/tags[/{tag}] and the tag filters. */
class TagsTest extends NetworkTestBase {

    private static JsonNode tags(String path) {
        return expect(cloud.call("GET", path + "/tags", member.token(), null), 200).json().path("tags");
    }

    @Test
    void addCheckReplaceRemoveOnEveryTaggableResource() {
        String net = network(member.token(), "tagged");
        String sub = subnet(member.token(), net, "10.40.0.0/24");
        String port = port(member.token(), net).path("id").asText();
        String sg = post(member.token(), "security-groups", "security_group", "{\"name\": \"tg\"}").path("id")
                .asText();
        for (String path : new String[] {"/v2.0/networks/" + net, "/v2.0/subnets/" + sub, "/v2.0/ports/" + port,
                "/v2.0/security-groups/" + sg}) {
            assertThat(tags(path)).as(path).isEmpty();
            expect(cloud.call("PUT", path + "/tags/red", member.token(), null), 201);
            expect(cloud.call("PUT", path + "/tags/red", member.token(), null), 201); // idempotent
            expect(cloud.call("GET", path + "/tags/red", member.token(), null), 204);
            expectError(cloud.call("GET", path + "/tags/blue", member.token(), null), 404, "TagNotFound");
            JsonNode replaced = expect(cloud.call("PUT", path + "/tags", member.token(),
                    "{\"tags\": [\"a\", \"b\"]}"), 200).json().path("tags");
            assertThat(replaced).extracting(JsonNode::asText).containsExactly("a", "b");
            assertThat(tags(path)).extracting(JsonNode::asText).containsExactlyInAnyOrder("a", "b");
            expect(cloud.call("DELETE", path + "/tags/a", member.token(), null), 204);
            expectError(cloud.call("DELETE", path + "/tags/a", member.token(), null), 404, "TagNotFound");
            JsonNode shown = expect(cloud.call("GET", path, member.token(), null), 200).json();
            assertThat(shown.findPath("tags")).extracting(JsonNode::asText).containsExactly("b");
            expect(cloud.call("DELETE", path + "/tags", member.token(), null), 204);
            assertThat(tags(path)).isEmpty();
        }
    }

    @Test
    void tagFiltersSelectNetworks() {
        String a = network(member.token(), "tf-a");
        String b = network(member.token(), "tf-b");
        expect(cloud.call("PUT", "/v2.0/networks/" + a + "/tags", member.token(), "{\"tags\": [\"x\", \"y\"]}"), 200);
        expect(cloud.call("PUT", "/v2.0/networks/" + b + "/tags", member.token(), "{\"tags\": [\"y\"]}"), 200);
        assertThat(ids("tags=x,y")).contains(a).doesNotContain(b);
        assertThat(ids("tags-any=x,y")).contains(a, b);
        assertThat(ids("not-tags=x")).contains(b).doesNotContain(a);
        assertThat(ids("not-tags-any=x,y")).doesNotContain(a, b);
    }

    private static java.util.List<String> ids(String query) {
        return expect(cloud.call("GET", "/v2.0/networks?" + query, member.token(), null), 200).json().path("networks")
                .findValuesAsText("id");
    }

    @Test
    void tagsNeedTheRightToChangeTheResourceAndValidInput() {
        String net = network(member.token(), "tag-authz");
        expectError(cloud.call("PUT", "/v2.0/networks/" + net + "/tags/x", other.token(), null), 404,
                "TagResourceNotFound");
        expectError(cloud.call("GET", "/v2.0/networks/" + net + "/tags", other.token(), null), 404,
                "TagResourceNotFound");
        expectError(cloud.call("PUT", "/v2.0/networks/" + net + "/tags/x", reader.token(), null), 403,
                "PolicyNotAuthorized");
        expect(cloud.call("GET", "/v2.0/networks/" + net + "/tags", reader.token(), null), 200);
        expectError(cloud.call("PUT", "/v2.0/networks/00000000-0000-0000-0000-000000000000/tags/x", member.token(),
                null), 404, "TagResourceNotFound");
        expect(cloud.call("PUT", "/v2.0/networks/" + net + "/tags", member.token(), "{\"tags\": \"x\"}"), 400);
        expect(cloud.call("PUT", "/v2.0/networks/" + net + "/tags", member.token(), "{\"tags\": [\"x\", \"x\"]}"),
                400);
        expect(cloud.call("PUT", "/v2.0/networks/" + net + "/tags", member.token(), "{\"tags\": [1]}"), 400);
        expect(cloud.call("PUT", "/v2.0/networks/" + net + "/tags/" + "t".repeat(256), member.token(), null), 400);
    }
}
