package org.apiary.compute.domain;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * os-instance_usage_audit_log (instance_usage_audit_log.py). Nova reads the task_log rows its
 * compute services' periodic instance_usage_audit writes for the last completed audit period; no
 * such task runs here, so every compute host is one that has not run it: the answer Nova gives
 * when [DEFAULT] instance_usage_audit is off (its default). Only Nova's default audit period
 * unit, "month" (periods start on the 1st at 00:00 UTC), is computed.
 */
public final class UsageAuditLog {
    /** What Nova's _get_audit_task_logs returns; {@code log} is per host, empty without task logs. */
    public record Summary(LocalDateTime periodBeginning, LocalDateTime periodEnding, int numHosts, int numHostsDone,
                          int numHostsRunning, List<String> hostsNotRun, int totalInstances, int totalErrors,
                          String overallStatus, Map<String, Object> log) {}

    private final HostService hosts;
    private final Supplier<LocalDateTime> utcNow;

    public UsageAuditLog(HostService hosts, Supplier<LocalDateTime> utcNow) {
        this.hosts = hosts;
        this.utcNow = utcNow;
    }

    /** For the audit period most recently completed before {@code before} (null: now, UTC). */
    public Summary summary(LocalDateTime before) {
        LocalDateTime[] period = lastCompletedMonth(before == null ? utcNow.get() : before);
        // Disabled compute services count too: they can still hold servers (Nova's comment).
        TreeSet<String> computeHosts = new TreeSet<>();
        for (HostService.ServiceState s : hosts.services()) {
            if (s.isCompute()) {
                computeHosts.add(s.service().host());
            }
        }
        int done = 0;
        int errors = 0;
        String status = (done == computeHosts.size() ? "ALL" : done + " of " + computeHosts.size())
                + " hosts done. " + errors + " errors.";
        return new Summary(period[0], period[1], computeHosts.size(), done, 0, List.copyOf(computeHosts), 0, errors,
                status, Map.of());
    }

    /** nova.utils.last_completed_audit_period(unit="month"): [begin, end) with end < {@code now}. */
    static LocalDateTime[] lastCompletedMonth(LocalDateTime now) {
        LocalDateTime end = now.toLocalDate().withDayOfMonth(1).atStartOfDay();
        if (!end.isBefore(now)) {
            end = end.minusMonths(1);
        }
        return new LocalDateTime[] {end.minusMonths(1), end};
    }
}
