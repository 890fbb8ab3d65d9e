package org.apiary.compute.store.sql;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apiary.compute.domain.ActionRecord;
import org.apiary.compute.domain.InstanceAction;
import org.apiary.compute.domain.InstanceFault;
import org.apiary.compute.store.ActionStore;
import org.apiary.store.Database;
import org.jdbi.v3.core.Handle;

public final class SqlActionStore implements ActionStore {
    private final Tx tx;

    public SqlActionStore(Database db) {
        this.tx = new Tx(db);
    }

    @Override
    public void startAction(String instanceUuid, String requestId, String action, String projectId, String userId,
                            long now) {
        record(instanceUuid, new ActionRecord.Start(requestId, action, projectId, userId, now));
    }

    @Override
    public void record(String instanceUuid, ActionRecord r) {
        tx.write(h -> {
            write(h, instanceUuid, r);
            return null;
        });
    }

    /** Writes {@code r} inside the caller's transaction (a server write takes it along, see SqlServerStore.apply). */
    static void write(Handle h, String instanceUuid, ActionRecord r) {
        switch (r) {
            case ActionRecord.Start a -> h.createUpdate("INSERT INTO compute_instance_action (id, instance_uuid, "
                            + "request_id, action, project_id, user_id, start_time, updated_at) "
                            + "VALUES (:id, :i, :r, :a, :p, :u, :t, :t)")
                    .bind("id", Tx.nextId(h, "instance_action")).bind("i", instanceUuid).bind("r", a.requestId())
                    .bind("a", a.action()).bind("p", a.projectId()).bind("u", a.userId()).bind("t", a.time())
                    .execute();
            case ActionRecord.Event e -> actionId(h, instanceUuid, e.requestId()).ifPresent(id -> {
                h.createUpdate("INSERT INTO compute_instance_action_event (id, action_id, event, start_time, "
                                + "finish_time, result, traceback, host) VALUES (:id, :a, :e, :s, :f, :r, :tb, :h)")
                        .bind("id", Tx.nextId(h, "instance_action_event")).bind("a", id).bind("e", e.event())
                        .bind("s", e.start()).bind("f", e.finish()).bind("r", e.result()).bind("tb", e.traceback())
                        .bind("h", e.host()).execute();
                if (e.finishAction()) {
                    finish(h, id, "Error".equals(e.result()) ? "Error" : null, e.finish());
                } else {
                    touch(h, id, e.finish());
                }
            });
            case ActionRecord.Finish f -> actionId(h, instanceUuid, f.requestId())
                    .ifPresent(id -> finish(h, id, f.message(), f.time()));
        }
    }

    private static void finish(Handle h, long actionId, String message, long now) {
        h.createUpdate("UPDATE compute_instance_action SET finish_time = :t, updated_at = :t, "
                + "message = COALESCE(:m, message) WHERE id = :id").bind("t", now).bind("m", message)
                .bind("id", actionId).execute();
    }

    /** The newest action of that request on that server (a request id names one action per server). */
    private static Optional<Long> actionId(Handle h, String instanceUuid, String requestId) {
        return h.createQuery("SELECT id FROM compute_instance_action WHERE instance_uuid = :i AND request_id = :r "
                + "ORDER BY id DESC").bind("i", instanceUuid).bind("r", requestId).mapTo(Long.class).findFirst();
    }

    @Override
    public void finishAction(String instanceUuid, String requestId, String message, long now) {
        record(instanceUuid, new ActionRecord.Finish(requestId, message, now));
    }

    @Override
    public void startEvent(String instanceUuid, String requestId, String event, String host, long now) {
        tx.write(h -> {
            actionId(h, instanceUuid, requestId).ifPresent(id -> {
                h.createUpdate("INSERT INTO compute_instance_action_event (id, action_id, event, start_time, host) "
                        + "VALUES (:id, :a, :e, :t, :h)").bind("id", Tx.nextId(h, "instance_action_event"))
                        .bind("a", id).bind("e", event).bind("t", now).bind("h", host).execute();
                touch(h, id, now);
            });
            return null;
        });
    }

    @Override
    public void finishEvent(String instanceUuid, String requestId, String event, String result, String traceback,
                            long now) {
        tx.write(h -> {
            actionId(h, instanceUuid, requestId).ifPresent(id -> {
                h.createQuery("SELECT id FROM compute_instance_action_event WHERE action_id = :a AND event = :e "
                        + "AND finish_time IS NULL ORDER BY id DESC").bind("a", id).bind("e", event)
                        .mapTo(Long.class).findFirst().ifPresent(eventId -> h.createUpdate(
                                "UPDATE compute_instance_action_event SET finish_time = :t, result = :r, "
                                        + "traceback = :tb WHERE id = :id").bind("t", now).bind("r", result)
                                .bind("tb", traceback).bind("id", eventId).execute());
                touch(h, id, now);
            });
            return null;
        });
    }

    @Override
    public void recordEvent(String instanceUuid, String requestId, String event, String host, long start, long finish,
                            String result, String traceback, boolean finishAction) {
        record(instanceUuid, new ActionRecord.Event(requestId, event, host, start, finish, result, traceback,
                finishAction));
    }

    private static void touch(Handle h, long actionId, long now) {
        h.createUpdate("UPDATE compute_instance_action SET updated_at = :t WHERE id = :id").bind("t", now)
                .bind("id", actionId).execute();
    }

    @Override
    public List<InstanceAction> actions(String instanceUuid) {
        return tx.read(h -> h.createQuery("SELECT * FROM compute_instance_action WHERE instance_uuid = :i "
                + "ORDER BY start_time DESC, id DESC").bind("i", instanceUuid)
                .map((rs, ctx) -> new InstanceAction(rs.getString("instance_uuid"), rs.getString("request_id"),
                        rs.getString("action"), rs.getString("project_id"), rs.getString("user_id"),
                        rs.getLong("start_time"), ServerRows.nullableLong(rs, "finish_time"), rs.getString("message"),
                        ServerRows.nullableLong(rs, "updated_at"), List.of())).list());
    }

    @Override
    public Optional<InstanceAction> action(String instanceUuid, String requestId) {
        return tx.read(h -> actionId(h, instanceUuid, requestId).map(id -> {
            List<InstanceAction.Event> events = h.createQuery("SELECT * FROM compute_instance_action_event "
                    + "WHERE action_id = :a ORDER BY start_time DESC, id DESC").bind("a", id)
                    .map((rs, ctx) -> new InstanceAction.Event(rs.getString("event"), rs.getLong("start_time"),
                            ServerRows.nullableLong(rs, "finish_time"), rs.getString("result"),
                            rs.getString("traceback"), rs.getString("host"), rs.getString("details"))).list();
            return h.createQuery("SELECT * FROM compute_instance_action WHERE id = :id").bind("id", id)
                    .map((rs, ctx) -> new InstanceAction(rs.getString("instance_uuid"), rs.getString("request_id"),
                            rs.getString("action"), rs.getString("project_id"), rs.getString("user_id"),
                            rs.getLong("start_time"), ServerRows.nullableLong(rs, "finish_time"),
                            rs.getString("message"), ServerRows.nullableLong(rs, "updated_at"), events)).one();
        }));
    }

    @Override
    public void addFault(InstanceFault fault) {
        tx.write(h -> h.createUpdate("INSERT INTO compute_instance_fault (id, instance_uuid, code, message, details, "
                        + "host, created_at) VALUES (:id, :i, :c, :m, :d, :h, :t)")
                .bind("id", Tx.nextId(h, "instance_fault")).bind("i", fault.instanceUuid()).bind("c", fault.code())
                // message is VARCHAR(255), as Nova's column; the full text stays in details.
                .bind("m", fault.message().length() > 255 ? fault.message().substring(0, 255) : fault.message())
                .bind("d", fault.details()).bind("h", fault.host()).bind("t", fault.createdAt()).execute());
    }

    @Override
    public Map<String, InstanceFault> latestFaults(Collection<String> instanceUuids) {
        Map<String, InstanceFault> out = new HashMap<>();
        if (instanceUuids.isEmpty()) {
            return out;
        }
        List<String> all = List.copyOf(instanceUuids);
        return tx.read(h -> {
            for (int i = 0; i < all.size(); i += 500) {
                h.createQuery("SELECT * FROM compute_instance_fault WHERE instance_uuid IN (<u>) "
                        + "ORDER BY created_at DESC, id DESC").bindList("u", all.subList(i, Math.min(all.size(), i + 500)))
                        .map((rs, ctx) -> out.putIfAbsent(rs.getString("instance_uuid"), new InstanceFault(
                                rs.getString("instance_uuid"), rs.getInt("code"), rs.getString("message"),
                                rs.getString("details"), rs.getString("host"), rs.getLong("created_at"))))
                        .list();
            }
            return out;
        });
    }
}
