package org.apiary.host.fake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apiary.host.spi.GuestBootData;
import org.apiary.host.spi.GuestDefinition;
import org.apiary.host.spi.GuestInfo;
import org.apiary.host.spi.GuestNic;
import org.apiary.host.spi.GuestNotFoundException;
import org.apiary.host.spi.GuestState;
import org.apiary.host.spi.HostResources;
import org.junit.jupiter.api.Test;

class FakeHypervisorTest {
    static final String A = "aaaaaaaa-0000-4000-8000-000000000001";
    static final String B = "bbbbbbbb-0000-4000-8000-000000000002";
    static final Clock CLOCK = Clock.fixed(Instant.parse("2025-01-02T03:04:05Z"), ZoneOffset.UTC);

    final FakeHypervisor fake = new FakeHypervisor(new HostResources(4, 8192, 100), Duration.ZERO, CLOCK);

    static GuestDefinition guest(String uuid, int vcpus, int memoryMb, int rootGb, String image) {
        return new GuestDefinition(uuid, "vm-" + uuid.substring(0, 4), "vm", "project", vcpus, memoryMb, rootGb, 0,
                0, image, Map.of("hw_disk_bus", "virtio"),
                List.of(new GuestNic("port-1", "net-1", "fa:16:3e:00:00:01", 1450, List.of("10.0.0.5"))),
                new GuestBootData("key", "ssh-ed25519 AAAA", null, Map.of(), true, "nova", 0));
    }

    @Test
    void saysWhatItIs() {
        assertThat(fake.type()).isEqualTo("fake");
        assertThat(fake.simulated()).isTrue();
        assertThat(fake.version()).isEqualTo(1_000_000L);
        assertThat(fake.resources()).isEqualTo(new HostResources(4, 8192, 100));
        assertThat(fake.capabilities()).containsExactlyInAnyOrder("COMPUTE_IMAGE_TYPE_RAW",
                "COMPUTE_IMAGE_TYPE_QCOW2");
    }

    @Test
    void followsTheStateMachine() {
        assertThat(fake.spawn(guest(A, 1, 512, 1, "img-1")).state()).isEqualTo(GuestState.RUNNING);
        assertThat(fake.reboot(A, false).state()).isEqualTo(GuestState.RUNNING);
        assertThat(fake.powerOff(A, Duration.ofSeconds(60)).state()).isEqualTo(GuestState.SHUTDOWN);
        assertThat(fake.powerOff(A, Duration.ofSeconds(60)).state()).as("already off").isEqualTo(GuestState.SHUTDOWN);
        assertThat(fake.powerOn(A).state()).isEqualTo(GuestState.RUNNING);
        assertThat(fake.powerOn(A).state()).as("already on").isEqualTo(GuestState.RUNNING);
        fake.powerOff(A, Duration.ZERO);
        assertThat(fake.reboot(A, true).state()).as("a hard reboot starts a stopped guest")
                .isEqualTo(GuestState.RUNNING);
        assertThat(fake.status(A)).contains(new GuestInfo(A, GuestState.RUNNING, null));
        assertThat(fake.list()).extracting(GuestInfo::uuid).containsExactly(A);
    }

    @Test
    void spawnIsIdempotentAndDestroyOfUnknownIsFine() {
        fake.spawn(guest(A, 1, 512, 1, "img-1"));
        fake.powerOff(A, Duration.ZERO);
        GuestInfo again = fake.spawn(guest(A, 8, 9999, 1, "img-2"));
        assertThat(again.state()).as("existing guest answered as it is").isEqualTo(GuestState.SHUTDOWN);
        assertThat(fake.definition(A).orElseThrow().vcpus()).isEqualTo(1);
        assertThat(fake.destroy(A)).isTrue();
        assertThat(fake.destroy(A)).isFalse();
        assertThat(fake.destroy(B)).isFalse();
        assertThat(fake.status(A)).isEmpty();
        assertThat(fake.list()).isEmpty();
    }

    @Test
    void unknownGuestsAreTypedErrors() {
        assertThatThrownBy(() -> fake.reboot(B, false)).isInstanceOf(GuestNotFoundException.class)
                .hasMessageContaining(B).extracting(e -> ((GuestNotFoundException) e).uuid()).isEqualTo(B);
        assertThatThrownBy(() -> fake.powerOn(B)).isInstanceOf(GuestNotFoundException.class);
        assertThatThrownBy(() -> fake.powerOff(B, Duration.ZERO)).isInstanceOf(GuestNotFoundException.class);
        assertThatThrownBy(() -> fake.resize(guest(B, 1, 512, 1, "i"))).isInstanceOf(GuestNotFoundException.class);
        assertThatThrownBy(() -> fake.rebuild(guest(B, 1, 512, 1, "i"))).isInstanceOf(GuestNotFoundException.class);
        assertThatThrownBy(() -> fake.consoleOutput(B)).isInstanceOf(GuestNotFoundException.class);
    }

    @Test
    void resizeKeepsPowerStateAndNeverShrinksTheDisk() {
        fake.spawn(guest(A, 1, 512, 10, "img-1"));
        assertThat(fake.resize(guest(A, 2, 2048, 20, "img-1")).state()).isEqualTo(GuestState.RUNNING);
        assertThat(fake.definition(A).orElseThrow().vcpus()).isEqualTo(2);
        assertThat(fake.rootDiskGb(A)).contains(20);
        fake.powerOff(A, Duration.ZERO);
        assertThat(fake.resize(guest(A, 1, 512, 10, "img-1")).state()).as("revert of a stopped guest")
                .isEqualTo(GuestState.SHUTDOWN);
        assertThat(fake.definition(A).orElseThrow().memoryMb()).isEqualTo(512);
        assertThat(fake.rootDiskGb(A)).as("grown, never shrunk").contains(20);
    }

    @Test
    void rebuildReplacesTheImageAndStarts() {
        fake.spawn(guest(A, 1, 512, 10, "img-1"));
        fake.resize(guest(A, 1, 512, 20, "img-1"));
        fake.powerOff(A, Duration.ZERO);
        assertThat(fake.rebuild(guest(A, 1, 512, 10, "img-2")).state()).isEqualTo(GuestState.RUNNING);
        assertThat(fake.definition(A).orElseThrow().imageId()).isEqualTo("img-2");
        assertThat(fake.rootDiskGb(A)).as("a fresh root disk").contains(10);
    }

    @Test
    void consoleOutputIsItsOwnLogThenNovasFakeText() {
        fake.spawn(guest(A, 2, 1024, 1, "img-1"));
        fake.reboot(A, false);
        fake.powerOff(A, Duration.ofSeconds(30));
        assertThat(fake.consoleOutput(A)).isEqualTo("""
                2025-01-02T03:04:05Z apiary-fake: guest started (2 vcpus, 1024 MiB, image img-1, 1 NICs, config drive)
                2025-01-02T03:04:05Z apiary-fake: guest rebooted (soft reboot)
                2025-01-02T03:04:05Z apiary-fake: guest stopped (clean shutdown within 30 s)
                FAKE CONSOLE OUTPUT
                ANOTHER
                LAST LINE""");
    }

    @Test
    void guestSideEventsChangeStateWithoutAnyCall() {
        fake.spawn(guest(A, 1, 512, 1, "img-1"));
        assertThat(fake.simulateGuestShutdown(A).state()).isEqualTo(GuestState.SHUTDOWN);
        fake.powerOn(A);
        GuestInfo crashed = fake.simulateCrash(A, "exit status 4");
        assertThat(crashed.state()).isEqualTo(GuestState.CRASHED);
        assertThat(crashed.detail()).contains("exit status 4");
        assertThat(fake.powerOn(A)).isEqualTo(new GuestInfo(A, GuestState.RUNNING, null));
    }

    @Test
    void aDelayMakesInFlightStatesVisible() throws Exception {
        FakeHypervisor slow = new FakeHypervisor(new HostResources(1, 1024, 10), Duration.ofMillis(300), CLOCK);
        CompletableFuture<GuestInfo> spawning = CompletableFuture.supplyAsync(
                () -> slow.spawn(guest(A, 1, 512, 1, "img-1")));
        awaitDetail(slow, "spawning");
        assertThat(slow.status(A).orElseThrow().state()).isEqualTo(GuestState.NOSTATE);
        assertThat(slow.spawn(guest(A, 1, 512, 1, "img-1")).detail()).as("a repeated spawn does not wait")
                .isEqualTo("spawning");
        assertThat(spawning.get().state()).isEqualTo(GuestState.RUNNING);

        CompletableFuture<GuestInfo> stopping = CompletableFuture.supplyAsync(() -> slow.powerOff(A, Duration.ZERO));
        awaitDetail(slow, "powering off");
        assertThat(slow.status(A).orElseThrow().state()).as("still running while it shuts down")
                .isEqualTo(GuestState.RUNNING);
        assertThat(stopping.get().state()).isEqualTo(GuestState.SHUTDOWN);
    }

    @Test
    void defaultsToTheMachinesRealSize() {
        HostResources here = MachineResources.of(java.nio.file.Path.of("."));
        assertThat(here.vcpus()).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(here.memoryMb()).isPositive();
        assertThat(here.diskGb()).isPositive();
    }

    static void awaitDetail(FakeHypervisor h, String detail) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (h.status(A).map(GuestInfo::detail).filter(detail::equals).isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("never saw " + detail);
            }
            Thread.sleep(5);
        }
    }
}
