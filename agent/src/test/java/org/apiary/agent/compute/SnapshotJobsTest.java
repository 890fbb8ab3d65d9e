package org.apiary.agent.compute;

import static org.apiary.agent.compute.RecordingConductor.HOST;
import static org.apiary.agent.compute.RecordingConductor.spec;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apiary.compute.rpc.SnapshotProgress;
import org.apiary.compute.rpc.SnapshotProgress.Stage;
import org.apiary.host.fake.FakeHypervisor;
import org.apiary.host.spi.CachedImage;
import org.apiary.host.spi.HostResources;
import org.apiary.host.spi.ImageSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent's createImage: the driver's copy, the reports (pending upload, uploading, done or failed), the
 * upload through the ImageSource, and the copy removed whatever happened.
 */
class SnapshotJobsTest {
    static final String VM = "a1a1a1a1-1111-4222-8333-444444444444", SNAP = "b2b2b2b2-1111-4222-8333-444444444444";
    static final byte[] QCOW2 = {'Q', 'F', 'I', (byte) 0xfb, 0, 0, 0, 3};

    @TempDir
    Path tmp;
    final RecordingConductor conductor = new RecordingConductor();
    final Map<String, byte[]> uploaded = new ConcurrentHashMap<>();
    final Map<String, Path> uploadedFrom = new ConcurrentHashMap<>();
    volatile RuntimeException uploadFails;
    ComputeAgent agent;

    final ImageSource images = new ImageSource() {
        @Override
        public CachedImage fetch(String imageId) {
            try {
                Path p = tmp.resolve(imageId + ".qcow2");
                Files.write(p, QCOW2);
                return new CachedImage(p, "qcow2");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void upload(String imageId, Path file) {
            if (uploadFails != null) {
                throw uploadFails;
            }
            try {
                uploaded.put(imageId, Files.readAllBytes(file));
                uploadedFrom.put(imageId, file);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    };

    ComputeAgent agent(ImageSource driverImages, ImageSource uploads) {
        FakeHypervisor fake = new FakeHypervisor(new HostResources(2, 4096, 50), Duration.ZERO, Clock.systemUTC(),
                driverImages);
        agent = new ComputeAgent(new ComputeAgentSettings(HOST, "192.0.2.10", "fake", 1, 512, 1500, 4.0, 1.5, 1.0,
                Duration.ofSeconds(1), Duration.ofSeconds(1), null, null, null, Duration.ZERO), fake, conductor,
                uploads);
        agent.spawn(spec(VM, 1, 512, 1, "c3c3c3c3-1111-4222-8333-444444444444"));
        return agent;
    }

    @AfterEach
    void close() {
        agent.close();
    }

    List<Stage> stagesWhenDone() {
        long deadline = System.currentTimeMillis() + 10_000;
        while (conductor.snapshotReports.stream().noneMatch(r -> r.stage() == Stage.DONE || r.stage() == Stage.FAILED)
                && System.currentTimeMillis() < deadline) {
            Thread.onSpinWait();
        }
        return conductor.snapshotReports.stream().map(SnapshotProgress::stage).toList();
    }

    @Test
    void copiesReportsUploadsAndRemovesTheCopy() throws Exception {
        agent(images, images).snapshot(VM, SNAP);

        assertThat(stagesWhenDone()).containsExactly(Stage.PENDING_UPLOAD, Stage.UPLOADING, Stage.DONE);
        assertThat(conductor.snapshotReports).allMatch(r -> r.uuid().equals(VM) && r.imageId().equals(SNAP));
        assertThat(uploaded.get(SNAP)).isEqualTo(QCOW2);
        assertThat(uploadedFrom.get(SNAP)).as("the driver's copy is removed after the upload").doesNotExist();
    }

    @Test
    void aSnapshotNoLongerWantedIsNotUploaded() throws Exception {
        conductor.snapshotWanted = false;
        agent(images, images).snapshot(VM, SNAP);
        long deadline = System.currentTimeMillis() + 5_000;
        while (conductor.snapshotReports.isEmpty() && System.currentTimeMillis() < deadline) {
            Thread.onSpinWait();
        }
        Thread.sleep(200);
        assertThat(conductor.snapshotReports).extracting(SnapshotProgress::stage).containsExactly(Stage.PENDING_UPLOAD);
        assertThat(uploaded).isEmpty();
        try (var left = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            assertThat(left.map(p -> p.getFileName().toString())).noneMatch(n -> n.contains(SNAP));
        }
    }

    @Test
    void failuresAreReportedWithTheirReason() {
        agent(null, images).snapshot(VM, SNAP);
        assertThat(stagesWhenDone()).containsExactly(Stage.FAILED);
        assertThat(conductor.snapshotReports.getFirst().detail()).contains("fake compute driver", "cannot snapshot");
        agent.close();

        conductor.snapshotReports.clear();
        uploadFails = new IllegalStateException("image service said 413");
        agent(images, images).snapshot(VM, SNAP);
        assertThat(stagesWhenDone()).containsExactly(Stage.PENDING_UPLOAD, Stage.UPLOADING, Stage.FAILED);
        assertThat(conductor.snapshotReports.getLast().detail()).isEqualTo("image service said 413");
        agent.close();

        conductor.snapshotReports.clear();
        uploadFails = null;
        agent(images, null).snapshot(VM, SNAP);
        assertThat(stagesWhenDone()).containsExactly(Stage.PENDING_UPLOAD, Stage.UPLOADING, Stage.FAILED);
        assertThat(conductor.snapshotReports.getLast().detail()).contains("no image service");

        conductor.snapshotReports.clear();
        agent.snapshot("d4d4d4d4-1111-4222-8333-444444444444", SNAP);
        assertThat(stagesWhenDone()).containsExactly(Stage.FAILED);
    }
}
