package org.apiary.compute.api;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apiary.common.error.ServiceException;
import org.apiary.compute.domain.TenantUsage;
import org.apiary.compute.domain.TenantUsageService;
import org.apiary.http.ApiRequest;
import org.apiary.http.ApiResponse;

/**
 * /os-simple-tenant-usage (simple_tenant_usage.py): usage of every project (admin) or of one
 * (its readers). start/end default to now; end is cut to now. Paging by server (limit, marker and
 * next links) from 2.40; unknown query parameters refused from 2.75.
 */
public final class SimpleTenantUsageResource {
    private static final String POLICY = "os_compute_api:os-simple-tenant-usage:";
    private static final String COLLECTION = "os-simple-tenant-usage";

    private final TenantUsageService usages;
    private final Authz authz;
    private final int maxLimit;

    public SimpleTenantUsageResource(TenantUsageService usages, Authz authz, int maxLimit) {
        this.usages = usages;
        this.authz = authz;
        this.maxLimit = maxLimit;
    }

    public void register(NovaRoutes routes) {
        routes.add("GET", "/" + COLLECTION, this::index);
        routes.add("GET", "/" + COLLECTION + "/{tenant_id}", this::show);
    }

    private ApiResponse index(ApiRequest req) {
        if (req.path().endsWith("/")) {
            // "/os-simple-tenant-usage/" names no tenant: Nova's routes match neither template (404),
            // where the shared router would read it as the collection.
            throw ServiceException.notFound("The resource could not be found.");
        }
        Requests.queryAllows(req, List.of("start", "end", "detailed", "limit", "marker"));
        authz.enforce(req, POLICY + "list");
        boolean detailed = req.queryParam("detailed").map("1"::equals).orElse(false);
        return report(req, null, detailed, "tenant_usages", COLLECTION);
    }

    private ApiResponse show(ApiRequest req) {
        String tenantId = req.param("tenant_id");
        Requests.queryAllows(req, List.of("start", "end", "limit", "marker"));
        authz.enforce(req, POLICY + "show", Map.of("project_id", tenantId));
        return report(req, tenantId, true, "tenant_usage", COLLECTION + "/" + tenantId);
    }

    private ApiResponse report(ApiRequest req, String tenantId, boolean detailed, String key, String collection) {
        Instant start = time(req, "start");
        Instant stop = time(req, "end");
        // Without either, Nova reads the clock twice (start, then end) and so never refuses the
        // window; one reading here stands for both.
        boolean bothNow = start == null && stop == null;
        Instant now = usages.now();
        start = start == null ? now : start;
        stop = stop == null ? now : stop;
        if (!bothNow && !start.isBefore(stop)) {
            throw ServiceException.badRequest("Invalid start time. The start time cannot occur after the end time.");
        }
        if (stop.isAfter(now)) {
            stop = now;
        }
        boolean paged = req.atLeast("2.40");
        int limit = paged ? Requests.limit(req, maxLimit) : maxLimit;
        String marker = paged ? req.queryParam("marker").orElse(null) : null;
        TenantUsageService.Report r = usages.usage(start, stop, tenantId, marker, limit);
        List<Map<String, Object>> tenants = new ArrayList<>();
        for (TenantUsage t : r.tenants()) {
            tenants.add(view(t, detailed));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        if (tenantId == null) {
            body.put(key, tenants);
        } else {
            body.put(key, tenants.isEmpty() ? Map.of() : tenants.get(0));
        }
        if (paged && !r.servers().isEmpty()) {
            List<Map<String, String>> next = Links.next(req, collection, r.servers().size(),
                    r.servers().get(r.servers().size() - 1).instanceId(), maxLimit);
            if (!next.isEmpty()) {
                body.put(key + "_links", next);
            }
        }
        return ApiResponse.ok(body);
    }

    private static Map<String, Object> view(TenantUsage t, boolean detailed) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("tenant_id", t.tenantId());
        if (detailed) {
            List<Map<String, Object>> servers = new ArrayList<>();
            for (TenantUsage.ServerUsage u : t.serverUsages()) {
                servers.add(view(u));
            }
            v.put("server_usages", servers);
        }
        v.put("total_local_gb_usage", t.totalLocalGbUsage());
        v.put("total_vcpus_usage", t.totalVcpusUsage());
        v.put("total_memory_mb_usage", t.totalMemoryMbUsage());
        v.put("total_hours", t.totalHours());
        v.put("start", PyDateTimes.iso(t.start()));
        v.put("stop", PyDateTimes.iso(t.stop()));
        return v;
    }

    private static Map<String, Object> view(TenantUsage.ServerUsage u) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("hours", u.hours());
        v.put("flavor", u.flavor());
        v.put("instance_id", u.instanceId());
        v.put("name", u.name());
        v.put("tenant_id", u.tenantId());
        v.put("memory_mb", u.memoryMb());
        v.put("local_gb", u.localGb());
        v.put("vcpus", u.vcpus());
        v.put("started_at", PyDateTimes.iso(u.startedAt()));
        v.put("ended_at", PyDateTimes.iso(u.endedAt()));
        v.put("state", u.state());
        v.put("uptime", u.uptimeSeconds());
        return v;
    }

    /** _parse_datetime: null when absent or empty (now); the three formats Nova tries, read as UTC. */
    private static Instant time(ApiRequest req, String name) {
        String v = req.queryParam(name).orElse("");
        if (v.isEmpty()) {
            return null;
        }
        Optional<LocalDateTime> t = PyDateTimes.parse(v, 'T', null).or(() -> PyDateTimes.parse(v, ' ', true));
        return t.map(d -> d.toInstant(ZoneOffset.UTC)).orElseThrow(() -> ServiceException.badRequest(
                "Invalid datetime string: Datetime is in invalid format"));
    }
}
