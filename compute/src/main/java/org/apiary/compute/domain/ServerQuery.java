package org.apiary.compute.domain;

import java.util.List;
import java.util.Map;

/**
 * A server listing: the caller's scope plus filters, sorting and paging (GET /servers).
 *
 * @param projectId     only this project's servers, or null for all (admin all_tenants)
 * @param filters       filter name → value as the API accepted it (name, status, host, image, flavor, ...)
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
