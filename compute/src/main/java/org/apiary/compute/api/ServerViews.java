package org.apiary.compute.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apiary.compute.domain.FlavorSnapshot;
import org.apiary.compute.domain.InstanceFault;
import org.apiary.compute.domain.Server;
import org.apiary.compute.domain.Vif;
import org.apiary.compute.domain.VmStates;
import org.apiary.http.ApiRequest;

/** The server representations of views/servers.py, field by field gated by microversion and policy. */
final class ServerViews {
    /** utils.isotime: seconds and a "Z" (created, updated, fault created). */
    static final DateTimeFormatter ISO_Z = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'")
            .withZone(ZoneOffset.UTC);
    /** A naive datetime as Nova's JSON encoder writes it (launched_at, instance actions). */
    static final DateTimeFormatter NAIVE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS")
            .withZone(ZoneOffset.UTC);
    private static final List<String> PROGRESS_STATUSES = List.of("ACTIVE", "BUILD", "REBUILD", "RESIZE",
            "VERIFY_RESIZE", "MIGRATING");
    private static final String EXTENDED_ATTRS = "os_compute_api:os-extended-server-attributes";
    private static final String EXTRA_SPECS = "os_compute_api:servers:show:flavor-extra-specs";
    private static final String HOST_STATUS = "os_compute_api:servers:show:host_status";
    private static final String HOST_STATUS_UNKNOWN = "os_compute_api:servers:show:host_status:unknown-only";

    /**
     * What a call shows beyond the basics: GET /servers/{id} shows everything its policies allow;
     * PUT and rebuild before 2.75 leave out the extended attributes, as Nova's update does.
     */
    record Options(boolean allAttributes, boolean keyName, boolean serverGroups, boolean userData) {
        static final Options SHOW = new Options(true, true, true, true);
        static final Options LIST = new Options(true, true, false, true);

        /** PUT /servers/{id}: the full view only from 2.75. */
        static Options update(ApiRequest req) {
            return new Options(false, false, true, true);
        }

        /** The rebuild answer: key_name from 2.54, OS-EXT-SRV-ATTR:user_data never (user_data is top-level). */
        static Options rebuild(ApiRequest req) {
            return new Options(false, req.atLeast("2.54"), true, false);
        }
    }

    private final Authz authz;
    private final Function<String, String> hostStatus;
    private final Function<String, List<String>> serverGroups;

    /**
     * @param hostStatus   host → UP, DOWN, MAINTENANCE or UNKNOWN (Nova's get_instance_host_status)
     * @param serverGroups server uuid → the uuids of its server groups (0 or 1)
     */
    ServerViews(Authz authz, Function<String, String> hostStatus, Function<String, List<String>> serverGroups) {
        this.authz = authz;
        this.hostStatus = hostStatus;
        this.serverGroups = serverGroups;
    }

    static String time(Long millis) {
        return millis == null ? null : ISO_Z.format(Instant.ofEpochMilli(millis));
    }

    static String naive(Long millis) {
        return millis == null ? null : NAIVE.format(Instant.ofEpochMilli(millis));
    }

    /** Nova's hostId: sha224(project_id + host), "" when not on a host. */
    static String hostId(String projectId, String host) {
        if (host == null || host.isEmpty()) {
            return "";
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-224")
                    .digest((projectId + host).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    Map<String, Object> basic(ApiRequest req, Server s) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("id", s.uuid());
        v.put("name", s.name());
        v.put("links", Links.of(req, "servers", s.uuid()));
        return v;
    }

    /** POST /servers answer (views create): id, links, disk config, the requested security groups. */
    Map<String, Object> created(ApiRequest req, Server s, List<String> securityGroups) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("id", s.uuid());
        v.put("links", Links.of(req, "servers", s.uuid()));
        v.put("OS-DCF:diskConfig", "MANUAL");
        List<Map<String, String>> groups = new ArrayList<>();
        (securityGroups.isEmpty() ? List.of("default") : securityGroups).forEach(g -> groups.add(Map.of("name", g)));
        v.put("security_groups", groups);
        return v;
    }

    Map<String, Object> show(ApiRequest req, Server s, InstanceFault fault, Options o) {
        Map<String, Object> target = Map.of("project_id", s.projectId());
        boolean all = o.allAttributes() || req.atLeast("2.75");
        String status = s.deleted() ? "DELETED" : s.status();
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("id", s.uuid());
        v.put("name", s.name());
        v.put("status", status);
        v.put("tenant_id", s.projectId());
        v.put("user_id", s.userId());
        v.put("metadata", s.metadata());
        v.put("hostId", hostId(s.projectId(), s.host()));
        v.put("image", image(req, s));
        v.put("flavor", flavor(req, s.flavor(), req.atLeast("2.47") && authz.allows(req, EXTRA_SPECS, target)));
        v.put("created", time(s.createdAt()));
        v.put("updated", time(s.updatedAt() != null ? s.updatedAt() : s.createdAt()));
        v.put("addresses", addresses(s, all));
        v.put("accessIPv4", s.accessIpV4() == null ? "" : s.accessIpV4());
        v.put("accessIPv6", s.accessIpV6() == null ? "" : s.accessIpV6());
        v.put("links", Links.of(req, "servers", s.uuid()));
        v.put("OS-DCF:diskConfig", "MANUAL");
        if ((status.equals("ERROR") || status.equals("DELETED")) && fault != null) {
            v.put("fault", fault(req, fault));
        }
        if (PROGRESS_STATUSES.contains(status)) {
            v.put("progress", s.progress());
        }
        boolean extended = all && authz.allows(req, EXTENDED_ATTRS, target);
        if (all) {
            v.put("OS-EXT-AZ:availability_zone", s.availabilityZone() == null ? "" : s.availabilityZone());
            // Nova stores config_drive as the string "True" or "".
            v.put("config_drive", s.configDrive() ? "True" : "");
            v.put("OS-SRV-USG:launched_at", naive(s.launchedAt()));
            v.put("OS-SRV-USG:terminated_at", naive(s.terminatedAt()));
            if (!s.networkInfo().isEmpty()) {
                List<Map<String, String>> groups = new ArrayList<>();
                List<String> names = s.requestSpec() == null ? List.of() : s.requestSpec().securityGroups();
                (names.isEmpty() ? List.of("default") : names).forEach(g -> groups.add(Map.of("name", g)));
                v.put("security_groups", groups);
            }
        }
        if (all || o.keyName()) {
            v.put("key_name", s.keyName());
        }
        if (extended) {
            v.put("OS-EXT-SRV-ATTR:host", s.host());
            v.put("OS-EXT-SRV-ATTR:instance_name", "instance-" + s.uuid());
            v.put("OS-EXT-SRV-ATTR:hypervisor_hostname", s.node());
            if (req.atLeast("2.3")) {
                v.put("OS-EXT-SRV-ATTR:reservation_id", s.reservationId());
                v.put("OS-EXT-SRV-ATTR:launch_index", s.launchIndex());
                v.put("OS-EXT-SRV-ATTR:hostname", s.hostname());
                v.put("OS-EXT-SRV-ATTR:kernel_id", "");
                v.put("OS-EXT-SRV-ATTR:ramdisk_id", "");
                v.put("OS-EXT-SRV-ATTR:root_device_name", "/dev/vda");
                if (o.userData()) {
                    v.put("OS-EXT-SRV-ATTR:user_data", s.userData());
                }
            }
        }
        if (all) {
            v.put("OS-EXT-STS:task_state", s.taskState());
            v.put("OS-EXT-STS:vm_state", s.vmState());
            v.put("OS-EXT-STS:power_state", s.powerState());
            // Volumes are not supported: no server has any attached.
            v.put("os-extended-volumes:volumes_attached", List.of());
        }
        if (all && req.atLeast("2.16")) {
            String hs = hostStatus(req, s, target);
            if (hs != null) {
                v.put("host_status", hs);
            }
        }
        if (req.atLeast("2.9")) {
            v.put("locked", s.locked());
        }
        if (req.atLeast("2.73")) {
            v.put("locked_reason", s.lockedReason());
        }
        if (req.atLeast("2.19")) {
            v.put("description", s.description());
        }
        if (req.atLeast("2.26")) {
            v.put("tags", s.tags());
        }
        if (req.atLeast("2.63")) {
            v.put("trusted_image_certificates", null);
        }
        if (req.atLeast("2.90") && !extended) {
            v.put("OS-EXT-SRV-ATTR:hostname", s.hostname());
        }
        if (o.serverGroups() && req.atLeast("2.71")) {
            v.put("server_groups", serverGroups.apply(s.uuid()));
        }
        return v;
    }

    /** host_status for admins (all of it) or, per policy, only when UNKNOWN; null when not shown. */
    private String hostStatus(ApiRequest req, Server s, Map<String, Object> target) {
        boolean full = authz.allows(req, HOST_STATUS, target);
        boolean unknownOnly = !full && authz.allows(req, HOST_STATUS_UNKNOWN, target);
        if (!full && !unknownOnly) {
            return null;
        }
        String status = s.host() == null ? "" : hostStatus.apply(s.host());
        return full || "UNKNOWN".equals(status) ? status : null;
    }

    private static Object image(ApiRequest req, Server s) {
        if (s.imageRef() == null || s.imageRef().isEmpty()) {
            return "";
        }
        return Map.of("id", s.imageRef(), "links", List.of(Map.of("rel", "bookmark",
                "href", req.baseUrl() + "/images/" + s.imageRef())));
    }

    private static Map<String, Object> flavor(ApiRequest req, FlavorSnapshot f, boolean extraSpecs) {
        Map<String, Object> v = new LinkedHashMap<>();
        if (req.atLeast("2.47")) {
            v.put("vcpus", f.vcpus());
            v.put("ram", f.memoryMb());
            v.put("disk", f.rootGb());
            v.put("ephemeral", f.ephemeralGb());
            v.put("swap", f.swap());
            v.put("original_name", f.name());
            if (extraSpecs) {
                v.put("extra_specs", f.extraSpecs());
            }
        } else {
            v.put("id", f.flavorId());
            v.put("links", List.of(Map.of("rel", "bookmark", "href", req.baseUrl() + "/flavors/" + f.flavorId())));
        }
        return v;
    }

    /** network label → its addresses (views/addresses.py); nothing while building, as Nova. */
    static Map<String, Object> addresses(Server s, boolean extended) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (VmStates.BUILDING.equals(s.vmState())) {
            return out;
        }
        for (Vif vif : s.networkInfo()) {
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> list = (List<Map<String, Object>>) out.computeIfAbsent(
                    vif.networkName() == null ? vif.networkId() : vif.networkName(), k -> new ArrayList<>());
            for (Vif.Ip ip : vif.ips()) {
                Map<String, Object> a = new LinkedHashMap<>();
                a.put("version", ip.version());
                a.put("addr", ip.address());
                if (extended) {
                    a.put("OS-EXT-IPS:type", "fixed");
                    a.put("OS-EXT-IPS-MAC:mac_addr", vif.macAddress());
                }
                list.add(a);
            }
        }
        return out;
    }

    /** A fault's details show to admins, and to anyone when it is not an internal (500) failure. */
    private Map<String, Object> fault(ApiRequest req, InstanceFault f) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("code", f.code());
        v.put("created", time(f.createdAt()));
        v.put("message", f.message());
        if (f.details() != null && !f.details().isEmpty() && (authz.isAdmin(req) || f.code() != 500)) {
            v.put("details", f.details());
        }
        return v;
    }
}
