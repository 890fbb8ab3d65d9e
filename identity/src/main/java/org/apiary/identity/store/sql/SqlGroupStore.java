package org.apiary.identity.store.sql;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.apiary.identity.domain.Group;
import org.apiary.identity.store.GroupStore;
import org.apiary.store.Where;
import org.jdbi.v3.core.Jdbi;

public final class SqlGroupStore implements GroupStore {
    private static final String COLUMNS = "id, name, domain_id, description, extra";
    private final Jdbi jdbi;

    public SqlGroupStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public void create(Group g) {
        Sql.unique(() -> jdbi.useHandle(h -> h.createUpdate("INSERT INTO identity_group (" + COLUMNS
                        + ") VALUES (:id, :name, :domainId, :description, :extra)")
                .bind("id", g.id()).bind("name", g.name()).bind("domainId", g.domainId())
                .bind("description", g.description()).bind("extra", Sql.json(g.extra())).execute()),
                "Conflict occurred attempting to store group - Duplicate entry found with name " + g.name()
                        + " at domain ID " + g.domainId() + ".");
    }

    @Override
    public Optional<Group> get(String id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM identity_group WHERE id = :id")
                .bind("id", id).map((rs, ctx) -> row(rs)).findOne());
    }

    @Override
    public List<Group> list(String domainId, String name) {
        Where where = new Where().eq("domain_id", domainId).eq("name", name);
        return jdbi.withHandle(h -> where.bindTo(h.createQuery("SELECT " + COLUMNS + " FROM identity_group"
                + where.sql() + " ORDER BY name, id")).map((rs, ctx) -> row(rs)).list());
    }

    @Override
    public List<Group> listForUser(String userId, String name) {
        String byName = name == null ? "" : " AND name = :name";
        return jdbi.withHandle(h -> {
            var q = h.createQuery("SELECT " + COLUMNS + " FROM identity_group WHERE id IN "
                    + "(SELECT group_id FROM identity_user_group WHERE user_id = :u)" + byName + " ORDER BY name, id")
                    .bind("u", userId);
            if (name != null) {
                q.bind("name", name);
            }
            return q.map((rs, ctx) -> row(rs)).list();
        });
    }

    @Override
    public void update(Group g) {
        Sql.unique(() -> jdbi.useHandle(h -> h.createUpdate("UPDATE identity_group SET name = :name, "
                        + "description = :description, extra = :extra WHERE id = :id")
                .bind("id", g.id()).bind("name", g.name()).bind("description", g.description())
                .bind("extra", Sql.json(g.extra())).execute()),
                "Conflict occurred attempting to store group - Duplicate entry found with name " + g.name()
                        + " at domain ID " + g.domainId() + ".");
    }

    @Override
    public void delete(String id) {
        jdbi.useTransaction(h -> {
            h.createUpdate("DELETE FROM identity_user_group WHERE group_id = :id").bind("id", id).execute();
            h.createUpdate("DELETE FROM identity_group WHERE id = :id").bind("id", id).execute();
        });
    }

    private static Group row(ResultSet rs) throws SQLException {
        return new Group(rs.getString("id"), rs.getString("name"), rs.getString("domain_id"),
                rs.getString("description"), Sql.map(rs.getString("extra")));
    }
}
