package org.apiary.compute.api;

import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apiary.common.error.ServiceException;
import org.apiary.compute.domain.UsageAuditLog;
import org.apiary.http.ApiRequest;
import org.apiary.http.ApiResponse;

/**
 * /os-instance_usage_audit_log (instance_usage_audit_log.py): the summary of the last completed
 * audit period, or of the one completed before a "%Y-%m-%d %H:%M:%S[.%f]" time. Admin only.
 */
public final class InstanceUsageAuditLogResource {
    private static final String POLICY = "os_compute_api:os-instance-usage-audit-log:";
    private static final String PATH = "/os-instance_usage_audit_log";

    private final UsageAuditLog audit;
    private final Authz authz;

    public InstanceUsageAuditLogResource(UsageAuditLog audit, Authz authz) {
        this.audit = audit;
        this.authz = authz;
    }

    public void register(NovaRoutes routes) {
        routes.add("GET", PATH, this::index);
        routes.add("GET", PATH + "/{before}", this::show);
    }

    private ApiResponse index(ApiRequest req) {
        authz.enforce(req, POLICY + "list");
        return ApiResponse.ok(Map.of("instance_usage_audit_logs", view(audit.summary(null))));
    }

    private ApiResponse show(ApiRequest req) {
        authz.enforce(req, POLICY + "show");
        String id = req.param("before");
        LocalDateTime before = PyDateTimes.parse(id, ' ', id.contains("."))
                .orElseThrow(() -> ServiceException.badRequest("Invalid timestamp for date " + id));
        return ApiResponse.ok(Map.of("instance_usage_audit_log", view(audit.summary(before))));
    }

    private static Map<String, Object> view(UsageAuditLog.Summary s) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("period_beginning", PyDateTimes.str(s.periodBeginning()));
        v.put("period_ending", PyDateTimes.str(s.periodEnding()));
        v.put("num_hosts", s.numHosts());
        v.put("num_hosts_done", s.numHostsDone());
        v.put("num_hosts_running", s.numHostsRunning());
        v.put("num_hosts_not_run", s.hostsNotRun().size());
        v.put("hosts_not_run", s.hostsNotRun());
        v.put("total_instances", s.totalInstances());
        v.put("total_errors", s.totalErrors());
        v.put("overall_status", s.overallStatus());
        v.put("log", s.log());
        return v;
    }
}
