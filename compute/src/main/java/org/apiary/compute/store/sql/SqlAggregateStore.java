package org.apiary.compute.store.sql;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apiary.compute.domain.Aggregate;
import org.apiary.compute.store.AggregateStore;
import org.apiary.store.Database;
import org.jdbi.v3.core.Handle;

/**
 * Aggregates in compute_aggregate, _host and _metadata. Name and host uniqueness are decided by the
 * unique keys: a violation leaves the transaction (so PostgreSQL never commits an aborted one) and
 * becomes the method's "taken" answer.
 */
public final class SqlAggregateStore implements AggregateStore {
    /** A unique key refused the write; thrown out of the transaction, caught outside it. */
    private static final class Taken extends RuntimeException {
        Taken() {
            super(null, null, false, false);
        }
    }

    private final Tx tx;

    public SqlAggregateStore(Database db) {
        this.tx = new Tx(db);
    }

    @Override
    public Optional<Aggregate> create(String uuid, String name, Map<String, String> metadata, long now) {
        try {
            return Optional.of(tx.write(h -> {
                long id = Tx.nextId(h, "aggregate");
                Tx.insertOrFail(() -> h.createUpdate("INSERT INTO compute_aggregate (id, uuid, name, created_at) "
                        + "VALUES (:id, :u, :n, :now)").bind("id", id).bind("u", uuid).bind("n", name)
                        .bind("now", now).execute(), Taken::new);
                metadata.forEach((k, v) -> putMetadata(h, id, k, v));
                return load(h, id).orElseThrow();
            }));
        } catch (Taken e) {
            return Optional.empty();
        }
    }

    @Override
    public Optional<Aggregate> find(long id) {
        return tx.read(h -> load(h, id));
    }

    @Override
    public List<Aggregate> list() {
        return tx.read(h -> {
            return assemble(h, h.createQuery("SELECT * FROM compute_aggregate ORDER BY id")
                    .map((rs, ctx) -> new Row(rs.getLong("id"), rs.getString("uuid"), rs.getString("name"),
                            rs.getLong("created_at"), nullableLong(rs.getLong("updated_at"), rs.wasNull()))).list());
        });
    }

    @Override
    public boolean rename(long id, String name, long now) {
        try {
            return tx.write(h -> {
                Tx.insertOrFail(() -> h.createUpdate("UPDATE compute_aggregate SET name = :n, updated_at = :now "
                        + "WHERE id = :id").bind("n", name).bind("now", now).bind("id", id).execute(), Taken::new);
                return true;
            });
        } catch (Taken e) {
            return false;
        }
    }

    @Override
    public void updateMetadata(long id, Map<String, String> set, Set<String> remove, long now) {
        tx.write(h -> {
            for (String k : remove) {
                h.createUpdate("DELETE FROM compute_aggregate_metadata WHERE aggregate_id = :id AND meta_key = :k")
                        .bind("id", id).bind("k", k).execute();
            }
            set.forEach((k, v) -> putMetadata(h, id, k, v));
            h.createUpdate("UPDATE compute_aggregate SET updated_at = :now WHERE id = :id").bind("now", now)
                    .bind("id", id).execute();
            return null;
        });
    }

    private static void putMetadata(Handle h, long id, String key, String value) {
        int updated = h.createUpdate("UPDATE compute_aggregate_metadata SET meta_value = :v WHERE aggregate_id = :id "
                + "AND meta_key = :k").bind("v", value).bind("id", id).bind("k", key).execute();
        if (updated == 0) {
            org.apiary.store.Transactions.insertOrRetry(() -> h.createUpdate("INSERT INTO compute_aggregate_metadata "
                    + "(aggregate_id, meta_key, meta_value) VALUES (:id, :k, :v)").bind("id", id).bind("k", key)
                    .bind("v", value).execute(), "aggregate metadata " + key);
        }
    }

    @Override
    public boolean addHost(long id, String host) {
        try {
            return tx.write(h -> {
                Tx.insertOrFail(() -> h.createUpdate("INSERT INTO compute_aggregate_host (aggregate_id, host) "
                        + "VALUES (:id, :h)").bind("id", id).bind("h", host).execute(), Taken::new);
                return true;
            });
        } catch (Taken e) {
            return false;
        }
    }

    @Override
    public boolean removeHost(long id, String host) {
        return tx.write(h -> h.createUpdate("DELETE FROM compute_aggregate_host WHERE aggregate_id = :id AND host = :h")
                .bind("id", id).bind("h", host).execute() > 0);
    }

    @Override
    public boolean delete(long id) {
        return tx.write(h -> {
            h.createUpdate("DELETE FROM compute_aggregate_metadata WHERE aggregate_id = :id").bind("id", id).execute();
            h.createUpdate("DELETE FROM compute_aggregate_host WHERE aggregate_id = :id").bind("id", id).execute();
            return h.createUpdate("DELETE FROM compute_aggregate WHERE id = :id").bind("id", id).execute() > 0;
        });
    }

    @Override
    public Map<String, Set<String>> zonesByHost() {
        return tx.read(h -> {
            Map<String, Set<String>> out = new HashMap<>();
            h.createQuery("SELECT ah.host, am.meta_value FROM compute_aggregate_host ah JOIN compute_aggregate_metadata "
                            + "am ON am.aggregate_id = ah.aggregate_id WHERE am.meta_key = :k")
                    .bind("k", Aggregate.ZONE_KEY)
                    .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getString(2)))
                    .forEach(e -> out.computeIfAbsent(e.getKey(), k -> new TreeSet<>()).add(e.getValue()));
            return out;
        });
    }

    @Override
    public List<Aggregate> withKey(String key, Set<String> hosts) {
        if (hosts.isEmpty()) {
            return List.of();
        }
        return tx.read(h -> assemble(h, h.createQuery("SELECT DISTINCT a.* FROM compute_aggregate a "
                        + "JOIN compute_aggregate_metadata am ON am.aggregate_id = a.id "
                        + "JOIN compute_aggregate_host ah ON ah.aggregate_id = a.id "
                        + "WHERE am.meta_key = :k AND ah.host IN (<hosts>) ORDER BY a.id")
                .bind("k", key).bindList("hosts", List.copyOf(hosts))
                .map((rs, ctx) -> new Row(rs.getLong("id"), rs.getString("uuid"), rs.getString("name"),
                        rs.getLong("created_at"), nullableLong(rs.getLong("updated_at"), rs.wasNull()))).list()));
    }

    private record Row(long id, String uuid, String name, long createdAt, Long updatedAt) {}

    private static Long nullableLong(long v, boolean wasNull) {
        return wasNull ? null : v;
    }

    private static Optional<Aggregate> load(Handle h, long id) {
        List<Row> rows = h.createQuery("SELECT * FROM compute_aggregate WHERE id = :id").bind("id", id)
                .map((rs, ctx) -> new Row(rs.getLong("id"), rs.getString("uuid"), rs.getString("name"),
                        rs.getLong("created_at"), nullableLong(rs.getLong("updated_at"), rs.wasNull()))).list();
        return assemble(h, rows).stream().findFirst();
    }

    /** The rows with their hosts (sorted) and metadata: two queries for the whole list. */
    private static List<Aggregate> assemble(Handle h, List<Row> rows) {
        if (rows.isEmpty()) {
            return List.of();
        }
        List<Long> ids = rows.stream().map(Row::id).toList();
        Map<Long, List<String>> hosts = new HashMap<>();
        h.createQuery("SELECT aggregate_id, host FROM compute_aggregate_host WHERE aggregate_id IN (<ids>) "
                        + "ORDER BY host").bindList("ids", ids)
                .map((rs, ctx) -> Map.entry(rs.getLong(1), rs.getString(2)))
                .forEach(e -> hosts.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
        Map<Long, Map<String, String>> metadata = new HashMap<>();
        h.createQuery("SELECT aggregate_id, meta_key, meta_value FROM compute_aggregate_metadata "
                        + "WHERE aggregate_id IN (<ids>)").bindList("ids", ids)
                .map((rs, ctx) -> new Object[] {rs.getLong(1), rs.getString(2), rs.getString(3)})
                .forEach(r -> metadata.computeIfAbsent((Long) r[0], k -> new TreeMap<>()).put((String) r[1],
                        (String) r[2]));
        List<Aggregate> out = new ArrayList<>(rows.size());
        for (Row r : rows) {
            out.add(new Aggregate(r.id(), r.uuid(), r.name(), hosts.getOrDefault(r.id(), List.of()),
                    metadata.getOrDefault(r.id(), Map.of()), r.createdAt(), r.updatedAt()));
        }
        return out;
    }
}
