package org.apiary.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.stream.Stream;
import org.apiary.image.ImageCloud.Persona;
import org.apiary.image.ImageCloud.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Image data over HTTP: streamed upload and download, checksums, ranges, format safety, staging. */
class ImageDataTest {
    static ImageCloud cloud;
    static Persona carol;

    @BeforeAll
    static void start() throws Exception {
        cloud = new ImageCloud();
        carol = cloud.persona("carol", "gamma", "member");
    }

    @AfterAll
    static void stop() {
        cloud.close();
    }

    static String hex(String algorithm, byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(data));
    }

    private String rawImage() {
        return cloud.createImage(carol.token(), "{\"name\": \"d\", \"disk_format\": \"raw\", \"container_format\": "
                + "\"bare\"}");
    }

    @Test
    void fixedLengthUploadComputesChecksumsAndDownloadsIdentically() throws Exception {
        byte[] data = TestImages.random(3 * 1024 * 1024 + 17, 7);
        String id = rawImage();
        Response up = cloud.upload("/v2/images/" + id + "/file", carol.token(), BodyPublishers.ofByteArray(data));
        assertThat(up.status()).as(up.body()).isEqualTo(204);
        JsonNode i = cloud.show(id, carol.token());
        assertThat(i.path("status").asText()).isEqualTo("active");
        assertThat(i.path("size").asLong()).isEqualTo(data.length);
        assertThat(i.path("virtual_size").asLong()).isEqualTo(data.length);
        assertThat(i.path("checksum").asText()).isEqualTo(hex("MD5", data));
        assertThat(i.path("os_hash_algo").asText()).isEqualTo("sha512");
        assertThat(i.path("os_hash_value").asText()).isEqualTo(hex("SHA-512", data));
        assertThat(i.path("stores").asText()).isEqualTo("file");
        assertThat(Files.size(cloud.storeDir.resolve(id))).isEqualTo(data.length);
        assertThat(noTemporaryFiles()).isTrue();

        HttpResponse<byte[]> down = cloud.download("/v2/images/" + id + "/file", carol.token());
        assertThat(down.statusCode()).isEqualTo(200);
        assertThat(down.body()).isEqualTo(data);
        assertThat(down.headers().firstValue("Content-MD5")).hasValue(hex("MD5", data));
        assertThat(down.headers().firstValue("Content-Length")).hasValue(Integer.toString(data.length));
        assertThat(down.headers().firstValue("Content-Type")).hasValue("application/octet-stream");

        assertThat(cloud.upload("/v2/images/" + id + "/file", carol.token(), BodyPublishers.ofByteArray(data)).status())
                .as("an active image takes no more data").isEqualTo(409);
        assertThat(cloud.call("GET", "/v2/images?size=" + data.length, carol.token(), null).body()).contains(id);
        assertThat(cloud.call("GET", "/v2/images?size=" + (data.length + 1), carol.token(), null).body())
                .doesNotContain(id);
    }

    @Test
    void chunkedUploadWorksToo() throws Exception {
        byte[] data = TestImages.random(2 * 1024 * 1024 + 5, 8);
        String id = rawImage();
        Response up = cloud.upload("/v2/images/" + id + "/file", carol.token(),
                BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(data)));
        assertThat(up.status()).as(up.body()).isEqualTo(204);
        assertThat(cloud.show(id, carol.token()).path("os_hash_value").asText()).isEqualTo(hex("SHA-512", data));
        assertThat(cloud.download("/v2/images/" + id + "/file", carol.token()).body()).isEqualTo(data);
    }

    @Test
    void rangesAsGlanceServesThem() {
        byte[] data = TestImages.random(10_000, 9);
        String id = rawImage();
        cloud.upload("/v2/images/" + id + "/file", carol.token(), BodyPublishers.ofByteArray(data));
        String path = "/v2/images/" + id + "/file";
        HttpResponse<byte[]> first = cloud.download(path, carol.token(), "Range", "bytes=0-99");
        assertThat(first.statusCode()).isEqualTo(206);
        assertThat(first.body()).isEqualTo(java.util.Arrays.copyOfRange(data, 0, 100));
        assertThat(first.headers().firstValue("Content-Range")).hasValue("bytes 0-99/10000");
        assertThat(first.headers().firstValue("Content-Length")).hasValue("100");
        HttpResponse<byte[]> tail = cloud.download(path, carol.token(), "Range", "bytes=-10");
        assertThat(tail.body()).isEqualTo(java.util.Arrays.copyOfRange(data, 9990, 10000));
        assertThat(tail.headers().firstValue("Content-Range")).hasValue("bytes 9990-9999/10000");
        HttpResponse<byte[]> open = cloud.download(path, carol.token(), "Range", "bytes=9000-");
        assertThat(open.body()).isEqualTo(java.util.Arrays.copyOfRange(data, 9000, 10000));
        HttpResponse<byte[]> beyond = cloud.download(path, carol.token(), "Range", "bytes=5000-20000");
        assertThat(beyond.body()).hasSize(5000);
        assertThat(cloud.download(path, carol.token(), "Range", "bytes=10000-").statusCode()).isEqualTo(416);
        assertThat(cloud.download(path, carol.token(), "Range", "bytes=5-2").statusCode()).isEqualTo(416);
        assertThat(cloud.download(path, carol.token(), "Range", "bytes=0-1,5-6").statusCode()).isEqualTo(400);
        HttpResponse<byte[]> legacy = cloud.download(path, carol.token(), "Content-Range", "bytes 10-19/10000");
        assertThat(legacy.statusCode()).isEqualTo(206);
        assertThat(legacy.body()).isEqualTo(java.util.Arrays.copyOfRange(data, 10, 20));
    }

    @Test
    void anImageWithoutDataDownloadsAs204() {
        String id = rawImage();
        HttpResponse<byte[]> r = cloud.download("/v2/images/" + id + "/file", carol.token());
        assertThat(r.statusCode()).isEqualTo(204);
        assertThat(r.body()).isEmpty();
    }

    @Test
    void uploadPreconditions() {
        String noFormats = cloud.createImage(carol.token(), "{\"name\": \"nf\"}");
        Response r = cloud.upload("/v2/images/" + noFormats + "/file", carol.token(), BodyPublishers.ofString("x"));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().path("message").asText())
                .isEqualTo("Properties disk_format, container_format must be set prior to saving data.");
        assertThat(cloud.show(noFormats, carol.token()).path("status").asText()).isEqualTo("queued");
        String id = rawImage();
        assertThat(cloud.call("PUT", "/v2/images/" + id + "/file", carol.token(), "{}").status()).isEqualTo(415);
    }

    @Test
    void contentThatDoesNotMatchItsFormatIsRefusedAndNothingKept() {
        String qcow = cloud.createImage(carol.token(), "{\"disk_format\": \"qcow2\", \"container_format\": \"bare\"}");
        Response r = cloud.upload("/v2/images/" + qcow + "/file", carol.token(),
                BodyPublishers.ofByteArray(TestImages.random(100_000, 1)));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().path("message").asText())
                .isEqualTo("Image data does not match disk_format 'qcow2': the content is raw data.");
        assertRolledBack(qcow);

        String raw = rawImage();
        Response disguised = cloud.upload("/v2/images/" + raw + "/file", carol.token(),
                BodyPublishers.ofByteArray(TestImages.qcow2(1L << 30, null, 0, 100_000)));
        assertThat(disguised.status()).isEqualTo(400);
        assertThat(disguised.json().path("message").asText()).contains("the content is a qcow2 image");
        assertRolledBack(raw);
    }

    @Test
    void unsafeImagesAreRefused() {
        String backing = cloud.createImage(carol.token(), "{\"disk_format\": \"qcow2\", \"container_format\": "
                + "\"bare\"}");
        Response r = cloud.upload("/v2/images/" + backing + "/file", carol.token(),
                BodyPublishers.ofByteArray(TestImages.qcow2(1L << 30, "/etc/passwd", 0, 4 << 20)));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().path("message").asText())
                .isEqualTo("Image data is not acceptable: qcow2 image has a backing file.");
        assertRolledBack(backing);

        String vmdk = cloud.createImage(carol.token(), "{\"disk_format\": \"vmdk\", \"container_format\": \"bare\"}");
        Response v = cloud.upload("/v2/images/" + vmdk + "/file", carol.token(), BodyPublishers.ofByteArray(
                TestImages.vmdk(2048, TestImages.vmdkDescriptor("monolithicFlat", "RW 2048 FLAT \"/dev/sda\" 0"),
                        65536)));
        assertThat(v.status()).isEqualTo(400);
        assertThat(v.json().path("message").asText()).contains("VMDK");
        assertRolledBack(vmdk);
    }

    @Test
    void aGoodQcow2GetsItsVirtualSize() {
        String id = cloud.createImage(carol.token(), "{\"disk_format\": \"qcow2\", \"container_format\": \"bare\"}");
        Response r = cloud.upload("/v2/images/" + id + "/file", carol.token(),
                BodyPublishers.ofByteArray(TestImages.qcow2(5L << 30, null, 0, 300_000)));
        assertThat(r.status()).as(r.body()).isEqualTo(204);
        JsonNode i = cloud.show(id, carol.token());
        assertThat(i.path("virtual_size").asLong()).isEqualTo(5L << 30);
        assertThat(i.path("size").asLong()).isEqualTo(300_000);
    }

    @Test
    void anUploadCutOffHalfwayLeavesAQueuedImageAndNoData() throws Exception {
        String id = rawImage();
        InputStream breaking = new InputStream() {
            int sent;

            @Override
            public int read() throws IOException {
                if (sent++ > 3_000_000) {
                    throw new IOException("client killed");
                }
                return 42;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (sent > 3_000_000) {
                    throw new IOException("client killed");
                }
                int n = Math.min(len, 65536);
                java.util.Arrays.fill(b, off, off + n, (byte) 42);
                sent += n;
                return n;
            }
        };
        assertThatThrownBy(() -> cloud.upload("/v2/images/" + id + "/file", carol.token(),
                BodyPublishers.ofInputStream(() -> breaking))).isInstanceOf(IllegalStateException.class);
        // The client gives up before the server may even have started on the request, so "queued"
        // can be seen both before "saving" and after the rollback: wait until it holds for a second.
        int queuedInARow = 0;
        for (int k = 0; k < 600 && queuedInARow < 20; k++) {
            queuedInARow = cloud.show(id, carol.token()).path("status").asText().equals("queued") ? queuedInARow + 1 : 0;
            Thread.sleep(50);
        }
        assertRolledBack(id);
        Response again = cloud.upload("/v2/images/" + id + "/file", carol.token(),
                BodyPublishers.ofByteArray(new byte[] {1, 2, 3}));
        assertThat(again.status()).as("the image takes an upload again").isEqualTo(204);
    }

    @Test
    void stageThenImportWithGlanceDirect() throws Exception {
        byte[] data = TestImages.random(1_500_000, 3);
        String id = rawImage();
        Response staged = cloud.upload("/v2/images/" + id + "/stage", carol.token(), BodyPublishers.ofByteArray(data));
        assertThat(staged.status()).as(staged.body()).isEqualTo(204);
        JsonNode uploading = cloud.show(id, carol.token());
        assertThat(uploading.path("status").asText()).isEqualTo("uploading");
        assertThat(uploading.path("size").asLong()).isEqualTo(data.length);
        Response imp = cloud.call("POST", "/v2/images/" + id + "/import", carol.token(),
                "{\"method\": {\"name\": \"glance-direct\"}}");
        assertThat(imp.status()).as(imp.body()).isEqualTo(202);
        JsonNode done = waitForImport(id);
        assertThat(done.path("status").asText()).isEqualTo("active");
        assertThat(done.path("checksum").asText()).isEqualTo(hex("MD5", data));
        assertThat(done.path("os_glance_failed_import").asText()).isEmpty();
        assertThat(done.has("os_glance_import_task")).isFalse();
        assertThat(Files.exists(cloud.storeDir.resolve(".staging").resolve(id))).isFalse();
        JsonNode tasks = cloud.call("GET", "/v2/images/" + id + "/tasks", carol.token(), null).json().path("tasks");
        assertThat(tasks).hasSize(1);
        assertThat(tasks.get(0).path("status").asText()).isEqualTo("success");
        assertThat(cloud.download("/v2/images/" + id + "/file", carol.token()).body()).isEqualTo(data);
        assertThat(cloud.call("POST", "/v2/images/" + id + "/import", carol.token(),
                "{\"method\": {\"name\": \"glance-direct\"}}").status()).isEqualTo(409);
    }

    @Test
    void aRefusedImportGoesBackToQueuedWithTheReasonInItsTask() throws Exception {
        String id = cloud.createImage(carol.token(), "{\"disk_format\": \"qcow2\", \"container_format\": \"bare\"}");
        cloud.upload("/v2/images/" + id + "/stage", carol.token(),
                BodyPublishers.ofByteArray(TestImages.qcow2(1L << 30, "base.img", 0, 8192)));
        assertThat(cloud.call("POST", "/v2/images/" + id + "/import", carol.token(),
                "{\"method\": {\"name\": \"glance-direct\"}}").status()).isEqualTo(202);
        JsonNode done = waitForImport(id);
        assertThat(done.path("status").asText()).isEqualTo("queued");
        assertThat(done.path("os_glance_failed_import").asText()).isEqualTo("file");
        JsonNode task = cloud.call("GET", "/v2/images/" + id + "/tasks", carol.token(), null).json().path("tasks")
                .get(0);
        assertThat(task.path("status").asText()).isEqualTo("failure");
        assertThat(task.path("message").asText()).contains("backing file");
        assertRolledBack(id);
        assertThat(cloud.call("POST", "/v2/images/" + id + "/import", carol.token(),
                "{\"method\": {\"name\": \"web-download\"}}").status()).isEqualTo(400);
        assertThat(cloud.call("POST", "/v2/images/" + id + "/import", carol.token(), "{}").status()).isEqualTo(400);
    }

    private JsonNode waitForImport(String id) throws InterruptedException {
        JsonNode i = cloud.show(id, carol.token());
        // As upstream, the image turns active a moment before the task drops its lock property.
        for (int k = 0; k < 200 && (i.path("status").asText().equals("importing") || i.has("os_glance_import_task"));
             k++) {
            Thread.sleep(50);
            i = cloud.show(id, carol.token());
        }
        return i;
    }

    @Test
    void deactivatedImagesAreReadableOnlyByAdmins() {
        String id = rawImage();
        cloud.upload("/v2/images/" + id + "/file", carol.token(), BodyPublishers.ofByteArray(new byte[] {5, 6}));
        assertThat(cloud.call("POST", "/v2/images/" + id + "/actions/deactivate", carol.token(), null).status())
                .isEqualTo(204);
        assertThat(cloud.show(id, carol.token()).path("status").asText()).isEqualTo("deactivated");
        assertThat(cloud.download("/v2/images/" + id + "/file", carol.token()).statusCode()).isEqualTo(403);
        assertThat(cloud.download("/v2/images/" + id + "/file", cloud.adminToken()).statusCode()).isEqualTo(200);
        assertThat(cloud.call("POST", "/v2/images/" + id + "/actions/reactivate", carol.token(), null).status())
                .isEqualTo(204);
        assertThat(cloud.download("/v2/images/" + id + "/file", carol.token()).body()).containsExactly(5, 6);
    }

    @Test
    void deletingAnImageRemovesItsData() {
        String id = rawImage();
        cloud.upload("/v2/images/" + id + "/file", carol.token(), BodyPublishers.ofByteArray(new byte[1000]));
        assertThat(Files.exists(cloud.storeDir.resolve(id))).isTrue();
        assertThat(cloud.call("DELETE", "/v2/images/" + id, carol.token(), null).status()).isEqualTo(204);
        assertThat(Files.exists(cloud.storeDir.resolve(id))).isFalse();
    }

    private void assertRolledBack(String id) {
        JsonNode i = cloud.show(id, carol.token());
        assertThat(i.path("status").asText()).isEqualTo("queued");
        assertThat(i.path("size").isNull()).isTrue();
        assertThat(Files.exists(cloud.storeDir.resolve(id))).isFalse();
        assertThat(noTemporaryFiles()).isTrue();
    }

    private static boolean noTemporaryFiles() {
        try (Stream<java.nio.file.Path> files = Files.list(cloud.storeDir.resolve(".tmp"))) {
            return files.findAny().isEmpty();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
