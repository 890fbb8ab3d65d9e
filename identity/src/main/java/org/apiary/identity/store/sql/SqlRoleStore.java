package org.apiary.identity.store.sql;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.apiary.identity.domain.Role;
import org.apiary.identity.store.RoleStore;
import org.jdbi.v3.core.Jdbi;

public final class SqlRoleStore implements RoleStore {
    private static final String COLUMNS = "id, name, domain_id, description, extra, options";
    private final Jdbi jdbi;

    public SqlRoleStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    private static String dom(String domainId) {
        return domainId == null ? Role.NULL_DOMAIN : domainId;
    }

    @Override
    public void create(Role r) {
        Sql.unique(() -> jdbi.useHandle(h -> h.createUpdate("INSERT INTO identity_role (" + COLUMNS
                        + ") VALUES (:id, :name, :domainId, :description, :extra, :options)")
                .bind("id", r.id()).bind("name", r.name()).bind("domainId", dom(r.domainId()))
                .bind("description", r.description()).bind("extra", Sql.json(r.extra()))
                .bind("options", Sql.json(r.options())).execute()),
                duplicate(r));
    }

    /** Keystone's wording: the domain is named only for domain-specific roles. */
    private static String duplicate(Role r) {
        return "Conflict occurred attempting to store role - Duplicate entry found with name " + r.name()
                + (r.domainId() != null ? " at domain ID " + r.domainId() : "") + ".";
    }

    @Override
    public Optional<Role> get(String id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM identity_role WHERE id = :id")
                .bind("id", id).map((rs, ctx) -> row(rs)).findOne());
    }

    @Override
    public Optional<Role> findByName(String name, String domainId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS
                        + " FROM identity_role WHERE name = :n AND domain_id = :d")
                .bind("n", name).bind("d", dom(domainId)).map((rs, ctx) -> row(rs)).findOne());
    }

    @Override
    public List<Role> list(String domainId, String name) {
        String sql = "SELECT " + COLUMNS + " FROM identity_role WHERE domain_id = :d"
                + (name != null ? " AND name = :n" : "") + " ORDER BY name, id";
        return jdbi.withHandle(h -> {
            var q = h.createQuery(sql).bind("d", dom(domainId));
            if (name != null) {
                q.bind("n", name);
            }
            return q.map((rs, ctx) -> row(rs)).list();
        });
    }

    @Override
    public List<Role> all() {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM identity_role ORDER BY name")
                .map((rs, ctx) -> row(rs)).list());
    }

    @Override
    public void update(Role r) {
        Sql.unique(() -> jdbi.useHandle(h -> h.createUpdate("UPDATE identity_role SET name = :name, "
                        + "description = :description, extra = :extra, options = :options WHERE id = :id")
                .bind("id", r.id()).bind("name", r.name()).bind("description", r.description())
                .bind("extra", Sql.json(r.extra())).bind("options", Sql.json(r.options())).execute()),
                duplicate(r));
    }

    @Override
    public void delete(String id) {
        jdbi.useTransaction(h -> {
            h.createUpdate("DELETE FROM identity_implied_role WHERE prior_role_id = :id OR implied_role_id = :id")
                    .bind("id", id).execute();
            h.createUpdate("DELETE FROM identity_assignment WHERE role_id = :id").bind("id", id).execute();
            h.createUpdate("DELETE FROM identity_role WHERE id = :id").bind("id", id).execute();
        });
    }

    @Override
    public void addImplied(String priorRoleId, String impliedRoleId) {
        if (!implies(priorRoleId, impliedRoleId)) {
            Sql.unique(() -> jdbi.useHandle(h -> h.createUpdate("INSERT INTO identity_implied_role "
                                    + "(prior_role_id, implied_role_id) VALUES (:p, :i)")
                            .bind("p", priorRoleId).bind("i", impliedRoleId).execute()),
                    "Conflict occurred attempting to store implied_role - Duplicate entry.");
        }
    }

    @Override
    public void removeImplied(String priorRoleId, String impliedRoleId) {
        jdbi.useHandle(h -> h.createUpdate("DELETE FROM identity_implied_role WHERE prior_role_id = :p "
                + "AND implied_role_id = :i").bind("p", priorRoleId).bind("i", impliedRoleId).execute());
    }

    @Override
    public boolean implies(String priorRoleId, String impliedRoleId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM identity_implied_role WHERE prior_role_id = :p "
                        + "AND implied_role_id = :i").bind("p", priorRoleId).bind("i", impliedRoleId)
                .mapTo(Integer.class).one()) > 0;
    }

    @Override
    public List<String[]> impliedPairs() {
        return jdbi.withHandle(h -> h.createQuery("SELECT prior_role_id, implied_role_id FROM identity_implied_role")
                .map((rs, ctx) -> new String[] {rs.getString(1), rs.getString(2)}).list());
    }

    private static Role row(ResultSet rs) throws SQLException {
        String d = rs.getString("domain_id");
        return new Role(rs.getString("id"), rs.getString("name"), Role.NULL_DOMAIN.equals(d) ? null : d,
                rs.getString("description"), Sql.map(rs.getString("extra")), Sql.map(rs.getString("options")));
    }
}
