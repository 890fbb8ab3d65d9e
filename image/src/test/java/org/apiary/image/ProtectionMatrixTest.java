package org.apiary.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest.BodyPublishers;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apiary.image.ImageCloud.Persona;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Persona × endpoint → status, as Keystone's protection suite does it. Personas: an admin (admin
 * role, its own project), the owner (member of the image's project), a reader of that project,
 * a member of another project, a member of a project the image is shared with (accepted), and
 * no token. Expectations follow Glance Zed's defaults: images a caller cannot see read 404,
 * visible ones it may not change 403; readers read, members write; only members download.
 */
class ProtectionMatrixTest {
    static ImageCloud cloud;
    static Map<String, String> tokens = new LinkedHashMap<>();
    static Persona owner;
    static Persona member;
    static String privateImage;
    static String sharedImage;
    static String publicImage;
    static String communityImage;

    static final String[] PERSONAS = {"admin", "owner", "reader", "other", "member", "none"};

    @BeforeAll
    static void start() throws Exception {
        cloud = new ImageCloud();
        owner = cloud.persona("owner-m", "proj-a", "member");
        Persona reader = cloud.persona("reader-a", "proj-a", "reader");
        Persona other = cloud.persona("other-m", "proj-b", "member");
        member = cloud.persona("member-c", "proj-c", "member");
        tokens.put("admin", cloud.adminToken());
        tokens.put("owner", owner.token());
        tokens.put("reader", reader.token());
        tokens.put("other", other.token());
        tokens.put("member", member.token());
        tokens.put("none", null);
        privateImage = withData(cloud.createImage(owner.token(), "{\"name\": \"priv\", \"visibility\": \"private\", "
                + "\"disk_format\": \"raw\", \"container_format\": \"bare\"}"));
        sharedImage = withData(shared());
        publicImage = withData(cloud.createImage(cloud.adminToken(), "{\"name\": \"pub\", \"visibility\": \"public\", "
                + "\"owner\": \"" + owner.projectId() + "\", \"disk_format\": \"raw\", \"container_format\": \"bare\"}"));
        communityImage = withData(cloud.createImage(owner.token(), "{\"name\": \"comm\", \"visibility\": "
                + "\"community\", \"disk_format\": \"raw\", \"container_format\": \"bare\"}"));
    }

    @AfterAll
    static void stop() {
        cloud.close();
    }

    /** A shared image of the owner's project, accepted by the member's project. */
    static String shared() {
        String id = cloud.createImage(owner.token(), "{\"name\": \"shared\", \"visibility\": \"shared\", "
                + "\"disk_format\": \"raw\", \"container_format\": \"bare\"}");
        cloud.call("POST", "/v2/images/" + id + "/members", owner.token(), "{\"member\": \"" + member.projectId() + "\"}");
        cloud.call("PUT", "/v2/images/" + id + "/members/" + member.projectId(), member.token(),
                "{\"status\": \"accepted\"}");
        return id;
    }

    static String withData(String id) {
        cloud.upload("/v2/images/" + id + "/file", owner.token(), BodyPublishers.ofByteArray(new byte[] {1, 2, 3}));
        return id;
    }

    /** Runs one request per persona and compares the statuses with the expected row. */
    private static void row(String what, Function<String, Integer> call, int... expected) {
        List<Integer> actual = new ArrayList<>();
        for (String p : PERSONAS) {
            actual.add(call.apply(tokens.get(p)));
        }
        List<Integer> want = new ArrayList<>();
        for (int e : expected) {
            want.add(e);
        }
        assertThat(actual).as(what + " for " + String.join(", ", PERSONAS)).isEqualTo(want);
    }

    private static int get(String path, String token) {
        return cloud.call("GET", path, token, null).status();
    }

    private static int patchName(String id, String token) {
        return cloud.withType("PATCH", "/v2/images/" + id, token, "[{\"op\": \"replace\", \"path\": \"/name\", "
                + "\"value\": \"renamed\"}]", "application/openstack-images-v2.1-json-patch").status();
    }

    @Test
    void readingImages() {
        row("show private", t -> get("/v2/images/" + privateImage, t), 200, 200, 200, 404, 404, 401);
        row("show shared", t -> get("/v2/images/" + sharedImage, t), 200, 200, 200, 404, 200, 401);
        row("show public", t -> get("/v2/images/" + publicImage, t), 200, 200, 200, 200, 200, 401);
        row("show community", t -> get("/v2/images/" + communityImage, t), 200, 200, 200, 200, 200, 401);
        row("list", t -> get("/v2/images", t), 200, 200, 200, 200, 200, 401);
        row("list finds the private image",
                t -> t == null ? 401 : listed(t, privateImage) ? 1 : 0, 1, 1, 1, 0, 0, 401);
        row("list finds the shared image", t -> t == null ? 401 : listed(t, sharedImage) ? 1 : 0, 1, 1, 1, 0, 1, 401);
    }

    private static boolean listed(String token, String id) {
        return cloud.call("GET", "/v2/images?limit=1000", token, null).body().contains(id);
    }

    @Test
    void downloading() {
        row("download private", t -> dl(privateImage, t), 200, 200, 403, 404, 404, 401);
        row("download shared", t -> dl(sharedImage, t), 200, 200, 403, 404, 200, 401);
        row("download public", t -> dl(publicImage, t), 200, 200, 403, 200, 200, 401);
    }

    private static int dl(String id, String token) {
        return cloud.download("/v2/images/" + id + "/file", token).statusCode();
    }

    @Test
    void changingImages() {
        row("patch private", t -> patchName(privateImage, t), 200, 200, 403, 404, 404, 401);
        row("patch shared", t -> patchName(sharedImage, t), 200, 200, 403, 404, 403, 401);
        row("patch public", t -> patchName(publicImage, t), 200, 200, 403, 403, 403, 401);
        row("add tag to shared", t -> cloud.call("PUT", "/v2/images/" + sharedImage + "/tags/t", t, null).status(),
                204, 204, 403, 404, 403, 401);
        row("deactivate a fresh public image", t -> cloud.call("POST", "/v2/images/" + withData(cloud.createImage(
                cloud.adminToken(), "{\"visibility\": \"public\", \"owner\": \"" + owner.projectId() + "\", "
                + "\"disk_format\": \"raw\", \"container_format\": \"bare\"}")) + "/actions/deactivate", t, null)
                .status(), 204, 204, 403, 403, 403, 401);
        row("upload to a fresh shared image", t -> cloud.upload("/v2/images/" + shared() + "/file", t,
                BodyPublishers.ofByteArray(new byte[] {9})).status(), 204, 204, 403, 404, 403, 401);
        row("delete a fresh shared image", t -> cloud.call("DELETE", "/v2/images/" + shared(), t, null).status(),
                204, 204, 403, 404, 403, 401);
        row("publicize a fresh private image", t -> cloud.withType("PATCH", "/v2/images/" + cloud.createImage(
                owner.token(), "{\"visibility\": \"private\"}"), t, "[{\"op\": \"replace\", \"path\": \"/visibility\", "
                + "\"value\": \"public\"}]", "application/openstack-images-v2.1-json-patch").status(),
                200, 403, 403, 404, 404, 401);
    }

    @Test
    void members() {
        String members = "/v2/images/" + sharedImage + "/members";
        row("list members", t -> get(members, t), 200, 200, 200, 404, 200, 401);
        row("show the member", t -> get(members + "/" + member.projectId(), t), 200, 200, 200, 404, 200, 401);
        row("add a member", t -> cloud.call("POST", members, t, "{\"member\": \"p-" + (t == null ? "x"
                : Integer.toHexString(t.hashCode())) + "\"}").status(), 200, 200, 403, 404, 403, 401);
        row("accept", t -> cloud.call("PUT", members + "/" + member.projectId(), t, "{\"status\": \"accepted\"}")
                .status(), 200, 403, 403, 404, 200, 401);
        row("remove the member from a fresh image", t -> {
            String id = shared();
            return cloud.call("DELETE", "/v2/images/" + id + "/members/" + member.projectId(), t, null).status();
        }, 204, 204, 403, 404, 403, 401);
    }
}
