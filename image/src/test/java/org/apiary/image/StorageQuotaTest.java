package org.apiary.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.file.Files;
import org.apiary.image.ImageCloud.Persona;
import org.apiary.image.ImageCloud.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** [image] user_storage_quota: data over a project's quota is refused with 413 and nothing is kept. */
class StorageQuotaTest {
    static ImageCloud cloud;
    static Persona dave;
    static Persona erin;

    @BeforeAll
    static void start() throws Exception {
        cloud = new ImageCloud(c -> c.with(ImageOptions.USER_STORAGE_QUOTA, "1MB")
                .with(ImageOptions.IMAGE_TAG_QUOTA, "2").with(ImageOptions.IMAGE_PROPERTY_QUOTA, "2"));
        dave = cloud.persona("dave", "delta", "member");
        erin = cloud.persona("erin", "epsilon", "member");
    }

    @AfterAll
    static void stop() {
        cloud.close();
    }

    private String image(ImageCloud.Persona p) {
        return cloud.createImage(p.token(), "{\"disk_format\": \"raw\", \"container_format\": \"bare\"}");
    }

    @Test
    void uploadsBeyondTheProjectQuotaAreRefused() throws Exception {
        String first = image(dave);
        assertThat(cloud.upload("/v2/images/" + first + "/file", dave.token(),
                BodyPublishers.ofByteArray(new byte[700_000])).status()).isEqualTo(204);

        String announced = image(dave);
        Response r = cloud.upload("/v2/images/" + announced + "/file", dave.token(),
                BodyPublishers.ofByteArray(new byte[700_000]));
        assertThat(r.status()).isEqualTo(413);
        assertThat(r.json().path("message").asText()).startsWith("Image exceeds the storage quota");
        assertThat(cloud.show(announced, dave.token()).path("status").asText()).isEqualTo("queued");

        byte[] big = new byte[700_000];
        Response chunked = cloud.upload("/v2/images/" + announced + "/file", dave.token(),
                BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big)));
        assertThat(chunked.status()).as("a chunked body is cut off at the quota").isEqualTo(413);
        assertThat(cloud.show(announced, dave.token()).path("status").asText()).isEqualTo("queued");
        assertThat(Files.exists(cloud.storeDir.resolve(announced))).isFalse();
        try (var tmp = Files.list(cloud.storeDir.resolve(".tmp"))) {
            assertThat(tmp.findAny()).isEmpty();
        }

        Response staged = cloud.upload("/v2/images/" + announced + "/stage", dave.token(),
                BodyPublishers.ofByteArray(new byte[700_000]));
        assertThat(staged.status()).as("staged data counts too").isEqualTo(413);

        assertThat(cloud.upload("/v2/images/" + announced + "/file", dave.token(),
                BodyPublishers.ofByteArray(new byte[300_000])).status()).as("what fits is accepted").isEqualTo(204);
        String other = image(erin);
        assertThat(cloud.upload("/v2/images/" + other + "/file", erin.token(),
                BodyPublishers.ofByteArray(new byte[700_000])).status()).as("quotas are per project").isEqualTo(204);
        assertThat(cloud.call("DELETE", "/v2/images/" + first, dave.token(), null).status()).isEqualTo(204);
        String after = image(dave);
        assertThat(cloud.upload("/v2/images/" + after + "/file", dave.token(),
                BodyPublishers.ofByteArray(new byte[600_000])).status()).as("deleting frees the quota").isEqualTo(204);
    }

    @Test
    void tagAndPropertyLimits() {
        assertThat(cloud.call("POST", "/v2/images", dave.token(), "{\"tags\": [\"a\", \"b\", \"c\"]}").status())
                .isEqualTo(413);
        assertThat(cloud.call("POST", "/v2/images", dave.token(), "{\"p1\": \"1\", \"p2\": \"2\", \"p3\": \"3\"}")
                .status()).isEqualTo(413);
        String id = cloud.createImage(dave.token(), "{\"tags\": [\"a\", \"b\"]}");
        assertThat(cloud.call("PUT", "/v2/images/" + id + "/tags/c", dave.token(), null).status()).isEqualTo(413);
    }
}
