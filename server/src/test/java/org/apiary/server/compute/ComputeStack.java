package org.apiary.server.compute;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Predicate;
import org.apiary.agent.AgentOptions;
import org.apiary.agent.compute.BusComputeAgent;
import org.apiary.agent.compute.ComputeAgentSettings;
import org.apiary.bus.Bus;
import org.apiary.bus.InProcessBus;
import org.apiary.bus.RpcServers;
import org.apiary.common.config.Config;
import org.apiary.compute.ComputeExternals;
import org.apiary.compute.ComputeModule;
import org.apiary.compute.domain.FlavorSpec;
import org.apiary.compute.domain.Server;
import org.apiary.compute.domain.ServerService.Caller;
import org.apiary.compute.rpc.ComputeAgentRpc;
import org.apiary.compute.rpc.ConductorRpc;
import org.apiary.host.spi.Hypervisor;
import org.apiary.host.spi.ImageSource;
import org.apiary.network.domain.Network;
import org.apiary.network.domain.NetworkSpec;
import org.apiary.network.domain.SubnetSpec;

/**
 * Compute as the all-in-one runs it, without HTTP: the real compute module on the real Placement,
 * Neutron and Glance modules ({@link Services}), its conductor served on an in-process bus, and
 * compute agents reached over that bus.
 */
final class ComputeStack implements AutoCloseable {
    static final Duration RPC_TIMEOUT = Duration.ofSeconds(10);
    static final Caller ADMIN = new Caller("admin", "admin", "req-admin", true);

    final Services services;
    final Bus bus = new InProcessBus();
    final InProcessPlacement placement;
    /** The controller the tests talk to; a test that restarts the controller puts the new one here. */
    ComputeModule compute;
    private final List<BusComputeAgent> agents = new ArrayList<>();

    /** @param schemas migrated besides compute's (the other services' are migrated by Services) */
    ComputeStack(String... schemas) throws IOException {
        services = new Services();
        services.db.migrate("compute");
        for (String schema : schemas) {
            services.db.migrate(schema);
        }
        placement = new InProcessPlacement(services.placement);
        compute = controller(AgentProxies.of(bus, RPC_TIMEOUT));
        RpcServers.serve(bus, ConductorRpc.TOPIC, ConductorRpc.class, compute.servers().endpoint());
    }

    /** A compute controller on this stack's database that reaches the agents through {@code agents}. */
    ComputeModule controller(Function<String, ComputeAgentRpc> agents) throws IOException {
        return new ComputeModule(Config.empty(), services.db, new ComputeExternals(placement,
                new InProcessNetwork(services.network), new InProcessImages(services.image), agents));
    }

    /**
     * Starts the host's compute agent (reports every 200 ms) and waits until its host is registered.
     *
     * @param images where the agent uploads snapshots; null: nowhere
     */
    void startAgent(Hypervisor hypervisor, ImageSource images) {
        startAgent(Config.empty(), hypervisor, images);
    }

    /** Starts the compute agent of host {@code host}, which cannot upload snapshots, as the other one. */
    void startAgent(String host, Hypervisor hypervisor) {
        startAgent(Config.empty().with(AgentOptions.HOST, host), hypervisor, null);
    }

    private void startAgent(Config config, Hypervisor hypervisor, ImageSource images) {
        ComputeAgentSettings settings = ComputeAgentSettings.from(config)
                .withIntervals(Duration.ofMillis(200), Duration.ofMillis(200));
        agents.add(BusComputeAgent.start(bus, settings, hypervisor, images, RPC_TIMEOUT));
        waitUntil(() -> compute.hosts().hypervisors().stream().anyMatch(h -> h.node().host().equals(settings.host())),
                "the agent registered host " + settings.host());
    }

    /** Flavors "1" (small: 512 MB, 1 VCPU, 1 GB) and "2" (large: 1024 MB, 2 VCPUs, 2 GB). */
    void smallAndLargeFlavors() {
        flavor("1", "small", 512, 1, 1);
        flavor("2", "large", 1024, 2, 2);
    }

    /** A public flavor without ephemeral disk or swap. */
    void flavor(String id, String name, int ramMb, int vcpus, int diskGb) {
        compute.flavors().create(new FlavorSpec(id, name, ramMb, vcpus, diskGb, 0, 0, 1.0, true, null));
    }

    /** An active image of {@code project} in Glance with these bytes; returns its id. */
    String image(String name, String project, Map<String, String> properties, String diskFormat, byte[] data) {
        InProcessImages images = new InProcessImages(services.image);
        String id = images.createSnapshotImage(name, project, properties, diskFormat, "bare");
        images.uploadSnapshot(id, new ByteArrayInputStream(data));
        return id;
    }

    /** A network of {@code project} with one IPv4 subnet; returns the network's id. */
    String network(String project, String cidr) {
        Network n = services.network.networks().create(new NetworkSpec(project, "net", null, null, false, false,
                null, null, null, null, null, null, null, null, false));
        services.network.subnets().create(new SubnetSpec(project, n.id(), "", null, 4, cidr, null, false, null, null,
                null, null, null, null));
        return n.id();
    }

    /** The server as an admin sees it, once {@code condition} holds (within 20 s). */
    Server waitFor(String uuid, Predicate<Server> condition, String what) {
        long deadline = System.currentTimeMillis() + 20_000;
        Server s;
        do {
            s = compute.servers().servers().get(ADMIN, uuid);
            if (condition.test(s)) {
                return s;
            }
            sleep();
        } while (System.currentTimeMillis() < deadline);
        throw new AssertionError(what + "; server is " + s.vmState() + "/" + s.taskState());
    }

    static void waitUntil(BooleanSupplier condition, String what) {
        long deadline = System.currentTimeMillis() + 20_000;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("timed out waiting: " + what);
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

    @Override
    public void close() throws IOException {
        for (BusComputeAgent agent : agents) {
            agent.close();
        }
        compute.servers().close();
        bus.close();
        services.close();
    }
}
