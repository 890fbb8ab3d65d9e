package org.apiary.image.domain;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A parsed GET /v2/images request: Glance's filters, its sort keys and the page asked for.
 *
 * @param columnFilters name, id, status, container_format, disk_format, os_hash_algo: equality or "in"
 *     lists (a plain string column)
 * @param numberFilters size, virtual_size, min_disk, min_ram: equality
 * @param visibility a visibility, "all", or null (Glance's default view)
 * @param memberStatus which memberships make a shared image appear: pending, accepted, rejected or all
 * @param properties additional-property equality filters (any unknown query parameter)
 * @param marker id of the last image of the previous page, or null
 */
public record ImageQuery(Map<String, List<String>> columnFilters, Map<String, Long> numberFilters,
                         List<TimeFilter> timeFilters, String visibility,
                         String memberStatus, String owner, Boolean isProtected, boolean osHidden, Long sizeMin,
                         Long sizeMax, String checksum, String osHashValue, List<String> tags,
                         Map<String, String> properties, List<Sort> sort, int limit, String marker) {

    /** created_at / updated_at compared with an operator (eq, neq, gt, gte, lt, lte). */
    public record TimeFilter(String column, String op, Instant value) {}

    /** One sort key (a column name Glance allows) and its direction. */
    public record Sort(String key, boolean ascending) {}

    public static final List<String> SORT_KEYS = List.of("name", "status", "container_format", "disk_format", "size",
            "id", "created_at", "updated_at");
}
