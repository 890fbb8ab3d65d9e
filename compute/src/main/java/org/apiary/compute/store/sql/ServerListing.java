package org.apiary.compute.store.sql;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.apiary.compute.domain.Faults;
import org.apiary.compute.domain.Server;
import org.apiary.compute.domain.ServerQuery;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;

/**
 * One GET /servers query. Exact filters, tags and times narrow the rows in SQL; regular
 * expressions, status and IP filters (Nova also runs those in Python or per engine) and the
 * sort run here, so the order and NULL placement are the same on every engine (NULLs first
 * ascending, as MySQL under Nova). The marker is a position in that order, found from the
 * marker server's own values, so it works even when the marker itself is filtered out.
 */
final class ServerListing {
    /** Sort keys (Nova's valid ones) → the value compared; keys Apiary has no data for sort as equal. */
    private static final Map<String, Function<ServerRows.Row, Comparable<?>>> SORT = Map.ofEntries(
            Map.entry("access_ip_v4", r -> r.server().accessIpV4()),
            Map.entry("access_ip_v6", r -> r.server().accessIpV6()),
            Map.entry("auto_disk_config", r -> null),
            Map.entry("availability_zone", r -> r.server().availabilityZone()),
            Map.entry("config_drive", r -> r.server().configDrive()),
            Map.entry("created_at", r -> r.server().createdAt()),
            Map.entry("display_description", r -> r.server().description()),
            Map.entry("display_name", r -> r.server().name()),
            Map.entry("host", r -> r.server().host()),
            Map.entry("hostname", r -> r.server().hostname()),
            Map.entry("id", ServerRows.Row::id),
            Map.entry("image_ref", r -> r.server().imageRef()),
            Map.entry("instance_type_id", r -> r.server().flavor().flavorId()),
            Map.entry("kernel_id", r -> null),
            Map.entry("key_name", r -> r.server().keyName()),
            Map.entry("launch_index", r -> r.server().launchIndex()),
            Map.entry("launched_at", r -> r.server().launchedAt()),
            Map.entry("locked", r -> r.server().locked()),
            Map.entry("locked_by", r -> r.server().lockedBy()),
            Map.entry("node", r -> r.server().node()),
            Map.entry("power_state", r -> r.server().powerState()),
            Map.entry("progress", r -> r.server().progress()),
            Map.entry("project_id", r -> r.server().projectId()),
            Map.entry("ramdisk_id", r -> null),
            Map.entry("root_device_name", r -> null),
            Map.entry("task_state", r -> r.server().taskState()),
            Map.entry("terminated_at", r -> r.server().terminatedAt()),
            Map.entry("updated_at", r -> r.server().updatedAt()),
            Map.entry("user_id", r -> r.server().userId()),
            Map.entry("uuid", r -> r.server().uuid()),
            Map.entry("vm_state", r -> r.server().vmState()));

    /** Filters matched as regular expressions anywhere in the value (Nova's REGEXP filters). */
    private static final Map<String, Function<Server, String>> REGEX = Map.of(
            "name", Server::name, "description", Server::description, "key_name", Server::keyName,
            "availability_zone", Server::availabilityZone, "node", Server::node, "hostname", Server::hostname,
            "reservation_id", Server::reservationId, "access_ip_v4", Server::accessIpV4,
            "access_ip_v6", Server::accessIpV6);

    private static final Set<String> SQL_FILTERS = Set.of("uuid", "user_id", "project_id", "host", "image",
            "vm_state", "task_state", "locked", "changes-since", "changes-before", "tags", "tags-any", "not-tags",
            "not-tags-any");
    private static final Set<String> JAVA_FILTERS = Set.of("status", "flavor", "ip", "ip6", "power_state",
            "progress", "config_drive");

    private final ServerQuery q;

    ServerListing(ServerQuery q) {
        for (String f : q.filters().keySet()) {
            if (!SQL_FILTERS.contains(f) && !JAVA_FILTERS.contains(f) && !REGEX.containsKey(f)) {
                throw new IllegalArgumentException("unknown server filter " + f);
            }
        }
        this.q = q;
    }

    List<Server> run(Handle h) {
        Comparator<ServerRows.Row> order = order();
        ServerRows.Row marker = null;
        if (q.marker() != null) {
            marker = SqlServerStore.findRow(h, q.marker()).orElseThrow(() -> Faults.markerNotFound(q.marker()));
        }
        Predicate<Server> matches = javaFilters();
        List<ServerRows.Row> rows = new ArrayList<>();
        for (ServerRows.Row r : select(h)) {
            if (matches.test(r.server()) && (marker == null || order.compare(r, marker) > 0)) {
                rows.add(r);
            }
        }
        rows.sort(order);
        return rows.stream().limit(Math.max(0, q.limit())).map(ServerRows.Row::server).toList();
    }

    private List<ServerRows.Row> select(Handle h) {
        StringBuilder sql = new StringBuilder("SELECT * FROM compute_instance i WHERE 1 = 1");
        List<Runnable> binds = new ArrayList<>();
        Query[] query = new Query[1];
        Map<String, String> f = q.filters();
        if (q.projectId() != null) {
            sql.append(" AND i.project_id = :project");
            binds.add(() -> query[0].bind("project", q.projectId()));
        }
        if (!q.includeDeleted()) {
            sql.append(" AND i.deleted_at IS NULL");
        }
        exact(sql, binds, query, "uuid", "i.uuid");
        exact(sql, binds, query, "user_id", "i.user_id");
        exact(sql, binds, query, "project_id", "i.project_id");
        exact(sql, binds, query, "host", "i.host");
        exact(sql, binds, query, "image", "i.image_ref");
        exact(sql, binds, query, "vm_state", "i.vm_state");
        exact(sql, binds, query, "task_state", "i.task_state");
        if (f.containsKey("locked")) {
            sql.append(Boolean.parseBoolean(f.get("locked")) ? " AND i.locked_by IS NOT NULL" : " AND i.locked_by IS NULL");
        }
        // changes-since/-before compare the last change; a server never updated last changed when created.
        if (f.containsKey("changes-since")) {
            sql.append(" AND COALESCE(i.updated_at, i.created_at) >= :since");
            binds.add(() -> query[0].bind("since", Long.parseLong(f.get("changes-since"))));
        }
        if (f.containsKey("changes-before")) {
            sql.append(" AND COALESCE(i.updated_at, i.created_at) <= :before");
            binds.add(() -> query[0].bind("before", Long.parseLong(f.get("changes-before"))));
        }
        String hasTag = "EXISTS (SELECT 1 FROM compute_instance_tag t WHERE t.instance_uuid = i.uuid AND t.tag ";
        if (f.containsKey("tags")) {
            List<String> all = tags("tags");
            List<String> parts = new ArrayList<>();
            for (int k = 0; k < all.size(); k++) {
                parts.add(hasTag + "= :tag" + k + ")");
                int n = k;
                binds.add(() -> query[0].bind("tag" + n, all.get(n)));
            }
            sql.append(" AND ").append(String.join(" AND ", parts));
        }
        if (f.containsKey("tags-any")) {
            sql.append(" AND ").append(hasTag).append("IN (<tagsAny>))");
            binds.add(() -> query[0].bindList("tagsAny", tags("tags-any")));
        }
        if (f.containsKey("not-tags")) {
            List<String> all = tags("not-tags");
            List<String> parts = new ArrayList<>();
            for (int k = 0; k < all.size(); k++) {
                parts.add(hasTag + "= :notTag" + k + ")");
                int n = k;
                binds.add(() -> query[0].bind("notTag" + n, all.get(n)));
            }
            sql.append(" AND NOT (").append(String.join(" AND ", parts)).append(')');
        }
        if (f.containsKey("not-tags-any")) {
            sql.append(" AND NOT ").append(hasTag).append("IN (<notTagsAny>))");
            binds.add(() -> query[0].bindList("notTagsAny", tags("not-tags-any")));
        }
        query[0] = h.createQuery(sql.toString());
        binds.forEach(Runnable::run);
        return query[0].map((rs, ctx) -> ServerRows.row(rs)).list();
    }

    private void exact(StringBuilder sql, List<Runnable> binds, Query[] query, String filter, String column) {
        String v = q.filters().get(filter);
        if (v != null) {
            String name = "f_" + filter;
            sql.append(" AND ").append(column).append(" = :").append(name);
            binds.add(() -> query[0].bind(name, v));
        }
    }

    /** A comma-separated tag list; blanks are dropped, as Nova's split leaves nothing to match. */
    private List<String> tags(String filter) {
        List<String> out = Arrays.stream(q.filters().get(filter).split(",")).filter(s -> !s.isEmpty()).toList();
        return out.isEmpty() ? List.of("") : out;
    }

    private Predicate<Server> javaFilters() {
        Predicate<Server> p = s -> true;
        Map<String, String> f = q.filters();
        for (Map.Entry<String, Function<Server, String>> e : REGEX.entrySet()) {
            String v = f.get(e.getKey());
            if (v != null) {
                Pattern re = pattern(v);
                Function<Server, String> get = e.getValue();
                p = p.and(s -> get.apply(s) != null && re.matcher(get.apply(s)).find());
            }
        }
        if (f.containsKey("status")) {
            Set<String> statuses = Set.copyOf(Arrays.stream(f.get("status").split(","))
                    .map(s -> s.strip().toUpperCase(java.util.Locale.ROOT)).toList());
            p = p.and(s -> statuses.contains(s.deleted() ? "DELETED" : s.status()));
        }
        if (f.containsKey("flavor")) {
            String flavor = f.get("flavor");
            p = p.and(s -> s.flavor().flavorId().equals(flavor));
        }
        if (f.containsKey("power_state")) {
            String v = f.get("power_state");
            p = p.and(s -> String.valueOf(s.powerState()).equals(v));
        }
        if (f.containsKey("progress")) {
            String v = f.get("progress");
            p = p.and(s -> String.valueOf(s.progress()).equals(v));
        }
        if (f.containsKey("config_drive")) {
            boolean v = Boolean.parseBoolean(f.get("config_drive"));
            p = p.and(s -> s.configDrive() == v);
        }
        if (f.containsKey("ip") || f.containsKey("ip6")) {
            Pattern v4 = f.containsKey("ip") ? pattern(f.get("ip")) : null;
            Pattern v6 = f.containsKey("ip6") ? pattern(f.get("ip6")) : null;
            // Matched from the start of the address (Python's re.match), over every fixed IP of every port.
            p = p.and(s -> s.networkInfo().stream().flatMap(vif -> vif.ips().stream()).anyMatch(ip ->
                    (ip.version() == 4 && v4 != null && v4.matcher(ip.address()).lookingAt())
                            || (ip.version() == 6 && v6 != null && v6.matcher(ip.address()).lookingAt())));
        }
        return p;
    }

    /** A user's regular expression; one Java cannot compile is matched literally rather than failing. */
    private static Pattern pattern(String regex) {
        try {
            return Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            return Pattern.compile(Pattern.quote(regex));
        }
    }

    /**
     * Nova's process_sort_params: missing directions take the first one given (else desc), and
     * created_at then id are appended when absent, so the order is total.
     */
    private Comparator<ServerRows.Row> order() {
        List<String> keys = new ArrayList<>(q.sortKeys());
        List<String> dirs = new ArrayList<>(q.sortDirs());
        String fallback = dirs.isEmpty() ? "desc" : dirs.get(0);
        while (dirs.size() < keys.size()) {
            dirs.add(fallback);
        }
        for (String k : List.of("created_at", "id")) {
            if (!keys.contains(k)) {
                keys.add(k);
                dirs.add(fallback);
            }
        }
        Comparator<ServerRows.Row> c = null;
        for (int i = 0; i < keys.size(); i++) {
            Function<ServerRows.Row, Comparable<?>> get = SORT.get(keys.get(i));
            if (get == null) {
                throw new IllegalArgumentException("unknown server sort key " + keys.get(i));
            }
            Comparator<ServerRows.Row> one = (a, b) -> compare(get.apply(a), get.apply(b));
            if ("desc".equals(dirs.get(i))) {
                one = one.reversed();
            }
            c = c == null ? one : c.thenComparing(one);
        }
        return c;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int compare(Comparable a, Comparable b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : -1) : 1;
        }
        return a.compareTo(b);
    }
}
