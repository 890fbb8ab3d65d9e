package org.apiary.compute.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apiary.compute.store.UsageStore;

/** simple_tenant_usage.py's _tenant_usages_for_period over the usage store. */
public final class TenantUsageService {
    /** The project summaries and, for paging links, every server usage of the page in order. */
    public record Report(List<TenantUsage> tenants, List<TenantUsage.ServerUsage> servers) {}

    private final UsageStore store;
    private final Supplier<Instant> clock;

    public TenantUsageService(UsageStore store, Supplier<Instant> clock) {
        this.store = store;
        this.clock = clock;
    }

    public Instant now() {
        return clock.get();
    }

    /**
     * Usage of the servers active in [start, stop] of one project ({@code projectId}) or all, one
     * page of at most {@code limit} servers after {@code marker} (a server uuid, any project, deleted
     * or not; unknown → 400 as Nova's MarkerNotFound).
     */
    public Report usage(Instant start, Instant stop, String projectId, String marker, int limit) {
        UsageStore.Position after = marker == null ? null
                : store.position(marker).orElseThrow(() -> Faults.markerNotFound(marker));
        Instant now = clock.get();
        Map<String, List<TenantUsage.ServerUsage>> byProject = new LinkedHashMap<>();
        List<TenantUsage.ServerUsage> all = new ArrayList<>();
        for (Server s : store.activeInWindow(millis(start), millis(stop), projectId, after, limit)) {
            TenantUsage.ServerUsage u = serverUsage(s, start, stop, now);
            byProject.computeIfAbsent(s.projectId(), k -> new ArrayList<>()).add(u);
            all.add(u);
        }
        List<TenantUsage> tenants = new ArrayList<>();
        byProject.forEach((project, servers) -> tenants.add(summary(project, start, stop, servers)));
        return new Report(tenants, all);
    }

    private static TenantUsage summary(String project, Instant start, Instant stop, List<TenantUsage.ServerUsage> us) {
        double hours = 0;
        double vcpus = 0;
        double ram = 0;
        double disk = 0;
        for (TenantUsage.ServerUsage u : us) {
            hours += u.hours();
            vcpus += u.vcpus() * u.hours();
            ram += u.memoryMb() * u.hours();
            disk += u.localGb() * u.hours();
        }
        return new TenantUsage(project, start, stop, hours, vcpus, ram, disk, us);
    }

    private static TenantUsage.ServerUsage serverUsage(Server s, Instant start, Instant stop, Instant now) {
        Instant launched = s.launchedAt() == null ? null : Instant.ofEpochMilli(s.launchedAt());
        Instant terminated = s.terminatedAt() == null ? null : Instant.ofEpochMilli(s.terminatedAt());
        FlavorSnapshot f = s.flavor();
        String state = terminated != null ? "terminated" : s.vmState();
        Instant upTo = terminated != null ? terminated : now;
        long uptime = launched == null ? 0 : Duration.between(launched, upTo).toSeconds();
        return new TenantUsage.ServerUsage(s.uuid(), s.name(), s.projectId(), f == null ? "" : f.name(),
                hours(launched, terminated, start, stop), f == null ? 0 : f.vcpus(), f == null ? 0 : f.memoryMb(),
                f == null ? 0 : f.rootGb() + f.ephemeralGb(), launched, terminated, state, uptime);
    }

    /** _hours_for: the part of [launched, terminated or stop] inside [start, stop], in hours. */
    static double hours(Instant launched, Instant terminated, Instant start, Instant stop) {
        if (launched == null || (terminated != null && terminated.isBefore(start)) || launched.isAfter(stop)) {
            return 0;
        }
        Instant from = launched.isAfter(start) ? launched : start;
        Instant to = terminated != null && terminated.isBefore(stop) ? terminated : stop;
        return Duration.between(from, to).toNanos() / 3_600_000_000_000.0;
    }

    private static long millis(Instant t) {
        return t.toEpochMilli();
    }
}
