package org.apiary.compute.domain;

import java.util.List;
import java.util.Map;

/**
 * A server listing: the caller's scope plus filters, sorting and paging (GET /servers).
 *
 * @param projectId     only this project's servers, or null for all (admin all_tenants)
 * @param filters       filter name → value as the API accepted it. Exact: uuid, user_id, project_id, host,
 *                      image, flavor, vm_state, task_state, power_state, progress, config_drive and locked
 *                      ("true"/"false"). Regular expressions (found anywhere): name, description, key_name,
 *                      availability_zone, node, hostname, reservation_id, access_ip_v4, access_ip_v6. ip / ip6
 *                      (matched from the start of a fixed address). status: comma-separated API statuses.
 *                      changes-since / changes-before: epoch milliseconds. tags, tags-any, not-tags,
 *                      not-tags-any: comma-separated tags. Any other name is a programming error.
 * @param includeDeleted whether deleted servers are listed (admin deleted=true, changes-since)
 * @param sortKeys      with {@code sortDirs} of the same length; empty: created_at desc, id desc
 * @param marker        uuid of the last server of the previous page, or null
 * @param limit         at most this many
 */
public record ServerQuery(String projectId, Map<String, String> filters, boolean includeDeleted,
                          List<String> sortKeys, List<String> sortDirs, String marker, int limit) {
    public ServerQuery {
        filters = Map.copyOf(filters);
        sortKeys = List.copyOf(sortKeys);
        sortDirs = List.copyOf(sortDirs);
    }
}
