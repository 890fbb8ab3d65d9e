package org.apiary.compute.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apiary.compute.domain.HostService;
import org.apiary.compute.domain.HostService.ServiceState;
import org.apiary.compute.domain.HostService.Zone;
import org.apiary.http.ApiRequest;
import org.apiary.http.ApiResponse;

/**
 * /os-availability-zone (availability_zone.py): the summary hides the internal zone of the
 * controller's services; the detail (admin) shows every zone with its hosts' enabled services.
 */
public final class AvailabilityZonesResource {
    private static final String POLICY = "os_compute_api:os-availability-zone:";

    private final HostService hosts;
    private final Authz authz;

    public AvailabilityZonesResource(HostService hosts, Authz authz) {
        this.hosts = hosts;
        this.authz = authz;
    }

    public void register(NovaRoutes routes) {
        routes.add("GET", "/os-availability-zone", this::list);
        routes.add("GET", "/os-availability-zone/detail", this::detail);
    }

    private ApiResponse list(ApiRequest req) {
        authz.enforce(req, POLICY + "list");
        List<Map<String, Object>> out = new ArrayList<>();
        for (Zone z : hosts.zones()) {
            if (!z.name().equals(HostService.INTERNAL_ZONE)) {
                out.add(zone(z, null));
            }
        }
        return ApiResponse.ok(Map.of("availabilityZoneInfo", out));
    }

    private ApiResponse detail(ApiRequest req) {
        authz.enforce(req, POLICY + "detail");
        List<Map<String, Object>> out = new ArrayList<>();
        for (Zone z : hosts.zones()) {
            Map<String, Object> hostsView = null;
            if (z.hosts() != null) {
                hostsView = new LinkedHashMap<>();
                for (Map.Entry<String, List<ServiceState>> h : z.hosts().entrySet()) {
                    Map<String, Object> services = new LinkedHashMap<>();
                    for (ServiceState s : h.getValue()) {
                        Map<String, Object> v = new LinkedHashMap<>();
                        v.put("available", s.up());
                        v.put("active", !s.service().disabled());
                        v.put("updated_at", ServicesResource.time(s.service().updatedAt()));
                        services.put(s.service().binary(), v);
                    }
                    hostsView.put(h.getKey(), services);
                }
            }
            out.add(zone(z, hostsView));
        }
        return ApiResponse.ok(Map.of("availabilityZoneInfo", out));
    }

    private static Map<String, Object> zone(Zone z, Map<String, Object> hostsView) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("zoneName", z.name());
        v.put("zoneState", Map.of("available", z.available()));
        v.put("hosts", hostsView);
        return v;
    }
}
