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

/** Image records over HTTP: versions, schemas, create, show, list, patch, tags, actions, delete. */
class ImagesApiTest {
    static ImageCloud cloud;
    static Persona alice;

    @BeforeAll
    static void start() throws Exception {
        cloud = new ImageCloud();
        alice = cloud.persona("alice", "alpha", "member");
    }

    @AfterAll
    static void stop() {
        cloud.close();
    }

    @Test
    void versionDocumentsNeedNoToken() {
        Response root = cloud.call("GET", "/", null, null);
        assertThat(root.status()).isEqualTo(300);
        JsonNode versions = root.json().path("versions");
        assertThat(versions.get(0).path("id").asText()).isEqualTo("v2.15");
        assertThat(versions.get(0).path("status").asText()).isEqualTo("CURRENT");
        assertThat(versions.get(0).path("links").get(0).path("href").asText()).isEqualTo(cloud.imageUrl + "/v2/");
        assertThat(cloud.call("GET", "/versions", null, null).status()).isEqualTo(200);
        assertThat(root.header("x-openstack-request-id")).startsWith("req-");
    }

    @Test
    void schemasAreGlancesDocuments() {
        JsonNode image = cloud.call("GET", "/v2/schemas/image", alice.token(), null).json();
        assertThat(image.path("name").asText()).isEqualTo("image");
        assertThat(image.path("additionalProperties").path("type").asText()).isEqualTo("string");
        assertThat(image.path("properties").path("disk_format").path("enum").toString()).contains("qcow2", "null");
        assertThat(image.path("properties").has("os_distro")).isTrue();
        JsonNode images = cloud.call("GET", "/v2/schemas/images", alice.token(), null).json();
        assertThat(images.path("properties").path("images").path("items")).isEqualTo(image);
        assertThat(cloud.call("GET", "/v2/schemas/member", alice.token(), null).json().path("name").asText())
                .isEqualTo("member");
        assertThat(cloud.call("GET", "/v2/schemas/members", alice.token(), null).status()).isEqualTo(200);
        assertThat(cloud.call("GET", "/v2/schemas/image", null, null).status()).isEqualTo(401);
    }

    @Test
    void createShowsGlancesViewAndHeaders() {
        Response r = cloud.call("POST", "/v2/images", alice.token(), "{\"name\": \"cirros\", \"disk_format\": "
                + "\"qcow2\", \"container_format\": \"bare\", \"os_distro\": \"cirros\", \"tags\": [\"a\", \"b\", \"a\"], "
                + "\"min_disk\": 1}");
        assertThat(r.status()).isEqualTo(201);
        JsonNode i = r.json();
        String id = i.path("id").asText();
        assertThat(r.header("Location")).isEqualTo(cloud.imageUrl + "/v2/images/" + id);
        assertThat(r.header("OpenStack-image-import-methods")).isEqualTo("glance-direct");
        assertThat(r.header("OpenStack-image-store-ids")).isEqualTo("file");
        assertThat(i.path("status").asText()).isEqualTo("queued");
        assertThat(i.path("visibility").asText()).isEqualTo("shared");
        assertThat(i.path("owner").asText()).isEqualTo(alice.projectId());
        assertThat(i.path("os_distro").asText()).isEqualTo("cirros");
        assertThat(i.path("tags").toString()).isEqualTo("[\"a\",\"b\"]");
        assertThat(i.path("min_disk").asInt()).isEqualTo(1);
        assertThat(i.path("size").isNull()).isTrue();
        assertThat(i.path("checksum").isNull()).isTrue();
        assertThat(i.path("self").asText()).isEqualTo("/v2/images/" + id);
        assertThat(i.path("file").asText()).isEqualTo("/v2/images/" + id + "/file");
        assertThat(i.path("schema").asText()).isEqualTo("/v2/schemas/image");
        assertThat(i.path("created_at").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
        assertThat(i.has("stores")).isFalse();
        assertThat(cloud.show(id, alice.token())).isEqualTo(i);
    }

    @Test
    void createRefusesWhatGlanceRefuses() {
        String t = alice.token();
        assertThat(cloud.call("POST", "/v2/images", t, "{\"disk_format\": \"wrong\"}").status()).isEqualTo(400);
        Response bad = cloud.call("POST", "/v2/images", t, "{\"disk_format\": \"wrong\"}");
        assertThat(bad.json().path("message").asText()).startsWith("Provided object does not match schema 'image': "
                + "'wrong' is not one of [None, 'ami'");
        assertThat(bad.json().path("code").asText()).isEqualTo("400 Bad Request");
        assertThat(cloud.call("POST", "/v2/images", t, "{\"size\": 12}").status()).isEqualTo(403);
        assertThat(cloud.call("POST", "/v2/images", t, "{\"self\": \"x\"}").status()).isEqualTo(403);
        assertThat(cloud.call("POST", "/v2/images", t, "{\"deleted\": \"x\"}").status()).isEqualTo(403);
        assertThat(cloud.call("POST", "/v2/images", t, "{\"os_glance_x\": \"x\"}").status()).isEqualTo(403);
        assertThat(cloud.call("POST", "/v2/images", t, "{\"foo\": 1}").status()).isEqualTo(400);
        assertThat(cloud.call("POST", "/v2/images", t, "{\"min_ram\": -1}").status()).isEqualTo(400);
        assertThat(cloud.call("POST", "/v2/images", t, "{\"id\": \"not-a-uuid\"}").status()).isEqualTo(400);
        assertThat(cloud.call("POST", "/v2/images", t, "{\"visibility\": \"public\"}").status()).isEqualTo(403);
        assertThat(cloud.call("POST", "/v2/images", t, "{\"owner\": \"someone-else\"}").status()).isEqualTo(403);
        assertThat(cloud.call("POST", "/v2/images", t, "").status()).isEqualTo(400);
        String id = "3c0e7d6b-8e0f-4a35-9d3f-4a6a1c3b7f10";
        assertThat(cloud.call("POST", "/v2/images", t, "{\"id\": \"" + id + "\"}").status()).isEqualTo(201);
        assertThat(cloud.call("POST", "/v2/images", t, "{\"id\": \"" + id + "\"}").status()).isEqualTo(409);
        assertThat(cloud.call("DELETE", "/v2/images/" + id, t, null).status()).isEqualTo(204);
        assertThat(cloud.call("POST", "/v2/images", t, "{\"id\": \"" + id + "\"}").status())
                .as("a deleted image's id is never reused").isEqualTo(409);
    }

    @Test
    void adminMayCreateForAnotherOwnerAndPublish() {
        Response r = cloud.call("POST", "/v2/images", cloud.adminToken(), "{\"owner\": \"elsewhere\", "
                + "\"visibility\": \"public\", \"disk_format\": \"raw\", \"container_format\": \"bare\"}");
        assertThat(r.status()).isEqualTo(201);
        assertThat(r.json().path("owner").asText()).isEqualTo("elsewhere");
        assertThat(cloud.show(r.json().path("id").asText(), alice.token()).path("visibility").asText())
                .isEqualTo("public");
    }

    @Test
    void patchAddsReplacesAndRemoves() {
        String id = cloud.createImage(alice.token(), "{\"name\": \"p\", \"disk_format\": \"raw\"}");
        String patch = "[{\"op\": \"replace\", \"path\": \"/name\", \"value\": \"p2\"}, "
                + "{\"op\": \"add\", \"path\": \"/hw_disk_bus\", \"value\": \"virtio\"}, "
                + "{\"op\": \"add\", \"path\": \"/tags\", \"value\": [\"x\"]}, "
                + "{\"op\": \"replace\", \"path\": \"/protected\", \"value\": true}, "
                + "{\"op\": \"replace\", \"path\": \"/disk_format\", \"value\": \"qcow2\"}]";
        Response r = patch(id, patch, "application/openstack-images-v2.1-json-patch");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode i = r.json();
        assertThat(i.path("name").asText()).isEqualTo("p2");
        assertThat(i.path("hw_disk_bus").asText()).isEqualTo("virtio");
        assertThat(i.path("tags").toString()).isEqualTo("[\"x\"]");
        assertThat(i.path("protected").asBoolean()).isTrue();
        assertThat(i.path("disk_format").asText()).isEqualTo("qcow2");
        // draft 4 media type
        assertThat(patch(id, "[{\"remove\": \"/hw_disk_bus\"}]", "application/openstack-images-v2.0-json-patch")
                .json().has("hw_disk_bus")).isFalse();
        assertThat(patch(id, "[{\"op\": \"remove\", \"path\": \"/hw_disk_bus\"}]", null).status()).isEqualTo(409);
        assertThat(patch(id, "[{\"op\": \"remove\", \"path\": \"/name\"}]", null).status()).isEqualTo(403);
        assertThat(patch(id, "[{\"op\": \"replace\", \"path\": \"/nothere\", \"value\": \"v\"}]", null).status())
                .isEqualTo(409);
        assertThat(patch(id, "[{\"op\": \"replace\", \"path\": \"/status\", \"value\": \"active\"}]", null).status())
                .isEqualTo(403);
        assertThat(patch(id, "[{\"op\": \"replace\", \"path\": \"/owner\", \"value\": \"x\"}]", null).status())
                .isEqualTo(403);
        assertThat(patch(id, "[{\"op\": \"replace\", \"path\": \"/visibility\", \"value\": \"public\"}]", null)
                .status()).isEqualTo(403);
        assertThat(patch(id, "[{\"op\": \"move\", \"path\": \"/name\"}]", null).status()).isEqualTo(400);
        assertThat(patch(id, "[{\"op\": \"add\", \"path\": \"name\", \"value\": \"x\"}]", null).status()).isEqualTo(400);
        assertThat(patch(id, "[{\"op\": \"add\", \"path\": \"/a/b\", \"value\": \"x\"}]", null).status()).isEqualTo(400);
        assertThat(patch(id, "[{\"op\": \"add\", \"path\": \"/min_ram\", \"value\": \"x\"}]", null).status())
                .isEqualTo(400);
        assertThat(patch(id, "[{\"op\": \"replace\", \"path\": \"/locations\", \"value\": []}]", null).status())
                .isEqualTo(403);
        Response unsupported = cloud.call("PATCH", "/v2/images/" + id, alice.token(), "[]");
        assertThat(unsupported.status()).isEqualTo(415);
        assertThat(unsupported.header("Accept-Patch")).contains("application/openstack-images-v2.1-json-patch");
        assertThat(cloud.call("DELETE", "/v2/images/" + id, alice.token(), null).status())
                .as("protected images cannot be deleted").isEqualTo(403);
        patch(id, "[{\"op\": \"replace\", \"path\": \"/protected\", \"value\": false}]", null);
        assertThat(cloud.call("DELETE", "/v2/images/" + id, alice.token(), null).status()).isEqualTo(204);
        assertThat(cloud.call("GET", "/v2/images/" + id, alice.token(), null).status()).isEqualTo(404);
        assertThat(cloud.call("DELETE", "/v2/images/" + id, alice.token(), null).status()).isEqualTo(404);
    }

    private Response patch(String id, String body, String type) {
        return cloud.withType("PATCH", "/v2/images/" + id, alice.token(), body,
                type == null ? "application/openstack-images-v2.1-json-patch" : type);
    }

    @Test
    void tagsAndActions() {
        String id = cloud.createImage(alice.token(), "{\"name\": \"t\"}");
        assertThat(cloud.call("PUT", "/v2/images/" + id + "/tags/blue", alice.token(), null).status()).isEqualTo(204);
        assertThat(cloud.call("PUT", "/v2/images/" + id + "/tags/blue", alice.token(), null).status()).isEqualTo(204);
        assertThat(cloud.show(id, alice.token()).path("tags").toString()).isEqualTo("[\"blue\"]");
        assertThat(cloud.call("DELETE", "/v2/images/" + id + "/tags/blue", alice.token(), null).status()).isEqualTo(204);
        assertThat(cloud.call("DELETE", "/v2/images/" + id + "/tags/blue", alice.token(), null).status()).isEqualTo(404);
        assertThat(cloud.call("PUT", "/v2/images/" + id + "/tags/" + "x".repeat(256), alice.token(), null).status())
                .isEqualTo(400);
        Response deactivate = cloud.call("POST", "/v2/images/" + id + "/actions/deactivate", alice.token(), null);
        assertThat(deactivate.status()).as("a queued image cannot be deactivated").isEqualTo(403);
        assertThat(cloud.call("GET", "/v2/images/" + id + "/actions/deactivate", alice.token(), null).status())
                .isEqualTo(405);
    }

    @Test
    void listFiltersSortsAndPages() {
        Persona bob = cloud.persona("bob-list", "listing", "member");
        List<String> ids = new ArrayList<>();
        for (int k = 0; k < 5; k++) {
            ids.add(cloud.createImage(bob.token(), "{\"name\": \"img-" + k + "\", \"disk_format\": \""
                    + (k % 2 == 0 ? "raw" : "qcow2") + "\", \"container_format\": \"bare\", \"os_distro\": \"d" + k
                    + "\"" + (k == 4 ? ", \"os_hidden\": true" : "") + (k == 3 ? ", \"tags\": [\"blue\"]" : "") + "}"));
        }
        JsonNode all = cloud.call("GET", "/v2/images?sort=name:asc", bob.token(), null).json();
        assertThat(names(all)).containsExactly("img-0", "img-1", "img-2", "img-3");
        assertThat(all.path("first").asText()).isEqualTo("/v2/images?sort=name%3Aasc");
        assertThat(all.path("schema").asText()).isEqualTo("/v2/schemas/images");
        assertThat(names(cloud.call("GET", "/v2/images?os_hidden=true", bob.token(), null).json()))
                .containsExactly("img-4");
        assertThat(names(cloud.call("GET", "/v2/images?disk_format=qcow2&sort_key=name&sort_dir=desc", bob.token(),
                null).json())).containsExactly("img-3", "img-1");
        assertThat(names(cloud.call("GET", "/v2/images?name=in:img-0,img-2", bob.token(), null).json()))
                .containsExactlyInAnyOrder("img-0", "img-2");
        assertThat(names(cloud.call("GET", "/v2/images?tag=blue", bob.token(), null).json())).containsExactly("img-3");
        assertThat(names(cloud.call("GET", "/v2/images?os_distro=d1", bob.token(), null).json()))
                .containsExactly("img-1");
        JsonNode page1 = cloud.call("GET", "/v2/images?limit=2&sort=name:asc", bob.token(), null).json();
        assertThat(names(page1)).containsExactly("img-0", "img-1");
        String next = page1.path("next").asText();
        assertThat(next).contains("limit=2").contains("marker=" + ids.get(1));
        JsonNode page2 = cloud.call("GET", next, bob.token(), null).json();
        assertThat(names(page2)).containsExactly("img-2", "img-3");
        JsonNode page3 = cloud.call("GET", page2.path("next").asText(), bob.token(), null).json();
        assertThat(names(page3)).isEmpty();
        assertThat(page3.has("next")).isFalse();
        assertThat(cloud.call("GET", "/v2/images?limit=x", bob.token(), null).status()).isEqualTo(400);
        assertThat(cloud.call("GET", "/v2/images?limit=-1", bob.token(), null).status()).isEqualTo(400);
        assertThat(cloud.call("GET", "/v2/images?sort_key=bogus", bob.token(), null).status()).isEqualTo(400);
        assertThat(cloud.call("GET", "/v2/images?sort_dir=up", bob.token(), null).status()).isEqualTo(400);
        assertThat(cloud.call("GET", "/v2/images?sort=name&sort_key=name", bob.token(), null).status()).isEqualTo(400);
        assertThat(cloud.call("GET", "/v2/images?marker=" + ids.get(0).replace('a', 'b').replace('0', '1')
                + "00", bob.token(), null).status()).isEqualTo(400);
        assertThat(cloud.call("GET", "/v2/images?visibility=nope", bob.token(), null).status()).isEqualTo(400);
        assertThat(cloud.call("GET", "/v2/images?created_at=gte:2000-01-01T00:00:00Z&sort=name:asc", bob.token(), null)
                .json().path("images").size()).isEqualTo(4);
        assertThat(cloud.call("GET", "/v2/images?created_at=lt:2000-01-01T00:00:00Z", bob.token(), null)
                .json().path("images").size()).isZero();
        assertThat(cloud.call("GET", "/v2/images?created_at=gte:yesterday", bob.token(), null).status())
                .isEqualTo(400);
        assertThat(cloud.call("GET", "/v2/images?changes-since=2000-01-01", bob.token(), null).status())
                .isEqualTo(400);
        assertThat(names(cloud.call("GET", "/v2/images?min_disk=0&sort=name:asc", bob.token(), null).json()))
                .hasSize(4);
        assertThat(cloud.call("GET", "/v2/images?size=abc", bob.token(), null).status()).isEqualTo(400);
    }

    @Test
    void anEmptyImageIdIsNotTheCollection() {
        assertThat(cloud.call("GET", "/v2/images/", alice.token(), null).status()).isEqualTo(404);
        assertThat(cloud.call("DELETE", "/v2/images/", alice.token(), null).status()).isEqualTo(404);
        ImageCloud.Response r = cloud.call("DELETE", "/v2/images", alice.token(), null);
        assertThat(r.status()).isEqualTo(405);
        assertThat(r.header("Allow")).isEqualTo("GET, POST");
    }

    private static List<String> names(JsonNode list) {
        List<String> out = new ArrayList<>();
        list.path("images").forEach(i -> out.add(i.path("name").asText()));
        return out;
    }
}
