package org.apiary.agent.compute;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.apiary.host.fake.FakeHypervisor;
import org.apiary.host.fake.MachineResources;
import org.apiary.host.spi.HostResources;
import org.apiary.host.spi.Hypervisor;

/** Chooses the hypervisor driver by {@code [compute] driver} (Nova's load_compute_driver). */
public final class Hypervisors {
    /** Drivers this build has; QEMU and bhyve come with the privileged helper's guest operations. */
    public static final List<String> DRIVERS = List.of(FakeHypervisor.TYPE);

    private Hypervisors() {}

    public static Hypervisor create(ComputeAgentSettings settings) {
        return switch (settings.driver()) {
            case FakeHypervisor.TYPE -> new FakeHypervisor(fakeResources(settings), settings.fakeOperationDelay(),
                    Clock.systemUTC());
            default -> throw new IllegalArgumentException("[compute] driver: unknown driver '" + settings.driver()
                    + "'; available: " + String.join(", ", DRIVERS));
        };
    }

    /** The configured fake sizes, each defaulting to this machine's real one. */
    static HostResources fakeResources(ComputeAgentSettings s) {
        return new HostResources(s.fakeVcpus() != null ? s.fakeVcpus() : MachineResources.vcpus(),
                s.fakeMemoryMb() != null ? s.fakeMemoryMb() : MachineResources.memoryMb(),
                s.fakeDiskGb() != null ? s.fakeDiskGb() : MachineResources.diskGb(Path.of("")));
    }
}
