package org.apiary.identity.store.sql;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import org.apiary.identity.domain.RevocationEvent;
import org.apiary.identity.store.RevocationStore;
import org.jdbi.v3.core.Jdbi;

public final class SqlRevocationStore implements RevocationStore {
    private final Jdbi jdbi;

    public SqlRevocationStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public void add(RevocationEvent e) {
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO identity_revocation_event (id, domain_id, project_id, user_id, "
                        + "role_id, audit_id, audit_chain_id, issued_before, expires_at, revoked_at) "
                        + "VALUES (:id, :d, :p, :u, :r, :a, :c, :ib, :x, :ra)")
                .bind("id", e.id()).bind("d", e.domainId()).bind("p", e.projectId()).bind("u", e.userId())
                .bind("r", e.roleId()).bind("a", e.auditId()).bind("c", e.auditChainId())
                .bind("ib", Sql.millis(e.issuedBefore())).bind("x", Sql.millis(e.expiresAt()))
                .bind("ra", Sql.millis(e.revokedAt())).execute());
    }

    @Override
    public List<RevocationEvent> since(Instant since) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM identity_revocation_event WHERE revoked_at >= :s "
                        + "ORDER BY revoked_at").bind("s", since == null ? 0L : since.toEpochMilli())
                .map((rs, ctx) -> row(rs)).list());
    }

    @Override
    public long bumpChangeCounter() {
        return jdbi.inTransaction(h -> {
            h.createUpdate("UPDATE identity_change_counter SET counter = counter + 1 WHERE id = 1").execute();
            return h.createQuery("SELECT counter FROM identity_change_counter WHERE id = 1").mapTo(Long.class).one();
        });
    }

    @Override
    public long changeCounter() {
        return jdbi.withHandle(h -> h.createQuery("SELECT counter FROM identity_change_counter WHERE id = 1")
                .mapTo(Long.class).one());
    }

    @Override
    public int prune(Instant expiredBefore) {
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM identity_revocation_event WHERE expires_at IS NOT NULL "
                + "AND expires_at < :t").bind("t", expiredBefore.toEpochMilli()).execute());
    }

    private static RevocationEvent row(ResultSet rs) throws SQLException {
        return new RevocationEvent(rs.getString("id"), rs.getString("domain_id"), rs.getString("project_id"),
                rs.getString("user_id"), rs.getString("role_id"), rs.getString("audit_id"),
                rs.getString("audit_chain_id"), Sql.instant(rs, "issued_before"), Sql.instant(rs, "expires_at"),
                Sql.instant(rs, "revoked_at"));
    }
}
