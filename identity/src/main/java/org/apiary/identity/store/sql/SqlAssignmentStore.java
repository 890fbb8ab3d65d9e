package org.apiary.identity.store.sql;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import org.apiary.identity.domain.Assignment;
import org.apiary.identity.store.AssignmentStore;
import org.apiary.store.Where;
import org.jdbi.v3.core.Jdbi;

public final class SqlAssignmentStore implements AssignmentStore {
    private static final String COLUMNS = "type, actor_id, target_id, role_id, inherited";
    private static final String MATCH =
            "type = :type AND actor_id = :actor AND target_id = :target AND role_id = :role AND inherited = :inherited";
    private final Jdbi jdbi;

    public SqlAssignmentStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public void grant(Assignment a) {
        if (exists(a)) {
            return;
        }
        try {
            jdbi.useHandle(h -> h.createUpdate("INSERT INTO identity_assignment (" + COLUMNS
                            + ") VALUES (:type, :actor, :target, :role, :inherited)")
                    .bind("type", a.type().name()).bind("actor", a.actorId()).bind("target", a.targetId())
                    .bind("role", a.roleId()).bind("inherited", Sql.bit(a.inherited())).execute());
        } catch (RuntimeException e) {
            // A concurrent identical grant already landed: granting is idempotent.
            if (!org.apiary.store.Database.isUniqueViolation(e)) {
                throw e;
            }
        }
    }

    @Override
    public boolean revoke(Assignment a) {
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM identity_assignment WHERE " + MATCH)
                .bind("type", a.type().name()).bind("actor", a.actorId()).bind("target", a.targetId())
                .bind("role", a.roleId()).bind("inherited", Sql.bit(a.inherited())).execute()) > 0;
    }

    @Override
    public boolean exists(Assignment a) {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM identity_assignment WHERE " + MATCH)
                .bind("type", a.type().name()).bind("actor", a.actorId()).bind("target", a.targetId())
                .bind("role", a.roleId()).bind("inherited", Sql.bit(a.inherited())).mapTo(Integer.class).one()) > 0;
    }

    @Override
    public List<Assignment> forActors(Collection<String> actorIds) {
        if (actorIds.isEmpty()) {
            return List.of();
        }
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS
                        + " FROM identity_assignment WHERE actor_id IN (<actors>)")
                .bindList("actors", List.copyOf(actorIds)).map((rs, ctx) -> row(rs)).list());
    }

    @Override
    public List<Assignment> forTarget(String targetId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM identity_assignment WHERE target_id = :t")
                .bind("t", targetId).map((rs, ctx) -> row(rs)).list());
    }

    @Override
    public List<Assignment> all() {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM identity_assignment")
                .map((rs, ctx) -> row(rs)).list());
    }

    @Override
    public List<Assignment> find(String roleId, Collection<String> actorIds, Collection<String> targetIds,
                                 Collection<Assignment.Type> types, Boolean inherited) {
        if (isEmpty(actorIds) || isEmpty(targetIds) || isEmpty(types)) {
            return List.of();
        }
        Where where = new Where().eq("role_id", roleId).in("actor_id", actorIds).in("target_id", targetIds)
                .in("type", types == null ? null : types.stream().map(Enum::name).toList()).eq("inherited", inherited);
        return jdbi.withHandle(h -> where.bindTo(h.createQuery("SELECT " + COLUMNS + " FROM identity_assignment"
                + where.sql())).map((rs, ctx) -> row(rs)).list());
    }

    private static boolean isEmpty(Collection<?> c) {
        return c != null && c.isEmpty();
    }

    @Override
    public void purge(String id) {
        jdbi.useHandle(h -> h.createUpdate("DELETE FROM identity_assignment WHERE actor_id = :id OR target_id = :id "
                + "OR role_id = :id").bind("id", id).execute());
    }

    private static Assignment row(ResultSet rs) throws SQLException {
        return new Assignment(Assignment.Type.valueOf(rs.getString("type")), rs.getString("actor_id"),
                rs.getString("target_id"), rs.getString("role_id"), Sql.bool(rs, "inherited"));
    }
}
