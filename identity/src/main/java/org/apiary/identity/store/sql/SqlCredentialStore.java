package org.apiary.identity.store.sql;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.apiary.identity.domain.Credential;
import org.apiary.identity.store.CredentialStore;
import org.jdbi.v3.core.Jdbi;

public final class SqlCredentialStore implements CredentialStore {
    private final Jdbi jdbi;

    public SqlCredentialStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public void create(Credential c, String keyHash) {
        Sql.unique(() -> jdbi.useHandle(h -> h.createUpdate("INSERT INTO identity_credential (id, user_id, project_id, "
                        + "type, encrypted_blob, key_hash, extra) VALUES (:id, :u, :p, :t, :b, :k, :e)")
                .bind("id", c.id()).bind("u", c.userId()).bind("p", c.projectId()).bind("t", c.type())
                .bind("b", c.blob()).bind("k", keyHash).bind("e", Sql.json(c.extra())).execute()),
                "Conflict occurred attempting to store credential - Duplicate entry found with ID " + c.id() + ".");
    }

    @Override
    public Optional<Credential> get(String id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM identity_credential WHERE id = :id").bind("id", id)
                .map((rs, ctx) -> row(rs)).findOne());
    }

    @Override
    public List<Credential> list(String userId, String type) {
        String sql = "SELECT * FROM identity_credential WHERE 1 = 1" + (userId != null ? " AND user_id = :u" : "")
                + (type != null ? " AND type = :t" : "") + " ORDER BY id";
        return jdbi.withHandle(h -> {
            var q = h.createQuery(sql);
            if (userId != null) {
                q.bind("u", userId);
            }
            if (type != null) {
                q.bind("t", type);
            }
            return q.map((rs, ctx) -> row(rs)).list();
        });
    }

    @Override
    public void update(Credential c, String keyHash) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE identity_credential SET user_id = :u, project_id = :p, type = :t, "
                        + "encrypted_blob = :b, key_hash = :k, extra = :e WHERE id = :id").bind("id", c.id())
                .bind("u", c.userId()).bind("p", c.projectId()).bind("t", c.type()).bind("b", c.blob())
                .bind("k", keyHash).bind("e", Sql.json(c.extra())).execute());
    }

    @Override
    public void delete(String id) {
        jdbi.useHandle(h -> h.createUpdate("DELETE FROM identity_credential WHERE id = :id").bind("id", id).execute());
    }

    @Override
    public void deleteForUser(String userId) {
        jdbi.useHandle(h -> h.createUpdate("DELETE FROM identity_credential WHERE user_id = :u").bind("u", userId)
                .execute());
    }

    private static Credential row(ResultSet rs) throws SQLException {
        return new Credential(rs.getString("id"), rs.getString("user_id"), rs.getString("project_id"),
                rs.getString("type"), rs.getString("encrypted_blob"), Sql.map(rs.getString("extra")));
    }
}
