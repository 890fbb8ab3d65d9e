package org.apiary.compute.api;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.apiary.common.error.ServiceException;
import org.apiary.compute.domain.HostService;
import org.apiary.compute.domain.Migration;
import org.apiary.compute.domain.MigrationListing;
import org.apiary.http.ApiRequest;
import org.apiary.http.ApiResponse;

/**
 * /os-migrations (migrations.py): migration_type and links from 2.23; from 2.59 uuid, paging
 * (limit/marker, newest first) and changes-since, with unknown parameters refused; changes-before
 * from 2.66; user_id/project_id shown and filterable from 2.80.
 */
public final class MigrationsResource {
    private static final String POLICY = "os_compute_api:os-migrations:index";
    private static final Set<String> FILTERS = Set.of("hidden", "host", "instance_uuid", "source_compute", "status",
            "migration_type");
    private static final Set<String> LIVE_IN_PROGRESS = Set.of("queued", "preparing", "running", "post-migrating");

    private final MigrationListing listing;
    private final HostService hosts;
    private final Function<String, Long> flavorInternalId;
    private final Authz authz;
    private final int maxLimit;

    /** @param flavorInternalId a flavor id's internal integer id (Nova's instance_type_id), null when gone */
    public MigrationsResource(MigrationListing listing, HostService hosts, Function<String, Long> flavorInternalId,
                              Authz authz, int maxLimit) {
        this.listing = listing;
        this.hosts = hosts;
        this.flavorInternalId = flavorInternalId;
        this.authz = authz;
        this.maxLimit = maxLimit;
    }

    public void register(NovaRoutes routes) {
        routes.add("GET", "/os-migrations", this::list);
    }

    private ApiResponse list(ApiRequest req) {
        boolean v259 = req.atLeast("2.59");
        boolean v266 = req.atLeast("2.66");
        boolean v280 = req.atLeast("2.80");
        if (v259) {
            Set<String> allowed = new java.util.HashSet<>(FILTERS);
            allowed.addAll(List.of("limit", "marker", "changes-since"));
            if (v266) {
                allowed.add("changes-before");
            }
            if (v280) {
                allowed.addAll(List.of("user_id", "project_id"));
            }
            for (String k : req.query().keySet()) {
                if (!allowed.contains(k)) {
                    throw ServiceException.badRequest("Invalid input for query parameters " + k + ". Value: "
                            + req.query().get(k).get(0) + ". Additional properties are not allowed ('" + k
                            + "' was unexpected)");
                }
            }
        }
        authz.enforce(req, POLICY);
        Long since = v259 ? time(req, "changes-since") : null;
        Long before = v266 ? time(req, "changes-before") : null;
        if (since != null && before != null && before < since) {
            throw ServiceException.badRequest("The value of changes-since must be less than or equal to "
                    + "changes-before.");
        }
        if (req.queryParam("hidden").map(Requests::boolWord).orElse(false)) {
            // Apiary hides no migration (Nova hides the internal ones of cross-cell resizes).
            return ApiResponse.ok(Map.of("migrations", List.of()));
        }
        String status = param(req, "status");
        MigrationListing.Query q = new MigrationListing.Query(status == null ? null : List.of(status),
                param(req, "host"), param(req, "source_compute"), param(req, "instance_uuid"),
                param(req, "migration_type"), v280 ? param(req, "user_id") : null,
                v280 ? param(req, "project_id") : null, since, before, v259 ? param(req, "marker") : null,
                v259 ? Requests.limit(req, maxLimit) : null);
        List<Map<String, Object>> out = new ArrayList<>();
        for (Migration m : listing.list(q)) {
            out.add(view(req, m));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("migrations", out);
        if (v259 && !out.isEmpty()) {
            List<Map<String, String>> next = Links.next(req, "os-migrations", out.size(),
                    (String) out.get(out.size() - 1).get("uuid"), maxLimit);
            if (!next.isEmpty()) {
                body.put("migrations_links", next);
            }
        }
        return ApiResponse.ok(body);
    }

    private Map<String, Object> view(ApiRequest req, Migration m) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("created_at", ServicesResource.time(m.createdAt()));
        v.put("dest_compute", m.destCompute());
        v.put("dest_host", m.destCompute() == null ? null : hosts.hostIp(m.destCompute()).orElse(null));
        v.put("dest_node", m.destNode());
        v.put("id", m.id());
        v.put("instance_uuid", m.instanceUuid());
        v.put("new_instance_type_id", m.newFlavorId() == null ? null : flavorInternalId.apply(m.newFlavorId()));
        v.put("old_instance_type_id", m.oldFlavorId() == null ? null : flavorInternalId.apply(m.oldFlavorId()));
        v.put("source_compute", m.sourceCompute());
        v.put("source_node", m.sourceNode());
        v.put("status", m.status());
        v.put("updated_at", ServicesResource.time(m.updatedAt()));
        if (req.atLeast("2.23")) {
            v.put("migration_type", m.migrationType());
            if ("live-migration".equals(m.migrationType()) && LIVE_IN_PROGRESS.contains(m.status())) {
                v.put("links", Links.of(req, "servers/" + m.instanceUuid() + "/migrations", String.valueOf(m.id())));
            }
        }
        if (req.atLeast("2.59")) {
            v.put("uuid", m.uuid());
        }
        if (req.atLeast("2.80")) {
            v.put("user_id", m.userId());
            v.put("project_id", m.projectId());
        }
        return v;
    }

    private static String param(ApiRequest req, String name) {
        return req.queryParam(name).orElse(null);
    }

    /** An ISO 8601 date-time query parameter in epoch milliseconds; without an offset it is UTC. */
    private static Long time(ApiRequest req, String name) {
        String v = req.queryParam(name).orElse(null);
        if (v == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(v).toInstant().toEpochMilli();
        } catch (DateTimeParseException e) {
            try {
                return LocalDateTime.parse(v).toInstant(ZoneOffset.UTC).toEpochMilli();
            } catch (DateTimeParseException e2) {
                throw ServiceException.badRequest("Invalid input for query parameters " + name + ". Value: " + v
                        + ". '" + v + "' is not a 'date-time'");
            }
        }
    }
}
