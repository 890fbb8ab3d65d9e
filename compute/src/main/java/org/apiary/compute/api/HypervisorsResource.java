package org.apiary.compute.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apiary.common.error.ErrorKind;
import org.apiary.common.error.ServiceException;
import org.apiary.common.json.Json;
import org.apiary.compute.domain.HostService;
import org.apiary.compute.domain.HostService.HostedServer;
import org.apiary.compute.domain.HostService.Hypervisor;
import org.apiary.compute.rpc.HostReport;
import org.apiary.http.ApiRequest;
import org.apiary.http.ApiResponse;

/**
 * /os-hypervisors (hypervisors.py): paging from 2.33; from 2.53 uuid ids, hostname pattern and
 * with_servers as query parameters (the /search and /servers routes end); cpu_info an object from
 * 2.28; from 2.88 the figures, /statistics and /uptime are gone and the detail view has uptime.
 */
public final class HypervisorsResource {
    private static final String POLICY = "os_compute_api:os-hypervisors:";
    private static final String UUID_RE = "[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}";
    private static final Pattern CPU_FEATURE = Pattern.compile("HW_CPU_(?:X86|AARCH64|PPC64LE|S390X)_(.+)");
    private static final Pattern ARCH = Pattern.compile("HW_ARCH_(.+)");

    private final HostService hosts;
    private final Authz authz;
    private final int maxLimit;

    public HypervisorsResource(HostService hosts, Authz authz, int maxLimit) {
        this.hosts = hosts;
        this.authz = authz;
        this.maxLimit = maxLimit;
    }

    public void register(NovaRoutes routes) {
        routes.add("GET", "/os-hypervisors", req -> list(req, false));
        routes.add("GET", "/os-hypervisors/detail", req -> list(req, true));
        routes.add("GET", "/os-hypervisors/statistics", this::statistics);
        routes.add("GET", "/os-hypervisors/{id}", this::show);
        routes.add("GET", "/os-hypervisors/{id}/uptime", this::uptime);
        routes.add("GET", "/os-hypervisors/{id}/search", req -> search(req, false));
        routes.add("GET", "/os-hypervisors/{id}/servers", req -> search(req, true));
    }

    private Map<String, Object> view(ApiRequest req, Hypervisor h, boolean detail, List<HostedServer> servers,
                                     boolean withServers) {
        boolean uuids = req.atLeast("2.53");
        HostReport r = h.report();
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("id", uuids ? h.node().uuid() : h.node().id());
        v.put("hypervisor_hostname", h.node().hypervisorHostname());
        v.put("state", h.service().up() ? "up" : "down");
        v.put("status", h.service().service().disabled() ? "disabled" : "enabled");
        if (detail) {
            v.put("hypervisor_type", h.node().hypervisorType());
            v.put("hypervisor_version", h.node().hypervisorVersion());
            v.put("host_ip", h.node().hostIp());
            Map<String, Object> svc = new LinkedHashMap<>();
            svc.put("id", uuids ? h.service().service().uuid() : h.service().service().id());
            svc.put("host", h.node().host());
            svc.put("disabled_reason", h.service().service().disabledReason());
            v.put("service", svc);
            if (!req.atLeast("2.88")) {
                v.put("vcpus", r.vcpus());
                v.put("memory_mb", r.memoryMb());
                v.put("local_gb", r.diskGb());
                v.put("vcpus_used", h.vcpusUsed());
                v.put("memory_mb_used", h.memoryMbUsed());
                v.put("local_gb_used", h.localGbUsed());
                v.put("free_ram_mb", h.freeRamMb());
                v.put("free_disk_gb", h.freeDiskGb());
                v.put("current_workload", h.usage().workload());
                v.put("running_vms", r.runningGuests());
                // Agents report no measured free space; the accounted free disk is the best estimate.
                v.put("disk_available_least", h.freeDiskGb());
                Map<String, Object> cpu = cpuInfo(r.traits());
                v.put("cpu_info", req.atLeast("2.28") ? cpu : cpu.isEmpty() ? "" : new String(Json.bytes(cpu),
                        java.nio.charset.StandardCharsets.UTF_8));
            } else {
                // Agents do not report uptime (the /uptime call is a 501), so it is unknown, as for Nova's
                // drivers without get_host_uptime.
                v.put("uptime", null);
            }
        }
        if (servers != null && !servers.isEmpty()) {
            v.put("servers", servers.stream().map(s -> Map.of("name", s.name(), "uuid", s.uuid())).toList());
        } else if (withServers && req.atLeast("2.75")) {
            v.put("servers", List.of());
        }
        return v;
    }

    /** What the host's traits say of its CPU: architecture and feature flags, as libvirt's cpu_info names them. */
    static Map<String, Object> cpuInfo(Set<String> traits) {
        Map<String, Object> cpu = new LinkedHashMap<>();
        Set<String> features = new TreeSet<>();
        for (String t : traits) {
            Matcher a = ARCH.matcher(t);
            if (a.matches()) {
                cpu.put("arch", a.group(1).toLowerCase(Locale.ROOT));
            }
            Matcher f = CPU_FEATURE.matcher(t);
            if (f.matches()) {
                features.add(f.group(1).toLowerCase(Locale.ROOT));
            }
        }
        if (!features.isEmpty()) {
            cpu.put("features", List.copyOf(features));
        }
        return cpu;
    }

    private ApiResponse list(ApiRequest req, boolean detail) {
        boolean v253 = req.atLeast("2.53");
        if (v253) {
            strictQuery(req, Set.of("limit", "marker", "hypervisor_hostname_pattern", "with_servers"));
        }
        authz.enforce(req, POLICY + (detail ? "list-detail" : "list"));
        boolean paging = req.atLeast("2.33");
        String pattern = v253 ? req.queryParam("hypervisor_hostname_pattern").orElse(null) : null;
        boolean withServers = v253 && withServers(req);
        List<Hypervisor> found;
        boolean links = paging;
        if (pattern != null) {
            if (req.query().containsKey("limit") || req.query().containsKey("marker")) {
                throw ServiceException.badRequest("Paging over hypervisors with the hypervisor_hostname_pattern query "
                        + "parameter is not supported.");
            }
            links = false;
            found = hosts.search(pattern);
        } else if (paging) {
            found = page(req, hosts.hypervisors());
        } else {
            found = hosts.hypervisors();
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (Hypervisor h : found) {
            out.add(view(req, h, detail, withServers ? hosts.servers(h.node().host()) : null, withServers));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("hypervisors", out);
        if (links && !out.isEmpty()) {
            List<Map<String, String>> next = Links.next(req, detail ? "os-hypervisors/detail" : "os-hypervisors",
                    out.size(), String.valueOf(out.get(out.size() - 1).get("id")), maxLimit);
            if (!next.isEmpty()) {
                body.put("hypervisors_links", next);
            }
        }
        return ApiResponse.ok(body);
    }

    /** limit/marker over the nodes in id order; the marker is an id before 2.53, a uuid from it. */
    private List<Hypervisor> page(ApiRequest req, List<Hypervisor> all) {
        int limit = Requests.limit(req, maxLimit);
        String marker = req.queryParam("marker").orElse(null);
        int start = 0;
        if (marker != null) {
            start = -1;
            for (int i = 0; i < all.size(); i++) {
                Object id = req.atLeast("2.53") ? all.get(i).node().uuid() : String.valueOf(all.get(i).node().id());
                if (id.equals(marker)) {
                    start = i + 1;
                }
            }
            if (start < 0) {
                throw ServiceException.badRequest("marker [" + marker + "] not found");
            }
        }
        return all.subList(start, (int) Math.min(all.size(), (long) start + limit));
    }

    private ApiResponse show(ApiRequest req) {
        String id = req.param("id");
        boolean withServers = false;
        if (req.atLeast("2.53")) {
            strictQuery(req, Set.of("with_servers"));
            withServers = withServers(req);
        }
        authz.enforce(req, POLICY + "show");
        Hypervisor h = find(req, id);
        return ApiResponse.ok(Map.of("hypervisor", view(req, h, true,
                withServers ? hosts.servers(h.node().host()) : null, withServers)));
    }

    private ApiResponse uptime(ApiRequest req) {
        if (req.atLeast("2.88")) {
            throw ServiceException.notFound("The resource could not be found.");
        }
        authz.enforce(req, POLICY + "uptime");
        Hypervisor h = find(req, req.param("id"));
        if (!h.service().up()) {
            throw ServiceException.badRequest("Compute service of " + h.node().host() + " is unavailable at this time.");
        }
        // The host agents do not report an uptime: Nova's answer for a driver without get_host_uptime.
        throw new ServiceException(ErrorKind.NOT_IMPLEMENTED, "The requested functionality is not supported.");
    }

    private ApiResponse statistics(ApiRequest req) {
        if (req.atLeast("2.88")) {
            throw ServiceException.notFound("The resource could not be found.");
        }
        authz.enforce(req, POLICY + "statistics");
        HostService.Statistics s = hosts.statistics();
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("count", s.count());
        v.put("vcpus", s.vcpus());
        v.put("memory_mb", s.memoryMb());
        v.put("local_gb", s.localGb());
        v.put("vcpus_used", s.vcpusUsed());
        v.put("memory_mb_used", s.memoryMbUsed());
        v.put("local_gb_used", s.localGbUsed());
        v.put("free_ram_mb", s.freeRamMb());
        v.put("free_disk_gb", s.freeDiskGb());
        v.put("current_workload", s.currentWorkload());
        v.put("running_vms", s.runningVms());
        v.put("disk_available_least", s.diskAvailableLeast());
        return ApiResponse.ok(Map.of("hypervisor_statistics", v));
    }

    /** Before 2.53: GET /os-hypervisors/{pattern}/search and /{pattern}/servers. */
    private ApiResponse search(ApiRequest req, boolean withServers) {
        if (req.atLeast("2.53")) {
            throw ServiceException.notFound("The resource could not be found.");
        }
        authz.enforce(req, POLICY + (withServers ? "servers" : "search"));
        List<Map<String, Object>> out = new ArrayList<>();
        for (Hypervisor h : hosts.search(req.param("id"))) {
            out.add(view(req, h, false, withServers ? hosts.servers(h.node().host()) : null, false));
        }
        return ApiResponse.ok(Map.of("hypervisors", out));
    }

    /** 2.53 wants a uuid (400 otherwise); before, an integer id (404 otherwise). */
    private Hypervisor find(ApiRequest req, String id) {
        if (req.atLeast("2.53")) {
            if (!id.matches(UUID_RE)) {
                throw ServiceException.badRequest("Invalid uuid " + id);
            }
            return hosts.hypervisor(id);
        }
        if (!id.matches("-?[0-9]{1,18}")) {
            throw ServiceException.notFound("Hypervisor with ID '" + id + "' could not be found.");
        }
        return hosts.hypervisorById(Long.parseLong(id));
    }

    private static boolean withServers(ApiRequest req) {
        String v = req.queryParam("with_servers").orElse(null);
        if (v == null) {
            return false;
        }
        Boolean b = Requests.boolWord(v);
        if (b == null) {
            throw ServiceException.badRequest("Invalid input for query parameters with_servers. Value: " + v + ". '"
                    + v + "' is not one of " + new TreeSet<>(Requests.BOOLEAN_STRINGS));
        }
        return b;
    }

    /** The 2.53 query schemas: additionalProperties false, each parameter once; limit non-negative. */
    private static void strictQuery(ApiRequest req, Set<String> allowed) {
        for (Map.Entry<String, List<String>> e : req.query().entrySet()) {
            if (!allowed.contains(e.getKey())) {
                throw ServiceException.badRequest("Invalid input for query parameters " + e.getKey() + ". Value: "
                        + e.getValue().get(0) + ". Additional properties are not allowed ('" + e.getKey()
                        + "' was unexpected)");
            }
            if (e.getValue().size() > 1) {
                throw ServiceException.badRequest("Invalid input for query parameters " + e.getKey() + ". Value: "
                        + e.getValue() + ". " + e.getValue() + " is not of type 'string'");
            }
        }
        Requests.nonNegative(req, "limit");
    }
}
