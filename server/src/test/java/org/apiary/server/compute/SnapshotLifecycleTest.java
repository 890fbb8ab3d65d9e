package org.apiary.server.compute;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.apiary.compute.domain.FlavorSpec;
import org.apiary.compute.domain.InstanceAction;
import org.apiary.compute.domain.RequestedNetwork;
import org.apiary.compute.domain.Server;
import org.apiary.compute.domain.ServerService;
import org.apiary.compute.domain.ServerService.Caller;
import org.apiary.compute.domain.ServerService.CreateRequest;
import org.apiary.host.fake.FakeHypervisor;
import org.apiary.host.spi.HostResources;
import org.apiary.image.domain.Image;
import org.apiary.image.domain.Viewer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * createImage through the real modules, as the all-in-one runs it: compute's API and conductor, the agent
 * over the in-process bus with the fake driver (whose snapshot is its guest's image, see FakeHypervisor),
 * the upload through LocalImageCache into the real image service. The snapshot ends active in Glance with
 * the uploaded bytes' checksum; a failed one leaves no image and the server ACTIVE.
 */
class SnapshotLifecycleTest {
    private static final String PROJECT = "project-s";
    private static final Caller CALLER = new Caller(PROJECT, "user-s", "req-s", false);
    private static final Viewer OWNER = new Viewer(PROJECT, false);

    @TempDir
    Path cache;
    private ComputeStack stack;
    private String networkId;
    private final byte[] qcow2 = qcow2();

    @BeforeEach
    void start() throws Exception {
        stack = new ComputeStack();
        LocalImageCache hostImages = new LocalImageCache(stack.services.image, cache);
        stack.startAgent(new FakeHypervisor(new HostResources(8, 16384, 200), Duration.ZERO, Clock.systemUTC(),
                hostImages), hostImages);
        stack.compute.flavors().create(new FlavorSpec("1", "small", 512, 1, 1, 0, 0, 1.0, true, null));
        networkId = stack.network(PROJECT, "10.8.0.0/24");
    }

    @AfterEach
    void stop() throws Exception {
        stack.close();
    }

    private ServerService servers() {
        return stack.compute.servers().servers();
    }

    private String image(String format, byte[] data) {
        return stack.image("base-" + format, PROJECT, Map.of("hw_disk_bus", "virtio", "min_disk", "1"), format, data);
    }

    private Server boot(String imageId) {
        Server s = servers().create(CALLER, new CreateRequest("snap-vm", imageId, "1", "list",
                List.of(new RequestedNetwork(networkId, null, null, null)), List.of(), null, null, Map.of(), false,
                null, null, null, null, List.of(), 1, 1, null, null, null, null)).get(0);
        return stack.waitFor(s.uuid(), x -> x.status().equals("ACTIVE") && x.taskState() == null, "server is ACTIVE");
    }

    @Test
    void aSnapshotEndsActiveInGlanceWithTheUploadedBytes() throws Exception {
        String base = image("qcow2", qcow2);
        Server s = boot(base);

        String snap = servers().createImage(CALLER, s.uuid(), "my-snap", Map.of("purpose", "test"), false);
        Server after = stack.waitFor(s.uuid(), x -> x.taskState() == null, "the snapshot's task ends");

        assertThat(after.vmState()).isEqualTo("active");
        Image image = stack.services.image.images().get(OWNER, snap);
        assertThat(image.status().wire()).isEqualTo("active");
        assertThat(image.diskFormat()).isEqualTo("qcow2");
        assertThat(image.containerFormat()).isEqualTo("bare");
        assertThat(image.size()).isEqualTo(qcow2.length);
        assertThat(image.checksum()).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("MD5")
                .digest(qcow2)));
        assertThat(image.osHashValue()).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-512")
                .digest(qcow2)));
        assertThat(image.properties()).containsEntry("image_type", "snapshot").containsEntry("instance_uuid",
                s.uuid()).containsEntry("base_image_ref", base).containsEntry("hw_disk_bus", "virtio")
                .containsEntry("purpose", "test");
        assertThat(image.minDisk()).isEqualTo(1);
        InstanceAction action = servers().actions(CALLER, s.uuid()).get(0);
        assertThat(action.action()).isEqualTo("createImage");
        ComputeStack.waitUntil(() -> servers().action(CALLER, s.uuid(), action.requestId()).finishTime() != null,
                "the createImage action finishes");
        try (var left = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            assertThat(left.map(p -> p.getFileName().toString())).as("the host's copy is removed")
                    .noneMatch(n -> n.contains(snap));
        }
    }

    @Test
    void aFailedSnapshotLeavesNoImageAndTheServerActive() {
        // The fake cannot snapshot a guest of a raw image (snapshots are qcow2): the host reports the failure.
        Server s = boot(image("raw", new byte[4096]));

        String snap = servers().createImage(CALLER, s.uuid(), "doomed", Map.of(), false);
        ComputeStack.waitUntil(() -> {
            try {
                stack.services.image.images().get(OWNER, snap);
                return false;
            } catch (RuntimeException gone) {
                return true;
            }
        }, "the failed snapshot's image is deleted");
        Server after = stack.waitFor(s.uuid(), x -> x.taskState() == null, "the snapshot's task ends");
        assertThat(after.vmState()).isEqualTo("active");
        assertThat(after.status()).isEqualTo("ACTIVE");
        InstanceAction action = servers().actions(CALLER, s.uuid()).get(0);
        assertThat(action.action()).isEqualTo("createImage");
        ComputeStack.waitUntil(() -> "Error".equals(servers().action(CALLER, s.uuid(), action.requestId()).message()),
                "the createImage action ends in Error");
    }

    /** A minimal qcow2 (v3 header, no backing file) that Glance's format inspection accepts as qcow2. */
    private static byte[] qcow2() {
        ByteBuffer b = ByteBuffer.allocate(8192);
        b.put(new byte[] {'Q', 'F', 'I', (byte) 0xfb}).putInt(3).putLong(0).putInt(0).putInt(16).putLong(1L << 30)
                .putInt(0).putInt(1).putLong(3 << 16).putLong(1 << 16).putInt(1).putInt(0).putLong(0).putLong(0)
                .putLong(0).putLong(0).putInt(4).putInt(104);
        return b.array();
    }
}
