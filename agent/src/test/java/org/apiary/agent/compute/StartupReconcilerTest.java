package org.apiary.agent.compute;

import static org.apiary.agent.compute.RecordingConductor.HOST;
import static org.apiary.agent.compute.RecordingConductor.spec;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.apiary.compute.rpc.AssignedGuest;
import org.apiary.compute.rpc.PowerState;
import org.apiary.host.fake.FakeHypervisor;
import org.apiary.host.spi.GuestDefinition;
import org.apiary.host.spi.GuestInfo;
import org.apiary.host.spi.GuestState;
import org.apiary.host.spi.HostResources;
import org.junit.jupiter.api.Test;

/** The start-up pass on its own, for the cases the bus tests cannot time. */
class StartupReconcilerTest {
    static final String A = "aaaaaaaa-0000-4000-8000-0000000000a1";
    static final String B = "bbbbbbbb-0000-4000-8000-0000000000b1";

    final FakeHypervisor fake = new FakeHypervisor(new HostResources(2, 4096, 50));
    final RecordingConductor conductor = new RecordingConductor();
    final GuestTracker tracker = new GuestTracker();
    final StartupReconciler reconciler = new StartupReconciler(HOST, fake, conductor, tracker, Duration.ZERO);

    @Test
    void leavesAloneWhatTheConductorStartedAfterItAnswered() {
        long since = tracker.snapshot();
        // The conductor spawns B through the agent while the pass is between its two looks.
        tracker.begin(B);
        tracker.end(B, fake.spawn(GuestMapping.definition(spec(B, 1, 512, 1, "img"))).state());
        StartupReconciler.Pass pass = reconciler.reconcile(List.of(), since);
        assertThat(fake.status(B)).as("not destroyed as unassigned").isPresent();
        assertThat(pass.destroyed()).isZero();
    }

    @Test
    void aGuestThatCannotBeBroughtToItsStateIsReported() {
        StartupReconciler r = new StartupReconciler(HOST, new RefusingSpawn(fake), conductor, tracker, Duration.ZERO);
        StartupReconciler.Pass pass = r.reconcile(List.of(new AssignedGuest(spec(A, 1, 512, 1, "img"), true)),
                tracker.snapshot());
        assertThat(pass.failed()).isEqualTo(1);
        assertThat(conductor.changes).singleElement().satisfies(s -> {
            assertThat(s.uuid()).isEqualTo(A);
            assertThat(s.powerState()).isEqualTo(PowerState.NOSTATE);
            assertThat(s.detail()).isEqualTo("spawn failed: no space left for guest disks");
        });
        assertThat(tracker.lastKnown(A)).isNull();
    }

    @Test
    void adoptsGuestsInTheirRightState() {
        fake.spawn(GuestMapping.definition(spec(A, 1, 512, 1, "img")));
        StartupReconciler.Pass pass = reconciler.reconcile(
                List.of(new AssignedGuest(spec(A, 1, 512, 1, "img"), true)), tracker.snapshot());
        assertThat(pass).isEqualTo(new StartupReconciler.Pass(1, 0, 0, 0, 0, 0));
        assertThat(tracker.lastKnown(A)).isEqualTo(GuestState.RUNNING);
        assertThat(conductor.changes).isEmpty();
    }

    /** The fake, except that spawning fails as a full disk would make a real driver fail. */
    static final class RefusingSpawn extends DelegatingHypervisor {
        RefusingSpawn(FakeHypervisor delegate) {
            super(delegate);
        }

        @Override
        public GuestInfo spawn(GuestDefinition guest) {
            throw new IllegalStateException("no space left for guest disks");
        }
    }
}
