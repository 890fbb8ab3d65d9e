package org.apiary.compute.domain;

import java.time.Instant;
import java.util.List;

/**
 * os-simple-tenant-usage figures of one project over [start, stop]: per server, hours inside the
 * window times its flavor's vcpus, memory_mb and local_gb (root + ephemeral), summed.
 */
public record TenantUsage(String tenantId, Instant start, Instant stop, double totalHours, double totalVcpusUsage,
                          double totalMemoryMbUsage, double totalLocalGbUsage, List<ServerUsage> serverUsages) {
    public TenantUsage {
        serverUsages = List.copyOf(serverUsages);
    }

    /**
     * One server's share. {@code endedAt} is its terminated_at (then {@code state} is "terminated"),
     * {@code uptimeSeconds} runs from launch to termination or to now.
     */
    public record ServerUsage(String instanceId, String name, String tenantId, String flavor, double hours,
                              int vcpus, int memoryMb, int localGb, Instant startedAt, Instant endedAt,
                              String state, long uptimeSeconds) {}
}
