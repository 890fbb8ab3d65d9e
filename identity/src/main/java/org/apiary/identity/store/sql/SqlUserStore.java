package org.apiary.identity.store.sql;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apiary.identity.domain.User;
import org.apiary.identity.store.UserStore;
import org.apiary.store.Where;
import org.jdbi.v3.core.Jdbi;

public final class SqlUserStore implements UserStore {
    private static final String COLUMNS =
            "id, name, domain_id, enabled, default_project_id, password_hash, password_expires_at, extra, options";
    private final Jdbi jdbi;

    public SqlUserStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public void create(User u) {
        Sql.unique(() -> jdbi.useHandle(h -> h.createUpdate("INSERT INTO identity_user (" + COLUMNS
                        + ", password_created_at, created_at) VALUES (:id, :name, :domainId, :enabled, :defaultProjectId, "
                        + ":hash, :expires, :extra, :options, :now, :now)")
                .bind("id", u.id()).bind("name", u.name()).bind("domainId", u.domainId())
                .bind("enabled", Sql.bit(u.enabled())).bind("defaultProjectId", u.defaultProjectId())
                .bind("hash", u.passwordHash()).bind("expires", Sql.millis(u.passwordExpiresAt()))
                .bind("extra", Sql.json(u.extra())).bind("options", Sql.json(u.options()))
                .bind("now", System.currentTimeMillis()).execute()),
                "Conflict occurred attempting to store user - Duplicate entry found with name " + u.name()
                        + " at domain ID " + u.domainId() + ".");
    }

    @Override
    public Optional<User> get(String id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM identity_user WHERE id = :id")
                .bind("id", id).map((rs, ctx) -> row(rs)).findOne());
    }

    @Override
    public Optional<User> findByName(String domainId, String name) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS
                        + " FROM identity_user WHERE domain_id = :d AND name = :n")
                .bind("d", domainId).bind("n", name).map((rs, ctx) -> row(rs)).findOne());
    }

    @Override
    public List<User> list(String domainId, String name, Boolean enabled) {
        Where where = new Where().eq("domain_id", domainId).eq("name", name).eq("enabled", enabled);
        return jdbi.withHandle(h -> where.bindTo(h.createQuery("SELECT " + COLUMNS + " FROM identity_user"
                + where.sql() + " ORDER BY name, id")).map((rs, ctx) -> row(rs)).list());
    }

    @Override
    public void update(User u) {
        Sql.unique(() -> jdbi.useHandle(h -> h.createUpdate("UPDATE identity_user SET name = :name, enabled = :enabled, "
                        + "default_project_id = :defaultProjectId, extra = :extra, options = :options WHERE id = :id")
                .bind("id", u.id()).bind("name", u.name()).bind("enabled", Sql.bit(u.enabled()))
                .bind("defaultProjectId", u.defaultProjectId()).bind("extra", Sql.json(u.extra()))
                .bind("options", Sql.json(u.options())).execute()),
                "Conflict occurred attempting to store user - Duplicate entry found with name " + u.name()
                        + " at domain ID " + u.domainId() + ".");
    }

    @Override
    public void updateWithPassword(User u) {
        Sql.unique(() -> jdbi.useHandle(h -> h.createUpdate("UPDATE identity_user SET name = :name, enabled = :enabled, "
                        + "default_project_id = :defaultProjectId, extra = :extra, options = :options, "
                        + "password_hash = :hash, password_created_at = :now, password_expires_at = :expires WHERE id = :id")
                .bind("id", u.id()).bind("name", u.name()).bind("enabled", Sql.bit(u.enabled()))
                .bind("defaultProjectId", u.defaultProjectId()).bind("extra", Sql.json(u.extra()))
                .bind("options", Sql.json(u.options())).bind("hash", u.passwordHash())
                .bind("now", System.currentTimeMillis()).bind("expires", Sql.millis(u.passwordExpiresAt())).execute()),
                "Conflict occurred attempting to store user - Duplicate entry found with name " + u.name()
                        + " at domain ID " + u.domainId() + ".");
    }

    @Override
    public void setPassword(String userId, String hash, Instant expiresAt) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE identity_user SET password_hash = :hash, password_created_at = :now, "
                        + "password_expires_at = :expires WHERE id = :id")
                .bind("id", userId).bind("hash", hash).bind("now", System.currentTimeMillis())
                .bind("expires", Sql.millis(expiresAt)).execute());
    }

    @Override
    public void delete(String id) {
        jdbi.useTransaction(h -> {
            h.createUpdate("DELETE FROM identity_user_group WHERE user_id = :id").bind("id", id).execute();
            h.createUpdate("DELETE FROM identity_user WHERE id = :id").bind("id", id).execute();
        });
    }

    @Override
    public void addToGroup(String userId, String groupId) {
        if (!isInGroup(userId, groupId)) {
            Sql.unique(() -> jdbi.useHandle(h -> h.createUpdate(
                            "INSERT INTO identity_user_group (user_id, group_id) VALUES (:u, :g)")
                    .bind("u", userId).bind("g", groupId).execute()), "User is already a member of the group.");
        }
    }

    @Override
    public boolean removeFromGroup(String userId, String groupId) {
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM identity_user_group WHERE user_id = :u AND group_id = :g")
                .bind("u", userId).bind("g", groupId).execute()) > 0;
    }

    @Override
    public boolean isInGroup(String userId, String groupId) {
        return jdbi.withHandle(h -> h.createQuery(
                        "SELECT COUNT(*) FROM identity_user_group WHERE user_id = :u AND group_id = :g")
                .bind("u", userId).bind("g", groupId).mapTo(Integer.class).one()) > 0;
    }

    @Override
    public List<String> groupIdsOf(String userId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT group_id FROM identity_user_group WHERE user_id = :u")
                .bind("u", userId).mapTo(String.class).list());
    }

    @Override
    public List<String> userIdsIn(String groupId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT user_id FROM identity_user_group WHERE group_id = :g")
                .bind("g", groupId).mapTo(String.class).list());
    }

    @Override
    public List<User> listInGroup(String groupId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM identity_user WHERE id IN "
                        + "(SELECT user_id FROM identity_user_group WHERE group_id = :g) ORDER BY name, id")
                .bind("g", groupId).map((rs, ctx) -> row(rs)).list());
    }

    private static User row(ResultSet rs) throws SQLException {
        return new User(rs.getString("id"), rs.getString("name"), rs.getString("domain_id"), Sql.bool(rs, "enabled"),
                rs.getString("default_project_id"), rs.getString("password_hash"),
                Sql.instant(rs, "password_expires_at"), Sql.map(rs.getString("extra")),
                Sql.map(rs.getString("options")));
    }
}
