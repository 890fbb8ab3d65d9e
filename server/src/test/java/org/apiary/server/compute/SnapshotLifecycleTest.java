package org.apiary.server.compute;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apiary.agent.compute.BusComputeAgent;
import org.apiary.agent.compute.ComputeAgentSettings;
import org.apiary.bus.Bus;
import org.apiary.bus.InProcessBus;
import org.apiary.bus.RpcServers;
import org.apiary.common.config.Config;
import org.apiary.compute.ComputeExternals;
import org.apiary.compute.ComputeModule;
import org.apiary.compute.domain.FlavorSpec;
import org.apiary.compute.domain.InstanceAction;
import org.apiary.compute.domain.RequestedNetwork;
import org.apiary.compute.domain.Server;
import org.apiary.compute.domain.ServerService;
import org.apiary.compute.domain.ServerService.Caller;
import org.apiary.compute.domain.ServerService.CreateRequest;
import org.apiary.compute.rpc.ConductorRpc;
import org.apiary.host.fake.FakeHypervisor;
import org.apiary.host.spi.HostResources;
import org.apiary.image.domain.Image;
import org.apiary.image.domain.Viewer;
import org.apiary.network.domain.Network;
import org.apiary.network.domain.NetworkSpec;
import org.apiary.network.domain.SubnetSpec;
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
    private Services services;
    private Bus bus;
    private BusComputeAgent agent;
    private ComputeModule compute;
    private String networkId;
    private final byte[] qcow2 = qcow2();

    @BeforeEach
    void start() throws Exception {
        services = new Services();
        services.db.migrate("compute");
        bus = new InProcessBus();
        compute = new ComputeModule(Config.empty(), services.db, new ComputeExternals(
                new InProcessPlacement(services.placement), new InProcessNetwork(services.network),
                new InProcessImages(services.image), AgentProxies.of(bus, Duration.ofSeconds(10))));
        RpcServers.serve(bus, ConductorRpc.TOPIC, ConductorRpc.class, compute.servers().endpoint());
        LocalImageCache hostImages = new LocalImageCache(services.image, cache);
        FakeHypervisor hypervisor = new FakeHypervisor(new HostResources(8, 16384, 200), Duration.ZERO,
                Clock.systemUTC(), hostImages);
        agent = BusComputeAgent.start(bus, ComputeAgentSettings.from(Config.empty())
                .withIntervals(Duration.ofMillis(200), Duration.ofMillis(200)), hypervisor, hostImages,
                Duration.ofSeconds(10));
        waitUntil(() -> !compute.hosts().hypervisors().isEmpty());
        compute.flavors().create(new FlavorSpec("1", "small", 512, 1, 1, 0, 0, 1.0, true, null));
        Network n = services.network.networks().create(new NetworkSpec(PROJECT, "net", null, null, false, false, null,
                null, null, null, null, null, null, null, false));
        services.network.subnets().create(new SubnetSpec(PROJECT, n.id(), "", null, 4, "10.8.0.0/24", null, false,
                null, null, null, null, null, null));
        networkId = n.id();
    }

    @AfterEach
    void stop() throws Exception {
        agent.close();
        compute.servers().close();
        bus.close();
        services.close();
    }

    private ServerService servers() {
        return compute.servers().servers();
    }

    private String image(String format, byte[] data) {
        InProcessImages images = new InProcessImages(services.image);
        String id = images.createSnapshotImage("base-" + format, PROJECT, Map.of("hw_disk_bus", "virtio",
                "min_disk", "1"), format, "bare");
        images.uploadSnapshot(id, new ByteArrayInputStream(data));
        return id;
    }

    private Server boot(String imageId) {
        Server s = servers().create(CALLER, new CreateRequest("snap-vm", imageId, "1", "list",
                List.of(new RequestedNetwork(networkId, null, null, null)), List.of(), null, null, Map.of(), false,
                null, null, null, null, List.of(), 1, 1, null, null, null, null)).get(0);
        return waitFor(s.uuid(), x -> x.status().equals("ACTIVE") && x.taskState() == null);
    }

    @Test
    void aSnapshotEndsActiveInGlanceWithTheUploadedBytes() throws Exception {
        String base = image("qcow2", qcow2);
        Server s = boot(base);

        String snap = servers().createImage(CALLER, s.uuid(), "my-snap", Map.of("purpose", "test"), false);
        Server after = waitFor(s.uuid(), x -> x.taskState() == null);

        assertThat(after.vmState()).isEqualTo("active");
        Image image = services.image.images().get(OWNER, snap);
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
        waitUntil(() -> servers().action(CALLER, s.uuid(), action.requestId()).finishTime() != null);
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
        waitUntil(() -> {
            try {
                services.image.images().get(OWNER, snap);
                return false;
            } catch (RuntimeException gone) {
                return true;
            }
        });
        Server after = waitFor(s.uuid(), x -> x.taskState() == null);
        assertThat(after.vmState()).isEqualTo("active");
        assertThat(after.status()).isEqualTo("ACTIVE");
        InstanceAction action = servers().actions(CALLER, s.uuid()).get(0);
        assertThat(action.action()).isEqualTo("createImage");
        waitUntil(() -> "Error".equals(servers().action(CALLER, s.uuid(), action.requestId()).message()));
    }

    /** A minimal qcow2 (v3 header, no backing file) that Glance's format inspection accepts as qcow2. */
    private static byte[] qcow2() {
        ByteBuffer b = ByteBuffer.allocate(8192);
        b.put(new byte[] {'Q', 'F', 'I', (byte) 0xfb}).putInt(3).putLong(0).putInt(0).putInt(16).putLong(1L << 30)
                .putInt(0).putInt(1).putLong(3 << 16).putLong(1 << 16).putInt(1).putInt(0).putLong(0).putLong(0)
                .putLong(0).putLong(0).putInt(4).putInt(104);
        return b.array();
    }

    private Server waitFor(String uuid, Predicate<Server> condition) {
        long deadline = System.currentTimeMillis() + 20_000;
        Server s;
        do {
            s = servers().get(new Caller("admin", "admin", "req-admin", true), uuid);
            if (condition.test(s)) {
                return s;
            }
            sleep();
        } while (System.currentTimeMillis() < deadline);
        throw new AssertionError("server is " + s.vmState() + "/" + s.taskState());
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition) {
        long deadline = System.currentTimeMillis() + 20_000;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("timed out");
            }
            sleep();
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
