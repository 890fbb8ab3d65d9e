package org.apiary.compute.api;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apiary.common.error.ServiceException;
import org.apiary.compute.domain.ServerQuery;
import org.apiary.http.ApiRequest;

/**
 * GET /servers query parameters to a {@link ServerQuery}, as servers.py _get_servers: filters a
 * non-admin may not use are dropped, status becomes states, deleted servers are listed only
 * when asked for (or with changes-since/-before), all_tenants needs its policy.
 */
final class ServerListParams {
    private ServerListParams() {}

    static final Set<String> STATUSES = Set.of("ACTIVE", "BUILD", "CONFIRMING_RESIZE", "DELETED", "ERROR",
            "HARD_REBOOT", "MIGRATING", "PASSWORD", "PAUSED", "REBOOT", "REBUILD", "RESCUE", "RESIZE",
            "REVERT_RESIZE", "SHELVED", "SHELVED_OFFLOADED", "SHUTOFF", "SOFT_DELETED", "SUSPENDED",
            "VERIFY_RESIZE");
    /** Sort keys that were accepted once and are ignored before 2.75 (SERVER_LIST_IGNORE_SORT_KEY). */
    static final Set<String> IGNORED_SORT_KEYS = Set.of("architecture", "cell_name", "cleaned",
            "default_ephemeral_device", "default_swap_device", "deleted", "deleted_at", "disable_terminate",
            "ephemeral_gb", "ephemeral_key_uuid", "id", "key_data", "launched_on", "locked", "memory_mb", "os_type",
            "reservation_id", "root_gb", "shutdown_terminate", "user_data", "vcpus", "vm_mode");
    static final Set<String> SORT_KEYS = Set.of("access_ip_v4", "access_ip_v6", "auto_disk_config",
            "availability_zone", "config_drive", "created_at", "display_description", "display_name", "host",
            "hostname", "image_ref", "instance_type_id", "kernel_id", "key_name", "launch_index", "launched_at",
            "locked_by", "node", "power_state", "progress", "project_id", "ramdisk_id", "root_device_name",
            "task_state", "terminated_at", "updated_at", "user_id", "uuid", "vm_state");
    private static final Set<String> JOINED = Set.of("block_device_mapping", "services", "metadata",
            "system_metadata", "info_cache", "security_groups", "pci_devices");
    /** Every parameter of query_params_v275 (unknown ones are a 400 from 2.75 on). */
    static final List<String> KNOWN = List.of("user_id", "project_id", "tenant_id", "launch_index", "image_ref",
            "image", "kernel_id", "ramdisk_id", "hostname", "key_name", "power_state", "vm_state", "task_state", "host",
            "node", "flavor", "reservation_id", "launched_at", "terminated_at", "availability_zone", "name",
            "display_name", "description", "display_description", "locked_by", "uuid", "root_device_name",
            "config_drive", "access_ip_v4", "access_ip_v6", "auto_disk_config", "progress", "sort_key", "sort_dir",
            "all_tenants", "soft_deleted", "deleted", "status", "changes-since", "ip", "ip6", "created_at",
            "block_device_mapping", "services", "metadata", "system_metadata", "info_cache", "security_groups",
            "pci_devices", "limit", "marker", "tags", "tags-any", "not-tags", "not-tags-any", "changes-before",
            "locked");
    /** API name → the store's filter name, for filters the store applies. */
    private static final Map<String, String> FILTERS = Map.ofEntries(Map.entry("name", "name"),
            Map.entry("display_name", "name"), Map.entry("description", "description"),
            Map.entry("display_description", "description"), Map.entry("image", "image"),
            Map.entry("image_ref", "image"), Map.entry("flavor", "flavor"), Map.entry("ip", "ip"),
            Map.entry("ip6", "ip6"), Map.entry("reservation_id", "reservation_id"), Map.entry("uuid", "uuid"),
            Map.entry("user_id", "user_id"), Map.entry("host", "host"), Map.entry("node", "node"),
            Map.entry("hostname", "hostname"), Map.entry("key_name", "key_name"),
            Map.entry("availability_zone", "availability_zone"), Map.entry("vm_state", "vm_state"),
            Map.entry("task_state", "task_state"), Map.entry("power_state", "power_state"),
            Map.entry("progress", "progress"), Map.entry("access_ip_v4", "access_ip_v4"),
            Map.entry("access_ip_v6", "access_ip_v6"), Map.entry("tags", "tags"), Map.entry("tags-any", "tags-any"),
            Map.entry("not-tags", "not-tags"), Map.entry("not-tags-any", "not-tags-any"));

    /** The parameters a caller without allow_all_filters may filter by (_get_server_search_options). */
    static Set<String> userFilters(ApiRequest req) {
        Set<String> s = new LinkedHashSet<>(List.of("reservation_id", "name", "status", "image", "flavor", "ip",
                "changes-since", "all_tenants"));
        if (req.atLeast("2.5")) {
            s.add("ip6");
        }
        if (req.atLeast("2.26")) {
            s.addAll(List.of("tags", "tags-any", "not-tags", "not-tags-any"));
        }
        if (req.atLeast("2.66")) {
            s.add("changes-before");
        }
        if (req.atLeast("2.73")) {
            s.add("locked");
        }
        if (req.atLeast("2.83")) {
            s.addAll(List.of("availability_zone", "config_drive", "key_name", "created_at", "launched_at",
                    "terminated_at", "power_state", "task_state", "vm_state", "progress", "user_id"));
        }
        if (req.atLeast("2.90")) {
            s.add("hostname");
        }
        return s;
    }

    /**
     * @param allFilters the caller may use every filter (allow_all_filters)
     * @param admin      Nova's context.is_admin (deleted servers, host/node sort)
     * @return the query, or null when the answer is an empty list (an unknown status before 2.38)
     */
    static ServerQuery parse(ApiRequest req, boolean allFilters, boolean admin, boolean allTenantsAllowed,
                             String projectId, String userId, int limit) {
        Requests.queryAllows(req, KNOWN);
        Map<String, String> opts = new HashMap<>();
        req.query().forEach((k, v) -> opts.put(k, v.get(v.size() - 1)));
        for (String k : List.of("sort_key", "sort_dir", "limit", "marker")) {
            opts.remove(k);
        }
        if (!allFilters) {
            opts.keySet().retainAll(userFilters(req));
        }
        for (String k : new TreeSet<>(opts.keySet())) {
            if (JOINED.contains(k) || k.startsWith("_")) {
                throw ServiceException.badRequest("Invalid filter field: " + k + ".");
            }
        }
        Map<String, String> filters = new HashMap<>();
        boolean onlyDeleted = false;
        if (opts.containsKey("status")) {
            List<String> valid = new ArrayList<>();
            for (String st : req.query().get("status")) {
                if (STATUSES.contains(st.toUpperCase(java.util.Locale.ROOT))) {
                    valid.add(st.toUpperCase(java.util.Locale.ROOT));
                }
            }
            if (valid.isEmpty()) {
                if (req.atLeast("2.38")) {
                    throw ServiceException.badRequest("Invalid status value");
                }
                return null;
            }
            filters.put("status", String.join(",", valid));
            onlyDeleted = valid.stream().allMatch(s -> s.equals("DELETED") || s.equals("SOFT_DELETED"));
        }
        Long since = time(opts.get("changes-since"), "changes-since");
        Long before = time(opts.get("changes-before"), "changes-before");
        if (since != null && before != null && before < since) {
            throw ServiceException.badRequest("The value of changes-since must be less than or equal to "
                    + "changes-before.");
        }
        if (since != null) {
            filters.put("changes-since", String.valueOf(since));
        }
        if (before != null) {
            filters.put("changes-before", String.valueOf(before));
        }
        boolean includeDeleted;
        if (opts.containsKey("deleted")) {
            includeDeleted = Boolean.TRUE.equals(Requests.boolWord(opts.get("deleted")));
        } else {
            includeDeleted = since != null || before != null;
        }
        if (onlyDeleted || "deleted".equals(opts.get("vm_state"))) {
            if (!admin) {
                throw ServiceException.forbidden("Only administrators may list deleted instances");
            }
            includeDeleted = true;
        }
        if (opts.containsKey("locked")) {
            Boolean locked = Requests.boolWord(opts.get("locked"));
            if (locked == null) {
                throw ServiceException.badRequest("Invalid input received: Unrecognized value '" + opts.get("locked")
                        + "', acceptable values are: '0', '1', 'f', 'false', 'n', 'no', 'off', 'on', 't', 'true', "
                        + "'y', 'yes'");
            }
            filters.put("locked", locked.toString());
        }
        if (opts.containsKey("config_drive")) {
            Boolean cd = Requests.boolWord(opts.get("config_drive"));
            filters.put("config_drive", String.valueOf(Boolean.TRUE.equals(cd)));
        }
        for (Map.Entry<String, String> e : opts.entrySet()) {
            String to = FILTERS.get(e.getKey());
            if (to != null) {
                filters.put(to, e.getValue());
            }
        }
        String project = projectId;
        if (allTenants(opts)) {
            if (!allTenantsAllowed) {
                throw ServiceException.forbidden("Policy doesn't allow os_compute_api:servers:index:get_all_tenants "
                        + "to be performed.");
            }
            project = opts.getOrDefault("project_id", opts.get("tenant_id"));
        } else if (projectId == null) {
            // A caller without a project (system scope) sees the servers it created, as Nova.
            filters.put("user_id", userId);
        }
        List<String> sortKeys = new ArrayList<>(req.query().getOrDefault("sort_key", List.of()));
        List<String> sortDirs = new ArrayList<>(req.query().getOrDefault("sort_dir", List.of()));
        sort(req, admin, sortKeys, sortDirs);
        return new ServerQuery(project, filters, includeDeleted, sortKeys, sortDirs,
                req.queryParam("marker").orElse(null), limit);
    }

    private static boolean allTenants(Map<String, String> opts) {
        String v = opts.get("all_tenants");
        if (v == null) {
            return false;
        }
        if (v.isEmpty()) {
            return true;
        }
        Boolean b = Requests.boolWord(v);
        if (b == null) {
            throw ServiceException.badRequest("Invalid input received: Unrecognized value '" + v + "', acceptable "
                    + "values are: '0', '1', 'f', 'false', 'n', 'no', 'off', 'on', 't', 'true', 'y', 'yes'");
        }
        return b;
    }

    /** Validates sort keys (the ignored ones are dropped before 2.75) and directions; host/node are admin-only. */
    private static void sort(ApiRequest req, boolean admin, List<String> keys, List<String> dirs) {
        boolean v273 = req.atLeast("2.73");
        boolean v275 = req.atLeast("2.75");
        for (int i = 0; i < keys.size(); i++) {
            String k = keys.get(i);
            boolean ignored = IGNORED_SORT_KEYS.contains(k) && !(v273 && k.equals("locked"));
            boolean valid = SORT_KEYS.contains(k) || (v273 && k.equals("locked")) || (!v275 && ignored);
            if (!valid) {
                List<String> allowed = new ArrayList<>(new TreeSet<>(SORT_KEYS));
                throw ServiceException.badRequest("Invalid input for query parameters sort_key. Value: " + k + ". '"
                        + k + "' is not one of " + allowed);
            }
            if (ignored) {
                if (dirs.size() > i) {
                    dirs.remove(i);
                }
                keys.remove(i--);
            } else if ((k.equals("host") || k.equals("node")) && !admin) {
                throw ServiceException.forbidden("Only administrators can sort servers by " + k);
            }
        }
        for (String d : dirs) {
            if (!d.equals("asc") && !d.equals("desc")) {
                throw ServiceException.badRequest("Unknown sort direction, must be 'desc' or 'asc'");
            }
        }
    }

    /** An ISO 8601 date-time query parameter as epoch milliseconds (naive times are UTC, as oslo's). */
    static Long time(String value, String name) {
        if (value == null) {
            return null;
        }
        String v = value.strip();
        try {
            if (v.matches(".*(Z|[+-]\\d\\d:?\\d\\d)$")) {
                return OffsetDateTime.parse(v.replaceAll("([+-]\\d\\d)(\\d\\d)$", "$1:$2")).toInstant().toEpochMilli();
            }
            return java.time.LocalDateTime.parse(v).toInstant(java.time.ZoneOffset.UTC).toEpochMilli();
        } catch (DateTimeParseException e) {
            throw ServiceException.badRequest("Invalid input for query parameters " + name + ". Value: " + value
                    + ". '" + value + "' is not a 'date-time'");
        }
    }
}
