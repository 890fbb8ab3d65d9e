package org.apiary.server.compute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import org.apiary.common.error.ErrorKind;
import org.apiary.common.error.ServiceException;
import org.apiary.compute.domain.external.ImageApi;
import org.apiary.compute.domain.external.ImageApi.ImageInfo;
import org.apiary.image.domain.Image;
import org.apiary.image.domain.ImageMember;
import org.apiary.image.domain.Viewer;
import org.apiary.image.store.sql.SqlMemberStore;
import org.assertj.core.api.ThrowableAssert;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class InProcessImagesTest {
    private static final String ME = "project-me";
    private static final String THEM = "project-them";
    private static final String STRANGER = "project-stranger";

    private Services services;
    private ImageApi images;

    @BeforeEach
    void start() throws Exception {
        services = new Services();
        images = new InProcessImages(services.image);
    }

    @AfterEach
    void stop() throws Exception {
        services.close();
    }

    private String image(String owner, String visibility) {
        Image.Builder b = new Image.Builder();
        b.name = visibility + "-of-" + owner;
        b.owner = owner;
        b.visibility = visibility;
        b.diskFormat = "qcow2";
        b.containerFormat = "bare";
        b.minDisk = 2;
        b.minRam = 256;
        b.properties.put("hw_firmware_type", "uefi");
        b.properties.put("kernel_id", null);
        return services.image.images().create(b).id();
    }

    private static void fails(ErrorKind kind, String message, ThrowableAssert.ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOfSatisfying(ServiceException.class, e -> {
            assertThat(e.kind()).isEqualTo(kind);
            assertThat(e.getMessage()).contains(message);
        });
    }

    @Test
    void imagesAreVisibleByGlancesRules() {
        String publicOne = image(THEM, "public");
        String community = image(THEM, "community");
        String mine = image(ME, "private");
        String theirs = image(THEM, "private");
        String sharedWithMe = image(THEM, "shared");
        new SqlMemberStore(services.db).add(new ImageMember(sharedWithMe, ME, "pending", Instant.now(),
                Instant.now()));

        assertThat(images.image(publicOne, ME)).isPresent();
        assertThat(images.image(community, ME)).isPresent();
        assertThat(images.image(mine, ME)).isPresent();
        assertThat(images.image(sharedWithMe, ME)).isPresent();
        assertThat(images.image(theirs, ME)).isEmpty();
        assertThat(images.image(sharedWithMe, STRANGER)).isEmpty();
        assertThat(images.image(mine, THEM)).isEmpty();
        assertThat(images.image(UUID.randomUUID().toString(), ME)).isEmpty();

        ImageInfo info = images.image(mine, ME).orElseThrow();
        assertThat(info).isEqualTo(new ImageInfo(mine, "private-of-" + ME, "queued", null, 2, 256, "qcow2", "bare",
                Map.of("hw_firmware_type", "uefi")));
    }

    @Test
    void snapshotIsCreatedQueuedThenUploadedThenDeleted() throws Exception {
        String id = images.createSnapshotImage("snap-1", ME, Map.of("image_type", "snapshot", "instance_uuid",
                "4a1c3c5e-0000-4000-8000-000000000001", "min_disk", "10", "min_ram", "512"), "raw", "bare");
        ImageInfo queued = images.image(id, ME).orElseThrow();
        assertThat(queued.status()).isEqualTo("queued");
        assertThat(queued.name()).isEqualTo("snap-1");
        assertThat(queued.sizeBytes()).isNull();
        assertThat(queued.minDiskGb()).isEqualTo(10);
        assertThat(queued.minRamMb()).isEqualTo(512);
        assertThat(queued.properties()).containsEntry("image_type", "snapshot").doesNotContainKey("min_disk");
        Image stored = services.image.images().get(new Viewer(null, true), id);
        assertThat(stored.owner()).isEqualTo(ME);
        assertThat(stored.visibility()).isEqualTo("private");
        assertThat(images.image(id, THEM)).isEmpty();

        byte[] data = "a guest disk, raw, snapshot bytes\n".repeat(5000).getBytes(StandardCharsets.US_ASCII);
        images.uploadSnapshot(id, new ByteArrayInputStream(data));
        ImageInfo active = images.image(id, ME).orElseThrow();
        assertThat(active.status()).isEqualTo("active");
        assertThat(active.sizeBytes()).isEqualTo(data.length);
        Image withData = services.image.images().get(new Viewer(null, true), id);
        assertThat(withData.checksum()).isEqualTo(hex("MD5", data));
        assertThat(withData.osHashAlgo()).isEqualTo("sha512");
        assertThat(withData.osHashValue()).isEqualTo(hex("SHA-512", data));
        fails(ErrorKind.CONFLICT, "not allowed", () -> images.uploadSnapshot(id, new ByteArrayInputStream(data)));

        images.deleteImage(id);
        assertThat(images.image(id, ME)).isEmpty();
        images.deleteImage(id); // already gone: no-op
        fails(ErrorKind.NOT_FOUND, id, () -> images.uploadSnapshot(id, new ByteArrayInputStream(data)));
    }

    @Test
    void badSnapshotRequestsAreClientErrors() {
        fails(ErrorKind.FORBIDDEN, "'status' is reserved", () -> images.createSnapshotImage("s", ME,
                Map.of("status", "active"), "raw", "bare"));
        fails(ErrorKind.FORBIDDEN, "reserved", () -> images.createSnapshotImage("s", ME,
                Map.of("os_glance_importing_to_stores", "x"), "raw", "bare"));
        fails(ErrorKind.BAD_REQUEST, "disk format", () -> images.createSnapshotImage("s", ME, Map.of(), "floppy",
                "bare"));
        fails(ErrorKind.BAD_REQUEST, "min_ram", () -> images.createSnapshotImage("s", ME, Map.of("min_ram", "-1"),
                "raw", "bare"));
        // content that is not what the image says it is never becomes active
        String id = images.createSnapshotImage("s", ME, Map.of(), "qcow2", "bare");
        fails(ErrorKind.BAD_REQUEST, "does not match disk_format", () -> images.uploadSnapshot(id,
                new ByteArrayInputStream("not a qcow2 at all".repeat(1000).getBytes(StandardCharsets.US_ASCII))));
        assertThat(images.image(id, ME).orElseThrow().status()).isEqualTo("queued");
    }

    private static String hex(String algorithm, byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(data));
    }
}
