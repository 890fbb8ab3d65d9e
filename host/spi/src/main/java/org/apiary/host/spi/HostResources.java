package org.apiary.host.spi;

/**
 * What a host offers guests, before reservations and allocation ratios.
 *
 * @param vcpus    host CPUs (logical)
 * @param memoryMb host memory in MiB
 * @param diskGb   space for guest disks in GiB
 */
public record HostResources(int vcpus, long memoryMb, long diskGb) {
    public HostResources {
        if (vcpus < 1 || memoryMb < 1 || diskGb < 0) {
            throw new IllegalArgumentException("host resources must be positive: " + vcpus + " vcpus, " + memoryMb
                    + " MiB, " + diskGb + " GiB");
        }
    }
}
