package org.apiary.identity.store.sql;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.apiary.identity.domain.ApplicationCredential;
import org.apiary.identity.store.ApplicationCredentialStore;
import org.jdbi.v3.core.Jdbi;

/** Application credentials; role ids are kept as a JSON list, the secret only as its bcrypt hash. */
public final class SqlApplicationCredentialStore implements ApplicationCredentialStore {
    private final Jdbi jdbi;

    public SqlApplicationCredentialStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public void create(ApplicationCredential a) {
        Sql.unique(() -> jdbi.useHandle(h -> h.createUpdate("INSERT INTO identity_application_credential (id, name, "
                        + "secret_hash, description, user_id, project_id, system, expires_at, unrestricted, roles, "
                        + "created_at) VALUES (:id, :n, :s, :d, :u, :p, :sys, :x, :un, :r, :c)")
                .bind("id", a.id()).bind("n", a.name()).bind("s", a.secretHash()).bind("d", a.description())
                .bind("u", a.userId()).bind("p", a.projectId()).bind("sys", a.system())
                .bind("x", micros(a.expiresAt())).bind("un", Sql.bit(a.unrestricted()))
                .bind("r", Sql.json(a.roleIds())).bind("c", Sql.millis(a.createdAt())).execute()),
                "Conflict occurred attempting to store application_credential - Duplicate entry found with name "
                        + a.name() + ".");
    }

    @Override
    public Optional<ApplicationCredential> get(String id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM identity_application_credential WHERE id = :id")
                .bind("id", id).map((rs, ctx) -> row(rs)).findOne());
    }

    @Override
    public Optional<ApplicationCredential> findByName(String userId, String name) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM identity_application_credential WHERE user_id = :u "
                + "AND name = :n").bind("u", userId).bind("n", name).map((rs, ctx) -> row(rs)).findOne());
    }

    @Override
    public List<ApplicationCredential> listForUser(String userId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM identity_application_credential WHERE user_id = :u "
                + "ORDER BY name").bind("u", userId).map((rs, ctx) -> row(rs)).list());
    }

    @Override
    public void delete(String id) {
        jdbi.useHandle(h -> h.createUpdate("DELETE FROM identity_application_credential WHERE id = :id")
                .bind("id", id).execute());
    }

    @Override
    public void deleteForUser(String userId) {
        jdbi.useHandle(h -> h.createUpdate("DELETE FROM identity_application_credential WHERE user_id = :u")
                .bind("u", userId).execute());
    }

    /**
     * expires_at is kept in epoch microseconds (not the millis of other columns): Keystone echoes
     * the client's expiry to the microsecond, and clients such as Tempest compare it exactly.
     */
    private static Long micros(Instant t) {
        return t == null ? null : ChronoUnit.MICROS.between(Instant.EPOCH, t);
    }

    private static Instant fromMicros(ResultSet rs, String col) throws SQLException {
        long v = rs.getLong(col);
        return rs.wasNull() ? null : Instant.EPOCH.plus(v, ChronoUnit.MICROS);
    }

    private static ApplicationCredential row(ResultSet rs) throws SQLException {
        return new ApplicationCredential(rs.getString("id"), rs.getString("name"), rs.getString("secret_hash"),
                rs.getString("description"), rs.getString("user_id"), rs.getString("project_id"),
                rs.getString("system"), fromMicros(rs, "expires_at"), Sql.bool(rs, "unrestricted"),
                Sql.list(rs.getString("roles")), Sql.instant(rs, "created_at"));
    }
}
