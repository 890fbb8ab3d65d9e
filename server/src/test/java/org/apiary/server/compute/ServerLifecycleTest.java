package org.apiary.server.compute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;
import java.util.function.Predicate;
import org.apiary.agent.compute.BusComputeAgent;
import org.apiary.agent.compute.ComputeAgentSettings;
import org.apiary.bus.Bus;
import org.apiary.bus.InProcessBus;
import org.apiary.bus.RpcServers;
import org.apiary.common.config.Config;
import org.apiary.common.error.ServiceException;
import org.apiary.compute.ComputeExternals;
import org.apiary.compute.ComputeModule;
import org.apiary.compute.domain.FlavorSpec;
import org.apiary.compute.domain.RequestedNetwork;
import org.apiary.compute.domain.Server;
import org.apiary.compute.domain.ServerService;
import org.apiary.compute.domain.ServerService.Caller;
import org.apiary.compute.domain.ServerService.CreateRequest;
import org.apiary.compute.domain.external.PlacementApi;
import org.apiary.compute.rpc.ComputeAgentRpc;
import org.apiary.compute.rpc.ConductorRpc;
import org.apiary.host.fake.FakeHypervisor;
import org.apiary.host.spi.HostResources;
import org.apiary.network.domain.Network;
import org.apiary.network.domain.NetworkSpec;
import org.apiary.network.domain.SubnetSpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The whole servers path in one process, as the all-in-one runs it: the real compute, Placement,
 * Neutron and Glance modules on one database, the conductor reaching a compute agent with the
 * fake driver over the in-process bus. Lifecycle, failure clean-up and a conductor restart.
 */
class ServerLifecycleTest {
    private static final String PROJECT = "project-a";
    private static final Caller CALLER = new Caller(PROJECT, "user-a", "req-", false);

    private Services services;
    private Bus bus;
    private FakeHypervisor hypervisor;
    private BusComputeAgent agent;
    private ComputeModule compute;
    private InProcessPlacement placement;
    private String imageId;
    private String networkId;

    @BeforeEach
    void start() throws Exception {
        services = new Services();
        services.db.migrate("compute");
        bus = new InProcessBus();
        placement = new InProcessPlacement(services.placement);
        compute = module(AgentProxiesFor.bus(bus));
        RpcServers.serve(bus, ConductorRpc.TOPIC, ConductorRpc.class, compute.servers().endpoint());
        hypervisor = new FakeHypervisor(new HostResources(8, 16384, 200));
        ComputeAgentSettings settings = ComputeAgentSettings.from(Config.empty())
                .withIntervals(Duration.ofMillis(200), Duration.ofMillis(200));
        agent = BusComputeAgent.start(bus, settings, hypervisor, Duration.ofSeconds(10));
        waitFor(() -> !compute.hosts().hypervisors().isEmpty(), "the agent registered its host");
        compute.flavors().create(new FlavorSpec("1", "small", 512, 1, 1, 0, 0, 1.0, true, null));
        compute.flavors().create(new FlavorSpec("2", "large", 1024, 2, 2, 0, 0, 1.0, true, null));
        InProcessImages images = new InProcessImages(services.image);
        imageId = images.createSnapshotImage("cirros", PROJECT, Map.of(), "raw", "bare");
        images.uploadSnapshot(imageId, new ByteArrayInputStream(new byte[4096]));
        Network n = services.network.networks().create(new NetworkSpec(PROJECT, "net", null, null, false, false, null,
                null, null, null, null, null, null, null, false));
        services.network.subnets().create(new SubnetSpec(PROJECT, n.id(), "", null, 4, "10.9.0.0/24", null, false,
                null, null, null, null, null, null));
        networkId = n.id();
    }

    private ComputeModule module(Function<String, ComputeAgentRpc> agents) throws Exception {
        ComputeModule m = new ComputeModule(Config.empty(), services.db, new ComputeExternals(placement,
                new InProcessNetwork(services.network), new InProcessImages(services.image), agents));
        return m;
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

    private Server create(String name, String flavor) {
        return servers().create(CALLER, new CreateRequest(name, imageId, flavor, "list",
                List.of(new RequestedNetwork(networkId, null, null, null)), List.of(), null, null, Map.of("k", "v"),
                false, null, null, null, null, List.of(), 1, 1, null, null, null, null)).get(0);
    }

    private Server waitFor(String uuid, Predicate<Server> condition, String what) {
        long deadline = System.currentTimeMillis() + 20_000;
        Server s;
        do {
            s = services.db == null ? null : compute.servers().servers().get(admin(), uuid);
            if (condition.test(s)) {
                return s;
            }
            sleep();
        } while (System.currentTimeMillis() < deadline);
        throw new AssertionError(what + "; server is " + s.vmState() + "/" + s.taskState());
    }

    private static Caller admin() {
        return new Caller("admin", "admin", "req-admin", true);
    }

    private static void waitFor(java.util.function.BooleanSupplier condition, String what) {
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

    private Map<String, Map<String, Long>> allocations(String consumer) {
        return placement.allocations(consumer).allocations();
    }

    private boolean gone(String uuid) {
        try {
            servers().get(admin(), uuid);
            return false;
        } catch (ServiceException e) {
            return true;
        }
    }

    @Test
    void aServerIsBuiltRebootedStoppedStartedResizedAndDeletedLeavingNothing() {
        Server s = create("web", "1");
        assertThat(s.status()).isEqualTo("BUILD");
        Server active = waitFor(s.uuid(), x -> x.status().equals("ACTIVE"), "server becomes ACTIVE");
        assertThat(active.powerState()).isEqualTo(1);
        assertThat(active.host()).isNotNull();
        assertThat(active.networkInfo()).hasSize(1);
        assertThat(active.networkInfo().get(0).ips().get(0).address()).startsWith("10.9.0.");
        assertThat(hypervisor.status(s.uuid())).isPresent();
        assertThat(allocations(s.uuid()).values().iterator().next())
                .containsEntry("VCPU", 1L).containsEntry("MEMORY_MB", 512L).containsEntry("DISK_GB", 1L);

        servers().reboot(CALLER, s.uuid(), true);
        waitFor(s.uuid(), x -> x.taskState() == null && x.status().equals("ACTIVE"), "hard reboot finishes");

        servers().stop(CALLER, s.uuid());
        assertThatThrownBy(() -> servers().stop(CALLER, s.uuid())).isInstanceOf(ServiceException.class)
                .hasMessageContaining("Cannot 'stop' instance");
        waitFor(s.uuid(), x -> x.status().equals("SHUTOFF") && x.powerState() == 4, "server stops");
        servers().start(CALLER, s.uuid());
        waitFor(s.uuid(), x -> x.status().equals("ACTIVE") && x.taskState() == null, "server starts");

        servers().resize(CALLER, s.uuid(), "2");
        Server resized = waitFor(s.uuid(), x -> x.status().equals("VERIFY_RESIZE"), "resize waits for confirm");
        assertThat(resized.flavor().flavorId()).isEqualTo("2");
        assertThat(allocations(s.uuid()).values().iterator().next()).containsEntry("VCPU", 2L);
        servers().confirmResize(CALLER, s.uuid());
        waitFor(s.uuid(), x -> x.status().equals("ACTIVE") && x.taskState() == null, "resize confirmed");
        assertThat(allocations(s.uuid()).values().iterator().next()).containsEntry("MEMORY_MB", 1024L);

        String port = active.networkInfo().get(0).portId();
        servers().delete(CALLER, s.uuid());
        waitFor(() -> gone(s.uuid()), "server deleted");
        assertThat(allocations(s.uuid())).isEmpty();
        assertThat(hypervisor.status(s.uuid())).isEmpty();
        assertThat(new InProcessNetwork(services.network).port(port)).isEmpty();
    }

    @Test
    void aRevertedResizeGoesBackToTheOldFlavorAndItsAllocation() {
        Server s = create("db", "1");
        waitFor(s.uuid(), x -> x.status().equals("ACTIVE"), "server becomes ACTIVE");
        servers().resize(CALLER, s.uuid(), "2");
        waitFor(s.uuid(), x -> x.status().equals("VERIFY_RESIZE"), "resize waits for confirm");
        servers().revertResize(CALLER, s.uuid());
        Server back = waitFor(s.uuid(), x -> x.status().equals("ACTIVE") && x.taskState() == null, "reverted");
        assertThat(back.flavor().flavorId()).isEqualTo("1");
        assertThat(allocations(s.uuid()).values().iterator().next()).containsEntry("VCPU", 1L);
    }

    @Test
    void aStoppedServerIsRebuiltAndStaysStopped() {
        Server s = create("rebuilt", "1");
        waitFor(s.uuid(), x -> x.status().equals("ACTIVE"), "server becomes ACTIVE");
        servers().stop(CALLER, s.uuid());
        waitFor(s.uuid(), x -> x.status().equals("SHUTOFF"), "server stops");
        servers().rebuild(CALLER, s.uuid(), new ServerService.RebuildRequest(imageId, "rebuilt-2", null, null, false,
                null, false, null, false, null, null, null));
        Server after = waitFor(s.uuid(), x -> x.taskState() == null && x.name().equals("rebuilt-2"), "rebuild ends");
        assertThat(after.status()).isEqualTo("SHUTOFF");
        assertThat(after.powerState()).isEqualTo(4);
        assertThat(hypervisor.status(s.uuid()).orElseThrow().state().name()).isEqualTo("SHUTDOWN");
    }

    @Test
    void noValidHostEndsInErrorWithAFaultAndNothingHeld() {
        compute.flavors().create(new FlavorSpec("huge", "huge", 40_000, 1, 1, 0, 0, 1.0, true, null));
        Server s = create("too-big", "huge");
        Server failed = waitFor(s.uuid(), x -> x.status().equals("ERROR"), "server goes to ERROR");
        assertThat(failed.taskState()).isNull();
        assertThat(servers().faults(List.of(s.uuid())).get(s.uuid()).message()).startsWith("No valid host was found.");
        assertThat(allocations(s.uuid())).isEmpty();
        assertThat(new InProcessNetwork(services.network).portsOf(s.uuid())).isEmpty();
        servers().delete(CALLER, s.uuid());
        waitFor(() -> gone(s.uuid()), "server in ERROR deleted");
    }

    @Test
    void aConductorThatDiesMidBuildIsResumedByTheNextOne() throws Exception {
        // The first controller reaches no agent: its spawn call hangs until the test ends.
        CountDownLatch never = new CountDownLatch(1);
        compute.servers().close();
        ComputeAgentRpc stuck = (ComputeAgentRpc) java.lang.reflect.Proxy.newProxyInstance(
                ComputeAgentRpc.class.getClassLoader(), new Class<?>[] {ComputeAgentRpc.class}, (p, m, a) -> {
                    never.await();
                    throw new IllegalStateException("dead");
                });
        compute = module(host -> stuck);
        Server s = create("resumed", "1");
        waitFor(s.uuid(), x -> "spawning".equals(x.taskState()), "build reaches spawning");
        // "Restart": a new controller on the same database finds the server mid-task and finishes it.
        ComputeModule restarted = module(AgentProxiesFor.bus(bus));
        ComputeModule dead = compute;
        compute = restarted;
        assertThat(restarted.servers().start()).isEqualTo(1);
        Server active = waitFor(s.uuid(), x -> x.status().equals("ACTIVE"), "the new conductor finishes the build");
        assertThat(active.networkInfo()).hasSize(1);
        assertThat(new InProcessNetwork(services.network).portsOf(s.uuid())).hasSize(1);
        assertThat(allocations(s.uuid())).hasSize(1);
        never.countDown();
        dead.servers().close();
    }

    /** Bus proxies like the all-in-one's. */
    static final class AgentProxiesFor {
        static Function<String, ComputeAgentRpc> bus(Bus bus) {
            return AgentProxies.of(bus, Duration.ofSeconds(10));
        }
    }

    @Test
    void theAgentRegisteredItsHostInPlacement() {
        var nodes = compute.hosts().hypervisors();
        assertThat(nodes).hasSize(1);
        String rp = nodes.get(0).node().uuid();
        List<PlacementApi.Candidate> c = placement.candidates(new PlacementApi.Query(Map.of("VCPU", 1L),
                java.util.Set.of(), java.util.Set.of(), null), 10);
        assertThat(c).extracting(PlacementApi.Candidate::rootProvider).containsExactly(rp);
    }
}
