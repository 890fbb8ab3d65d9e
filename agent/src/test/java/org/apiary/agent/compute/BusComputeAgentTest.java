package org.apiary.agent.compute;

import static org.apiary.agent.compute.RecordingConductor.HOST;
import static org.apiary.agent.compute.RecordingConductor.spec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.apiary.bus.Bus;
import org.apiary.bus.InProcessBus;
import org.apiary.bus.RemoteCallException;
import org.apiary.bus.RpcClients;
import org.apiary.bus.RpcServers;
import org.apiary.compute.rpc.AssignedGuest;
import org.apiary.compute.rpc.ComputeAgentRpc;
import org.apiary.compute.rpc.ConductorRpc;
import org.apiary.compute.rpc.GuestStatus;
import org.apiary.compute.rpc.HostReport;
import org.apiary.compute.rpc.PowerState;
import org.apiary.host.fake.FakeHypervisor;
import org.apiary.host.spi.GuestNotFoundException;
import org.apiary.host.spi.GuestState;
import org.apiary.host.spi.HostResources;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The compute agent over an in-process bus, against a recording conductor and the fake driver. */
class BusComputeAgentTest {
    static final String A = "aaaaaaaa-0000-4000-8000-00000000000a";
    static final String B = "bbbbbbbb-0000-4000-8000-00000000000b";
    static final String C = "cccccccc-0000-4000-8000-00000000000c";
    static final String D = "dddddddd-0000-4000-8000-00000000000d";
    static final String E = "eeeeeeee-0000-4000-8000-00000000000e";
    static final String F = "ffffffff-0000-4000-8000-00000000000f";
    static final Duration FAST = Duration.ofMillis(50);

    final InProcessBus bus = new InProcessBus();
    final RecordingConductor conductor = new RecordingConductor();
    final FakeHypervisor fake = new FakeHypervisor(new HostResources(8, 16384, 200), Duration.ZERO,
            Clock.systemUTC());
    final ComputeAgentSettings settings = new ComputeAgentSettings(HOST, "192.0.2.10", "fake", 1, 512, 1500, 4.0,
            1.5, 1.0, FAST, FAST, null, null, null, Duration.ZERO);
    final ComputeAgentRpc agentRpc = RpcClients.proxy(bus, ComputeAgentRpc.class, ComputeAgentRpc.topic(HOST),
            Duration.ofSeconds(5));
    Bus.Registration conductorServer;

    @AfterEach
    void close() {
        bus.close();
    }

    BusComputeAgent start() {
        return BusComputeAgent.start(bus, settings, fake, Duration.ofSeconds(5));
    }

    void serveConductor() {
        conductorServer = RpcServers.serve(bus, ConductorRpc.TOPIC, ConductorRpc.class, conductor);
    }

    @Test
    void reportsTheHostWithItsInventoryRatiosAndTraitsThenKeepsBeating() throws Exception {
        serveConductor();
        fake.spawn(GuestMapping.definition(spec(A, 1, 512, 1, "img")));
        conductor.assigned = List.of(new AssignedGuest(spec(A, 1, 512, 1, "img"), true));
        try (BusComputeAgent agent = start()) {
            waitFor(() -> conductor.reports.size() >= 3, "three host reports");
            HostReport r = conductor.reports.get(0);
            assertThat(r.host()).isEqualTo(HOST);
            assertThat(r.hypervisorHostname()).isEqualTo(HOST);
            assertThat(r.hypervisorType()).isEqualTo("fake");
            assertThat(r.hypervisorVersion()).isEqualTo(1_000_000L);
            assertThat(r.hostIp()).isEqualTo("192.0.2.10");
            assertThat(r.vcpus()).isEqualTo(8);
            assertThat(r.memoryMb()).isEqualTo(16384);
            assertThat(r.diskGb()).isEqualTo(200);
            assertThat(r.reservedVcpus()).isEqualTo(1);
            assertThat(r.reservedMemoryMb()).isEqualTo(512);
            assertThat(r.reservedDiskGb()).as("1500 MiB, rounded up").isEqualTo(2);
            assertThat(r.cpuAllocationRatio()).isEqualTo(4.0);
            assertThat(r.ramAllocationRatio()).isEqualTo(1.5);
            assertThat(r.diskAllocationRatio()).isEqualTo(1.0);
            assertThat(r.traits()).containsExactlyInAnyOrder("COMPUTE_IMAGE_TYPE_RAW", "COMPUTE_IMAGE_TYPE_QCOW2");
            assertThat(r.runningGuests()).isEqualTo(1);
            assertThat(agent.agent().computeNodeUuid()).isEqualTo(conductor.nodeUuid);
            assertThat(conductor.assignmentQueries).containsExactly(HOST);

            agentRpc.powerOff(A, 0);
            waitFor(() -> conductor.reports.getLast().runningGuests() == 0, "a report counting the stopped guest");
        }
    }

    @Test
    void reconcilesTheHypervisorWithTheAssignedGuests() throws Exception {
        serveConductor();
        fake.spawn(GuestMapping.definition(spec(A, 1, 512, 1, "img")));                   // running, stays
        fake.spawn(GuestMapping.definition(spec(C, 1, 512, 1, "img")));                   // should be off
        fake.spawn(GuestMapping.definition(spec(D, 1, 512, 1, "img")));                   // not assigned here
        fake.spawn(GuestMapping.definition(spec(E, 1, 512, 1, "img")));
        fake.powerOff(E, Duration.ZERO);                                                   // should run
        conductor.assigned = List.of(new AssignedGuest(spec(A, 1, 512, 1, "img"), true),
                new AssignedGuest(spec(B, 2, 1024, 5, "img-b"), true),                    // missing, should run
                new AssignedGuest(spec(C, 1, 512, 1, "img"), false),
                new AssignedGuest(spec(E, 1, 512, 1, "img"), true),
                new AssignedGuest(spec(F, 1, 512, 1, "img"), false));                     // missing, stopped
        try (BusComputeAgent agent = start()) {
            waitFor(() -> agent.agent().startPass() != null, "the start-up reconciliation");
            assertThat(agent.agent().startPass()).isEqualTo(new StartupReconciler.Pass(1, 1, 1, 1, 1, 1));
            assertThat(state(A)).isEqualTo(GuestState.RUNNING);
            assertThat(state(B)).isEqualTo(GuestState.RUNNING);
            assertThat(fake.definition(B).orElseThrow().vcpus()).isEqualTo(2);
            assertThat(fake.definition(B).orElseThrow().nics()).singleElement()
                    .satisfies(n -> assertThat(n.macAddress()).isEqualTo("fa:16:3e:00:00:bb"));
            assertThat(fake.definition(B).orElseThrow().bootData().configDrive()).isTrue();
            assertThat(state(C)).isEqualTo(GuestState.SHUTDOWN);
            assertThat(fake.status(D)).as("unassigned guest destroyed").isEmpty();
            assertThat(state(E)).isEqualTo(GuestState.RUNNING);
            assertThat(fake.status(F)).isEmpty();
            assertThat(conductor.changes).as("the stopped guest that is missing is reported gone")
                    .containsExactly(GuestStatus.gone(F));
            // The sync loop finds nothing more to say: everything it saw was the agent's own doing.
            int rounds = 5;
            Thread.sleep(rounds * FAST.toMillis());
            assertThat(conductor.changes).hasSize(1);
        }
    }

    @Test
    void reportsGuestsThatChangeBehindItsBack() throws Exception {
        serveConductor();
        conductor.assigned = List.of(new AssignedGuest(spec(A, 1, 512, 1, "img"), true),
                new AssignedGuest(spec(B, 1, 512, 1, "img"), true));
        try (BusComputeAgent agent = start()) {
            waitFor(() -> agent.agent().startPass() != null, "start");
            fake.simulateGuestShutdown(A);
            waitFor(() -> conductor.changes.contains(new GuestStatus(A, PowerState.SHUTDOWN, null)), "A reported off");
            fake.simulateCrash(B, "exit status 4");
            waitFor(() -> conductor.changes.stream().anyMatch(s -> s.uuid().equals(B)
                    && s.powerState() == PowerState.CRASHED && s.detail().contains("exit status 4")), "B crashed");
            fake.destroy(B);
            waitFor(() -> conductor.changes.contains(GuestStatus.gone(B)), "B gone");
            // What the conductor asks for itself is not echoed back as a change.
            agentRpc.powerOn(A);
            agentRpc.reboot(A, true);
            Thread.sleep(5 * FAST.toMillis());
            assertThat(conductor.changes).hasSize(3);
        }
    }

    @Test
    void operationsAreIdempotentThroughTheBus() throws Exception {
        serveConductor();
        try (BusComputeAgent agent = start()) {
            waitFor(() -> agent.agent().startPass() != null, "start");
            GuestStatus running = new GuestStatus(A, PowerState.RUNNING, null);
            assertThat(agentRpc.spawn(spec(A, 1, 512, 1, "img"))).isEqualTo(running);
            assertThat(agentRpc.spawn(spec(A, 1, 512, 1, "img"))).isEqualTo(running);
            assertThat(agentRpc.guests()).containsExactly(running);
            assertThat(agentRpc.powerOff(A, 10).powerState()).isEqualTo(PowerState.SHUTDOWN);
            assertThat(agentRpc.powerOff(A, 10).powerState()).isEqualTo(PowerState.SHUTDOWN);
            assertThat(agentRpc.powerOn(A)).isEqualTo(running);
            assertThat(agentRpc.powerOn(A)).isEqualTo(running);
            assertThat(agentRpc.reboot(A, false)).isEqualTo(running);
            assertThat(agentRpc.resize(spec(A, 4, 4096, 10, "img"))).isEqualTo(running);
            assertThat(fake.definition(A).orElseThrow().memoryMb()).isEqualTo(4096);
            assertThat(agentRpc.rebuild(spec(A, 4, 4096, 10, "img-2"))).isEqualTo(running);
            assertThat(fake.definition(A).orElseThrow().imageId()).isEqualTo("img-2");
            assertThat(agentRpc.consoleOutput(A, null)).contains("guest rebuilt from image img-2")
                    .endsWith("FAKE CONSOLE OUTPUT\nANOTHER\nLAST LINE");
            assertThat(agentRpc.consoleOutput(A, 2)).isEqualTo("ANOTHER\nLAST LINE");
            assertThat(agentRpc.destroy(A)).isEqualTo(GuestStatus.gone(A));
            assertThat(agentRpc.destroy(A)).isEqualTo(GuestStatus.gone(A));
            assertThat(agentRpc.powerOff(A, 10)).as("off and gone").isEqualTo(GuestStatus.gone(A));
            assertThat(agentRpc.guests()).isEmpty();

            assertThatThrownBy(() -> agentRpc.reboot(A, false)).isInstanceOfSatisfying(RemoteCallException.class,
                    e -> {
                        assertThat(e.remoteClass()).isEqualTo(GuestNotFoundException.class.getName());
                        assertThat(e.remoteMessage()).isEqualTo("guest " + A + " is not on host '" + HOST + "'");
                    });
            assertThatThrownBy(() -> agentRpc.powerOn(A)).isInstanceOfSatisfying(RemoteCallException.class,
                    e -> assertThat(e.remoteClass()).isEqualTo(GuestNotFoundException.class.getName()));
            assertThatThrownBy(() -> agentRpc.consoleOutput(A, null)).isInstanceOf(RemoteCallException.class);
            assertThatThrownBy(() -> agentRpc.spawn(spec(B, 0, 512, 1, "img")))
                    .isInstanceOfSatisfying(RemoteCallException.class,
                            e -> assertThat(e.remoteMessage()).contains("at least 1 vcpu"));
            Thread.sleep(3 * FAST.toMillis());
            assertThat(conductor.changes).as("nothing happened behind the agent's back").isEmpty();
        }
    }

    @Test
    void waitsForAConductorThatIsDownAtStart() throws Exception {
        conductor.assigned = List.of(new AssignedGuest(spec(A, 1, 512, 1, "img"), true));
        try (BusComputeAgent agent = start()) {
            waitFor(() -> agent.agent().failedRegistrations() >= 3, "three failed attempts");
            assertThat(agent.agent().computeNodeUuid()).as("not registered while nobody answers").isNull();
            assertThat(fake.list()).isEmpty();
            serveConductor();
            waitFor(() -> agent.agent().computeNodeUuid() != null, "registration once the conductor is up");
            waitFor(() -> fake.status(A).isPresent(), "the assigned guest spawned");
            assertThat(conductor.reports).isNotEmpty();
            // The agent answered the conductor's requests all along.
            assertThat(agentRpc.guests()).extracting(GuestStatus::uuid).containsExactly(A);
        }
    }

    @Test
    void survivesAConductorThatGoesAwayAndComesBack() throws Exception {
        serveConductor();
        try (BusComputeAgent agent = start()) {
            // Past start-up (registration and reconciliation), so what fails next is the periodic heartbeat;
            // closing the conductor during start-up would send the agent back to its registration back-off.
            waitFor(() -> agent.agent().startPass() != null, "start-up reconciliation");
            conductorServer.close();
            waitFor(() -> agent.agent().heartbeatFailing(), "a failed heartbeat");
            int before = conductor.reports.size();
            serveConductor();
            waitFor(() -> conductor.reports.size() > before + 1, "heartbeats again");
            assertThat(agent.agent().heartbeatFailing()).isFalse();
        }
    }

    GuestState state(String uuid) {
        return fake.status(uuid).orElseThrow().state();
    }

    static void waitFor(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(10);
        }
    }
}
