package org.apiary.compute.rpc;

import java.util.Set;

/**
 * A compute host's heartbeat: identity, hypervisor, capacity and capabilities.
 *
 * @param hypervisorType    e.g. {@code QEMU}, {@code bhyve}, {@code fake} (os-hypervisors)
 * @param hypervisorVersion as Nova encodes it: major * 1,000,000 + minor * 1,000 + patch
 * @param vcpus             host CPUs; with {@code cpuAllocationRatio} and {@code reservedVcpus} the VCPU inventory
 * @param memoryMb          host RAM in MiB; {@code reservedMemoryMb} is kept for the host
 * @param diskGb            space for guest disks in GiB; {@code reservedDiskGb} is kept back
 * @param traits            capabilities of the driver (COMPUTE_*) published on the host's provider
 * @param runningGuests     how many guests run now
 */
public record HostReport(String host, String hypervisorHostname, String hypervisorType, long hypervisorVersion,
                         String hostIp, int vcpus, long memoryMb, long diskGb, int reservedVcpus,
                         long reservedMemoryMb, long reservedDiskGb, double cpuAllocationRatio,
                         double ramAllocationRatio, double diskAllocationRatio, Set<String> traits,
                         int runningGuests) {
    public HostReport {
        traits = Set.copyOf(traits);
    }
}
