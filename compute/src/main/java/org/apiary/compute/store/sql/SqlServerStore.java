package org.apiary.compute.store.sql;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apiary.compute.domain.ActionRecord;
import org.apiary.compute.domain.FlavorSnapshot;
import org.apiary.compute.domain.Server;
import org.apiary.compute.domain.ServerChange;
import org.apiary.compute.domain.ServerChange.Field;
import org.apiary.compute.domain.ServerQuery;
import org.apiary.compute.domain.TaskExpectation;
import org.apiary.compute.domain.VmStates;
import org.apiary.compute.store.ServerStore;
import org.apiary.store.Database;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Update;

public final class SqlServerStore implements ServerStore {
    /** The column each field of a {@link ServerChange} writes. */
    private static final Map<Field, String> COLUMNS = new EnumMap<>(Map.ofEntries(
            Map.entry(Field.NAME, "display_name"), Map.entry(Field.HOSTNAME, "hostname"),
            Map.entry(Field.DESCRIPTION, "description"), Map.entry(Field.IMAGE_REF, "image_ref"),
            Map.entry(Field.FLAVOR, "flavor"), Map.entry(Field.OLD_FLAVOR, "old_flavor"),
            Map.entry(Field.NEW_FLAVOR, "new_flavor"), Map.entry(Field.HOST, "host"), Map.entry(Field.NODE, "node"),
            Map.entry(Field.VM_STATE, "vm_state"), Map.entry(Field.TASK_STATE, "task_state"),
            Map.entry(Field.POWER_STATE, "power_state"), Map.entry(Field.ACCESS_IP_V4, "access_ip_v4"),
            Map.entry(Field.ACCESS_IP_V6, "access_ip_v6"), Map.entry(Field.LOCKED_BY, "locked_by"),
            Map.entry(Field.LOCKED_REASON, "locked_reason"), Map.entry(Field.REQUEST_SPEC, "request_spec"),
            Map.entry(Field.NETWORK_INFO, "network_info"), Map.entry(Field.PROGRESS, "progress"),
            Map.entry(Field.LAUNCHED_AT, "launched_at"), Map.entry(Field.TERMINATED_AT, "terminated_at"),
            Map.entry(Field.DELETED_AT, "deleted_at"), Map.entry(Field.AVAILABILITY_ZONE, "availability_zone"),
            Map.entry(Field.KEY_NAME, "key_name"), Map.entry(Field.KEY_DATA, "key_data"),
            Map.entry(Field.USER_DATA, "user_data")));

    private final Tx tx;

    public SqlServerStore(Database db) {
        this.tx = new Tx(db);
    }

    @Override
    public Optional<String> create(List<Server> servers, String groupUuid, Map<String, Integer> limits,
                                   ActionRecord.Start action) {
        // JSON is written before the transaction: the writer lock is held only for SQL.
        List<Json> json = servers.stream().map(Json::of).toList();
        return tx.write(h -> {
            String projectId = servers.get(0).projectId();
            Usage used = usage(h, projectId, null);
            long cores = servers.stream().mapToLong(s -> s.flavor().vcpus()).sum();
            long ram = servers.stream().mapToLong(s -> s.flavor().memoryMb()).sum();
            // Nova's check order (instances, then cores, then ram); -1 or no limit is unlimited.
            if (over(limits.get("instances"), used.instances(), servers.size())) {
                return Optional.of("instances");
            }
            if (over(limits.get("cores"), used.cores(), cores)) {
                return Optional.of("cores");
            }
            if (over(limits.get("ram"), used.ramMb(), ram)) {
                return Optional.of("ram");
            }
            for (int i = 0; i < servers.size(); i++) {
                Server s = servers.get(i);
                insert(h, s, json.get(i));
                if (groupUuid != null) {
                    h.createUpdate("INSERT INTO compute_server_group_member (group_uuid, instance_uuid) VALUES (:g, :u)")
                            .bind("g", groupUuid).bind("u", s.uuid()).execute();
                }
                if (action != null) {
                    SqlActionStore.write(h, s.uuid(), action);
                }
            }
            return Optional.empty();
        });
    }

    private static boolean over(Integer limit, long used, long requested) {
        return limit != null && limit >= 0 && used + requested > limit;
    }

    /** A new server's JSON columns. */
    private record Json(String flavor, String oldFlavor, String newFlavor, String requestSpec, String networkInfo) {
        static Json of(Server s) {
            return new Json(JsonColumns.write(s.flavor()), JsonColumns.write(s.oldFlavor()),
                    JsonColumns.write(s.newFlavor()), JsonColumns.write(s.requestSpec()),
                    JsonColumns.write(s.networkInfo()));
        }
    }

    private static void insert(Handle h, Server s, Json json) {
        long id = Tx.nextId(h, "instance");
        h.createUpdate("INSERT INTO compute_instance (id, uuid, project_id, user_id, display_name, hostname, "
                        + "description, image_ref, flavor, old_flavor, new_flavor, key_name, key_data, user_data, "
                        + "config_drive, availability_zone, host, node, vm_state, task_state, power_state, "
                        + "reservation_id, launch_index, access_ip_v4, access_ip_v6, locked_by, locked_reason, "
                        + "request_spec, network_info, progress, created_at, updated_at, launched_at, terminated_at, "
                        + "deleted_at, generation, usage_vcpus, usage_memory_mb) VALUES (:id, :uuid, :project, :user, :name, :hostname, :description, "
                        + ":image, :flavor, :oldFlavor, :newFlavor, :keyName, :keyData, :userData, :configDrive, :az, "
                        + ":host, :node, :vmState, :taskState, :powerState, :reservation, :launchIndex, :ip4, :ip6, "
                        + ":lockedBy, :lockedReason, :spec, :nw, :progress, :created, :updated, :launched, :terminated, "
                        + ":deleted, :generation, :usageVcpus, :usageRam)")
                .bind("id", id).bind("uuid", s.uuid()).bind("project", s.projectId()).bind("user", s.userId())
                .bind("name", s.name()).bind("hostname", s.hostname()).bind("description", s.description())
                .bind("image", s.imageRef()).bind("flavor", json.flavor())
                .bind("oldFlavor", json.oldFlavor()).bind("newFlavor", json.newFlavor())
                .bind("keyName", s.keyName()).bind("keyData", s.keyData()).bind("userData", s.userData())
                .bind("configDrive", s.configDrive() ? 1 : 0).bind("az", s.availabilityZone()).bind("host", s.host())
                .bind("node", s.node()).bind("vmState", s.vmState()).bind("taskState", s.taskState())
                .bind("powerState", s.powerState()).bind("reservation", s.reservationId())
                .bind("launchIndex", s.launchIndex()).bind("ip4", s.accessIpV4()).bind("ip6", s.accessIpV6())
                .bind("lockedBy", s.lockedBy()).bind("lockedReason", s.lockedReason())
                .bind("spec", json.requestSpec()).bind("nw", json.networkInfo())
                .bind("progress", s.progress()).bind("created", s.createdAt()).bind("updated", s.updatedAt())
                .bind("launched", s.launchedAt()).bind("terminated", s.terminatedAt()).bind("deleted", s.deletedAt())
                .bind("generation", s.generation()).bind("usageVcpus", usageVcpus(s)).bind("usageRam", usageRam(s))
                .execute();
        for (Map.Entry<String, String> e : s.metadata().entrySet()) { // a new server has none to replace
            h.createUpdate("INSERT INTO compute_instance_metadata (instance_uuid, meta_key, meta_value) "
                    + "VALUES (:u, :k, :v)").bind("u", s.uuid()).bind("k", e.getKey()).bind("v", e.getValue()).execute();
        }
        for (String tag : new LinkedHashSet<>(s.tags())) {
            h.createUpdate("INSERT INTO compute_instance_tag (instance_uuid, tag) VALUES (:u, :t)")
                    .bind("u", s.uuid()).bind("t", tag).execute();
        }
    }

    @Override
    public Optional<Server> find(String uuid) {
        return tx.read(h -> load(h, uuid));
    }

    static Optional<ServerRows.Row> findRow(Handle h, String uuid) {
        return h.createQuery("SELECT * FROM compute_instance WHERE uuid = :u").bind("u", uuid)
                .map((rs, ctx) -> ServerRows.row(rs)).findOne();
    }

    private static Optional<Server> load(Handle h, String uuid) {
        return findRow(h, uuid).map(r -> ServerRows.withDetails(h, List.of(r.server())).get(0));
    }

    @Override
    public List<Server> list(ServerQuery query) {
        return tx.read(h -> ServerRows.withDetails(h, new ServerListing(query).run(h)));
    }

    @Override
    public Optional<Server> update(String uuid, TaskExpectation expect, ServerChange change) {
        Cas cas = Cas.of(uuid, expect, change);
        return tx.write(h -> cas.run(h) ? load(h, uuid) : Optional.empty());
    }

    @Override
    public boolean apply(String uuid, TaskExpectation expect, ServerChange change, ActionRecord with) {
        Cas cas = Cas.of(uuid, expect, change);
        return tx.write(h -> {
            if (!cas.run(h)) {
                return false;
            }
            if (with != null) {
                SqlActionStore.write(h, uuid, with);
            }
            return true;
        });
    }

    /**
     * A compare-and-set on a server row, built (SQL text, JSON columns) before the transaction so
     * that the writer lock is held only for the statements.
     */
    private record Cas(String uuid, String sql, List<Object> values, List<String> taskStates, List<String> vmStates,
                       boolean deletes, boolean resizes) {
        static Cas of(String uuid, TaskExpectation expect, ServerChange change) {
            Map<Field, Object> fields = change.values();
            List<Object> values = new ArrayList<>();
            fields.forEach((f, v) -> values.add(column(f, v)));
            List<String> named = expect.anyTask() ? List.of()
                    : expect.taskStates().stream().filter(t -> t != null).toList();
            return new Cas(uuid, changeSql(expect, fields.keySet()), values, named, expect.vmStates(),
                    fields.get(Field.DELETED_AT) != null,
                    fields.containsKey(Field.FLAVOR) || fields.containsKey(Field.NEW_FLAVOR));
        }

        /** The write itself, with what goes with it; false when the server is gone or the expectation failed. */
        boolean run(Handle h) {
            Update u = h.createUpdate(sql).bind("now", System.currentTimeMillis()).bind("uuid", uuid);
            for (int i = 0; i < values.size(); i++) {
                u.bind("v" + i, values.get(i));
            }
            for (int k = 0; k < taskStates.size(); k++) {
                u.bind("t" + k, taskStates.get(k));
            }
            for (int k = 0; k < vmStates.size(); k++) {
                u.bind("vm" + k, vmStates.get(k));
            }
            if (u.execute() == 0) {
                return false;
            }
            if (deletes) { // its console tokens go with it (Nova does the same)
                h.createUpdate("DELETE FROM compute_console_auth_token WHERE instance_uuid = :u").bind("u", uuid)
                        .execute();
            }
            if (resizes) {
                Server after = findRow(h, uuid).orElseThrow().server();
                h.createUpdate("UPDATE compute_instance SET usage_vcpus = :c, usage_memory_mb = :r WHERE uuid = :u")
                        .bind("c", usageVcpus(after)).bind("r", usageRam(after)).bind("u", uuid).execute();
            }
            return true;
        }
    }

    /** UPDATE … SET the changed columns WHERE the server is live and its task_state (and vm_state) are as expected. */
    private static String changeSql(TaskExpectation expect, Collection<Field> fields) {
        StringBuilder sql = new StringBuilder("UPDATE compute_instance SET ");
        int i = 0;
        for (Field f : fields) {
            sql.append(COLUMNS.get(f)).append(" = :v").append(i++).append(", ");
        }
        sql.append("updated_at = :now, generation = generation + 1 WHERE uuid = :uuid AND deleted_at IS NULL");
        if (!expect.anyTask()) {
            List<String> alternatives = new ArrayList<>();
            int k = 0;
            for (String state : expect.taskStates()) {
                alternatives.add(state == null ? "task_state IS NULL" : "task_state = :t" + k++);
            }
            sql.append(" AND (").append(alternatives.isEmpty() ? "1 = 0" : String.join(" OR ", alternatives))
                    .append(')');
        }
        for (int k = 0; k < expect.vmStates().size(); k++) {
            sql.append(k == 0 ? " AND vm_state IN (" : ", ").append(":vm").append(k);
        }
        if (!expect.vmStates().isEmpty()) {
            sql.append(')');
        }
        return sql.toString();
    }

    /** The value a field is stored as: structured ones as JSON, everything else as is. */
    private static Object column(Field f, Object value) {
        return switch (f) {
            case FLAVOR, OLD_FLAVOR, NEW_FLAVOR, REQUEST_SPEC, NETWORK_INFO -> JsonColumns.write(value);
            default -> value;
        };
    }

    @Override
    public Usage usage(String projectId, String userId) {
        return tx.read(h -> usage(h, projectId, userId));
    }

    /** What a server counts against cores: mid-resize the larger flavor, as it holds both until confirmed. */
    static int usageVcpus(Server s) {
        return s.newFlavor() == null ? s.flavor().vcpus() : Math.max(s.flavor().vcpus(), s.newFlavor().vcpus());
    }

    static int usageRam(Server s) {
        return s.newFlavor() == null ? s.flavor().memoryMb()
                : Math.max(s.flavor().memoryMb(), s.newFlavor().memoryMb());
    }

    /**
     * One SUM over the usage columns; rows from before they existed (NULL) are summed from their
     * JSON flavors. A server mid-resize counts the larger of its two flavors.
     */
    private static Usage usage(Handle h, String projectId, String userId) {
        String where = " FROM compute_instance WHERE project_id = :p AND deleted_at IS NULL"
                + (userId != null ? " AND user_id = :u" : "");
        var sum = h.createQuery("SELECT COUNT(*), COALESCE(SUM(usage_vcpus), 0), COALESCE(SUM(usage_memory_mb), 0)"
                + where + " AND usage_vcpus IS NOT NULL").bind("p", projectId);
        var old = h.createQuery("SELECT flavor, new_flavor" + where + " AND usage_vcpus IS NULL").bind("p", projectId);
        if (userId != null) {
            sum.bind("u", userId);
            old.bind("u", userId);
        }
        long[] sums = sum.map((rs, ctx) -> new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)}).one();
        old.map((rs, ctx) -> {
            FlavorSnapshot f = JsonColumns.read(rs.getString(1), FlavorSnapshot.class);
            FlavorSnapshot n = JsonColumns.read(rs.getString(2), FlavorSnapshot.class);
            sums[0]++;
            sums[1] += n == null ? f.vcpus() : Math.max(f.vcpus(), n.vcpus());
            sums[2] += n == null ? f.memoryMb() : Math.max(f.memoryMb(), n.memoryMb());
            return 0;
        }).list();
        return new Usage((int) sums[0], sums[1], sums[2]);
    }

    @Override
    public List<Server> unsettled() {
        return tx.read(h -> ServerRows.withDetails(h, h.createQuery("SELECT * FROM compute_instance "
                + "WHERE deleted_at IS NULL AND (task_state IS NOT NULL OR vm_state = :building) ORDER BY id")
                .bind("building", VmStates.BUILDING).map((rs, ctx) -> ServerRows.row(rs).server()).list()));
    }

    @Override
    public List<Server> onHost(String host) {
        return tx.read(h -> ServerRows.withDetails(h, h.createQuery("SELECT * FROM compute_instance "
                + "WHERE deleted_at IS NULL AND host = :h ORDER BY id").bind("h", host)
                .map((rs, ctx) -> ServerRows.row(rs).server()).list()));
    }

    @Override
    public boolean putMetadata(String uuid, Map<String, String> metadata, boolean replace) {
        return tx.write(h -> {
            if (!touch(h, uuid)) {
                return false;
            }
            if (replace) {
                h.createUpdate("DELETE FROM compute_instance_metadata WHERE instance_uuid = :u").bind("u", uuid)
                        .execute();
            }
            putMetadata(h, uuid, metadata);
            return true;
        });
    }

    private static void putMetadata(Handle h, String uuid, Map<String, String> metadata) {
        for (Map.Entry<String, String> e : metadata.entrySet()) {
            h.createUpdate("DELETE FROM compute_instance_metadata WHERE instance_uuid = :u AND meta_key = :k")
                    .bind("u", uuid).bind("k", e.getKey()).execute();
            h.createUpdate("INSERT INTO compute_instance_metadata (instance_uuid, meta_key, meta_value) "
                    + "VALUES (:u, :k, :v)").bind("u", uuid).bind("k", e.getKey()).bind("v", e.getValue()).execute();
        }
    }

    /** Marks a live server changed (metadata and tags are part of it); false when it is gone. */
    private static boolean touch(Handle h, String uuid) {
        return h.createUpdate("UPDATE compute_instance SET updated_at = :now, generation = generation + 1 "
                + "WHERE uuid = :u AND deleted_at IS NULL").bind("now", System.currentTimeMillis()).bind("u", uuid)
                .execute() > 0;
    }

    private static boolean live(Handle h, String uuid) {
        return h.createQuery("SELECT COUNT(*) FROM compute_instance WHERE uuid = :u AND deleted_at IS NULL")
                .bind("u", uuid).mapTo(Integer.class).one() > 0;
    }

    @Override
    public boolean deleteMetadata(String uuid, String key) {
        return tx.write(h -> live(h, uuid) && h.createUpdate("DELETE FROM compute_instance_metadata "
                + "WHERE instance_uuid = :u AND meta_key = :k").bind("u", uuid).bind("k", key).execute() > 0
                && touch(h, uuid));
    }

    @Override
    public boolean putTags(String uuid, Collection<String> tags, boolean replace) {
        return tx.write(h -> {
            if (!touch(h, uuid)) {
                return false;
            }
            if (replace) {
                h.createUpdate("DELETE FROM compute_instance_tag WHERE instance_uuid = :u").bind("u", uuid).execute();
            }
            for (String tag : new LinkedHashSet<>(tags)) {
                if (h.createQuery("SELECT COUNT(*) FROM compute_instance_tag WHERE instance_uuid = :u AND tag = :t")
                        .bind("u", uuid).bind("t", tag).mapTo(Integer.class).one() == 0) {
                    h.createUpdate("INSERT INTO compute_instance_tag (instance_uuid, tag) VALUES (:u, :t)")
                            .bind("u", uuid).bind("t", tag).execute();
                }
            }
            return true;
        });
    }

    @Override
    public boolean deleteTag(String uuid, String tag) {
        return tx.write(h -> live(h, uuid) && h.createUpdate("DELETE FROM compute_instance_tag "
                + "WHERE instance_uuid = :u AND tag = :t").bind("u", uuid).bind("t", tag).execute() > 0
                && touch(h, uuid));
    }

    @Override
    public List<String> groupMembers(String groupUuid) {
        return tx.read(h -> h.createQuery("SELECT m.instance_uuid FROM compute_server_group_member m "
                + "JOIN compute_instance i ON i.uuid = m.instance_uuid WHERE m.group_uuid = :g "
                + "AND i.deleted_at IS NULL ORDER BY i.id").bind("g", groupUuid).mapTo(String.class).list());
    }

    @Override
    public Optional<String> groupOf(String uuid) {
        return tx.read(h -> h.createQuery("SELECT group_uuid FROM compute_server_group_member WHERE instance_uuid = :u")
                .bind("u", uuid).mapTo(String.class).findFirst());
    }
}
