package org.apiary.server.compute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import org.apiary.common.error.ServiceException;
import org.apiary.compute.ComputeModule;
import org.apiary.compute.domain.FlavorSpec;
import org.apiary.compute.domain.RequestedNetwork;
import org.apiary.compute.domain.Server;
import org.apiary.compute.domain.ServerService;
import org.apiary.compute.domain.ServerService.Caller;
import org.apiary.compute.domain.ServerService.CreateRequest;
import org.apiary.compute.domain.external.PlacementApi;
import org.apiary.compute.rpc.ComputeAgentRpc;
import org.apiary.host.fake.FakeHypervisor;
import org.apiary.host.spi.HostResources;
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

    private ComputeStack stack;
    private FakeHypervisor hypervisor;
    private String imageId;
    private String networkId;

    @BeforeEach
    void start() throws Exception {
        stack = new ComputeStack();
        hypervisor = new FakeHypervisor(new HostResources(8, 16384, 200));
        stack.startAgent(hypervisor, null);
        stack.smallAndLargeFlavors();
        imageId = stack.image("cirros", PROJECT, Map.of(), "raw", new byte[4096]);
        networkId = stack.network(PROJECT, "10.9.0.0/24");
    }

    @AfterEach
    void stop() throws Exception {
        stack.close();
    }

    private ServerService servers() {
        return stack.compute.servers().servers();
    }

    private Server create(String name, String flavor) {
        return servers().create(CALLER, new CreateRequest(name, imageId, flavor, "list",
                List.of(new RequestedNetwork(networkId, null, null, null)), List.of(), null, null, Map.of("k", "v"),
                false, null, null, null, null, List.of(), 1, 1, null, null, null, null)).get(0);
    }

    private Server waitFor(String uuid, Predicate<Server> condition, String what) {
        return stack.waitFor(uuid, condition, what);
    }

    private static void waitFor(BooleanSupplier condition, String what) {
        ComputeStack.waitUntil(condition, what);
    }

    private Map<String, Map<String, Long>> allocations(String consumer) {
        return stack.placement.allocations(consumer).allocations();
    }

    private boolean gone(String uuid) {
        try {
            servers().get(ComputeStack.ADMIN, uuid);
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
        assertThat(new InProcessNetwork(stack.services.network).port(port)).isEmpty();
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
        stack.compute.flavors().create(new FlavorSpec("huge", "huge", 40_000, 1, 1, 0, 0, 1.0, true, null));
        Server s = create("too-big", "huge");
        Server failed = waitFor(s.uuid(), x -> x.status().equals("ERROR"), "server goes to ERROR");
        assertThat(failed.taskState()).isNull();
        assertThat(servers().faults(List.of(s.uuid())).get(s.uuid()).message()).startsWith("No valid host was found.");
        assertThat(allocations(s.uuid())).isEmpty();
        assertThat(new InProcessNetwork(stack.services.network).portsOf(s.uuid())).isEmpty();
        servers().delete(CALLER, s.uuid());
        waitFor(() -> gone(s.uuid()), "server in ERROR deleted");
    }

    @Test
    void aConductorThatDiesMidBuildIsResumedByTheNextOne() throws Exception {
        // The first controller reaches no agent: its spawn call hangs until the test ends.
        CountDownLatch never = new CountDownLatch(1);
        stack.compute.servers().close();
        ComputeAgentRpc stuck = (ComputeAgentRpc) java.lang.reflect.Proxy.newProxyInstance(
                ComputeAgentRpc.class.getClassLoader(), new Class<?>[] {ComputeAgentRpc.class}, (p, m, a) -> {
                    never.await();
                    throw new IllegalStateException("dead");
                });
        stack.compute = stack.controller(host -> stuck);
        Server s = create("resumed", "1");
        waitFor(s.uuid(), x -> "spawning".equals(x.taskState()), "build reaches spawning");
        // "Restart": a new controller on the same database finds the server mid-task and finishes it.
        ComputeModule restarted = stack.controller(AgentProxies.of(stack.bus, ComputeStack.RPC_TIMEOUT));
        ComputeModule dead = stack.compute;
        stack.compute = restarted;
        assertThat(restarted.servers().start()).isEqualTo(1);
        Server active = waitFor(s.uuid(), x -> x.status().equals("ACTIVE"), "the new conductor finishes the build");
        assertThat(active.networkInfo()).hasSize(1);
        assertThat(new InProcessNetwork(stack.services.network).portsOf(s.uuid())).hasSize(1);
        assertThat(allocations(s.uuid())).hasSize(1);
        never.countDown();
        dead.servers().close();
    }

    @Test
    void theAgentRegisteredItsHostInPlacement() {
        var nodes = stack.compute.hosts().hypervisors();
        assertThat(nodes).hasSize(1);
        String rp = nodes.get(0).node().uuid();
        List<PlacementApi.Candidate> c = stack.placement.candidates(new PlacementApi.Query(Map.of("VCPU", 1L),
                java.util.Set.of(), java.util.Set.of(), null), 10);
        assertThat(c).extracting(PlacementApi.Candidate::rootProvider).containsExactly(rp);
    }
}
