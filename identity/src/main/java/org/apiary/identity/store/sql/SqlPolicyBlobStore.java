package org.apiary.identity.store.sql;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.apiary.identity.domain.PolicyBlob;
import org.apiary.identity.store.PolicyBlobStore;
import org.jdbi.v3.core.Jdbi;

public final class SqlPolicyBlobStore implements PolicyBlobStore {
    private final Jdbi jdbi;

    public SqlPolicyBlobStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public void create(PolicyBlob p) {
        Sql.unique(() -> jdbi.useHandle(h -> h.createUpdate("INSERT INTO identity_policy (id, type, policy_blob, extra) "
                        + "VALUES (:id, :t, :b, :e)").bind("id", p.id()).bind("t", p.type()).bind("b", p.blob())
                        .bind("e", Sql.json(p.extra())).execute()),
                "Conflict occurred attempting to store policy - Duplicate entry found with ID " + p.id() + ".");
    }

    @Override
    public Optional<PolicyBlob> get(String id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM identity_policy WHERE id = :id").bind("id", id)
                .map((rs, ctx) -> row(rs)).findOne());
    }

    @Override
    public List<PolicyBlob> list() {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM identity_policy ORDER BY id")
                .map((rs, ctx) -> row(rs)).list());
    }

    @Override
    public void update(PolicyBlob p) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE identity_policy SET type = :t, policy_blob = :b, extra = :e "
                        + "WHERE id = :id").bind("id", p.id()).bind("t", p.type()).bind("b", p.blob())
                .bind("e", Sql.json(p.extra())).execute());
    }

    @Override
    public void delete(String id) {
        jdbi.useHandle(h -> h.createUpdate("DELETE FROM identity_policy WHERE id = :id").bind("id", id).execute());
    }

    private static PolicyBlob row(ResultSet rs) throws SQLException {
        return new PolicyBlob(rs.getString("id"), rs.getString("type"), rs.getString("policy_blob"),
                Sql.map(rs.getString("extra")));
    }
}
