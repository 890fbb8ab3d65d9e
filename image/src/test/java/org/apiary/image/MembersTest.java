package org.apiary.image;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.apiary.image.ImageCloud.Persona;
import org.apiary.image.ImageCloud.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Sharing: the owner adds a project, which then sees the image, and accepts or rejects it. */
class MembersTest {
    static ImageCloud cloud;
    static Persona owner;
    static Persona friend;
    static Persona stranger;

    @BeforeAll
    static void start() throws Exception {
        cloud = new ImageCloud();
        owner = cloud.persona("owner", "own", "member");
        friend = cloud.persona("friend", "friends", "member");
        stranger = cloud.persona("stranger", "strangers", "member");
    }

    @AfterAll
    static void stop() {
        cloud.close();
    }

    @Test
    void sharingLifecycle() {
        String id = cloud.createImage(owner.token(), "{\"name\": \"shared-one\", \"visibility\": \"shared\"}");
        String path = "/v2/images/" + id + "/members";
        assertThat(cloud.call("GET", "/v2/images/" + id, friend.token(), null).status()).isEqualTo(404);

        Response added = cloud.call("POST", path, owner.token(), "{\"member\": \"" + friend.projectId() + "\"}");
        assertThat(added.status()).isEqualTo(200);
        assertThat(added.json().path("status").asText()).isEqualTo("pending");
        assertThat(added.json().path("schema").asText()).isEqualTo("/v2/schemas/member");
        assertThat(cloud.call("POST", path, owner.token(), "{\"member\": \"" + friend.projectId() + "\"}").status())
                .isEqualTo(409);

        // Pending: the member sees the image by id, but not in its default list.
        assertThat(cloud.call("GET", "/v2/images/" + id, friend.token(), null).status()).isEqualTo(200);
        assertThat(ids(cloud.call("GET", "/v2/images", friend.token(), null))).doesNotContain(id);
        assertThat(ids(cloud.call("GET", "/v2/images?member_status=pending&visibility=shared", friend.token(), null)))
                .containsExactly(id);

        assertThat(cloud.call("PUT", path + "/" + friend.projectId(), owner.token(), "{\"status\": \"accepted\"}")
                .status()).as("only the member accepts").isEqualTo(403);
        assertThat(cloud.call("PUT", path + "/" + friend.projectId(), friend.token(), "{\"status\": \"maybe\"}")
                .status()).isEqualTo(400);
        Response accepted = cloud.call("PUT", path + "/" + friend.projectId(), friend.token(),
                "{\"status\": \"accepted\"}");
        assertThat(accepted.status()).isEqualTo(200);
        assertThat(accepted.json().path("status").asText()).isEqualTo("accepted");
        assertThat(ids(cloud.call("GET", "/v2/images", friend.token(), null))).contains(id);

        assertThat(cloud.call("GET", path, owner.token(), null).json().path("members")).hasSize(1);
        assertThat(cloud.call("GET", path, friend.token(), null).json().path("members")).hasSize(1);
        assertThat(cloud.call("GET", path + "/" + friend.projectId(), friend.token(), null).status()).isEqualTo(200);
        assertThat(cloud.call("GET", path, stranger.token(), null).status()).isEqualTo(404);
        assertThat(cloud.call("POST", path, friend.token(), "{\"member\": \"" + stranger.projectId() + "\"}").status())
                .as("a member cannot share further").isEqualTo(403);
        assertThat(cloud.call("DELETE", path + "/" + friend.projectId(), friend.token(), null).status())
                .isEqualTo(403);

        assertThat(cloud.call("DELETE", path + "/" + friend.projectId(), owner.token(), null).status()).isEqualTo(204);
        assertThat(cloud.call("GET", "/v2/images/" + id, friend.token(), null).status()).isEqualTo(404);
        assertThat(cloud.call("GET", path + "/" + friend.projectId(), owner.token(), null).status()).isEqualTo(404);
    }

    @Test
    void onlySharedImagesHaveMembers() {
        String id = cloud.createImage(owner.token(), "{\"visibility\": \"private\"}");
        Response r = cloud.call("POST", "/v2/images/" + id + "/members", owner.token(), "{\"member\": \"x\"}");
        assertThat(r.status()).isEqualTo(403);
        assertThat(cloud.call("GET", "/v2/images/" + id + "/members", owner.token(), null).status()).isEqualTo(403);
        assertThat(cloud.call("POST", "/v2/images/" + id + "/members", owner.token(), "{}").status()).isEqualTo(400);
        assertThat(cloud.call("POST", "/v2/images/" + id + "/members", owner.token(), "{\"member\": \"\"}").status())
                .isEqualTo(400);
    }

    @Test
    void communityImagesAreListedOnlyWhenAskedFor() {
        String id = cloud.createImage(owner.token(), "{\"name\": \"comm\", \"visibility\": \"community\"}");
        assertThat(cloud.call("GET", "/v2/images/" + id, stranger.token(), null).status()).isEqualTo(200);
        assertThat(ids(cloud.call("GET", "/v2/images", stranger.token(), null))).doesNotContain(id);
        assertThat(ids(cloud.call("GET", "/v2/images?visibility=community", stranger.token(), null))).contains(id);
        assertThat(ids(cloud.call("GET", "/v2/images", owner.token(), null))).contains(id);
    }

    private static List<String> ids(Response r) {
        List<String> out = new ArrayList<>();
        for (JsonNode i : r.json().path("images")) {
            out.add(i.path("id").asText());
        }
        return out;
    }
}
