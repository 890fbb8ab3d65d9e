package org.apiary.identity.store.sql;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.apiary.identity.domain.Consumer;
import org.apiary.identity.store.ConsumerStore;
import org.jdbi.v3.core.Jdbi;

public final class SqlConsumerStore implements ConsumerStore {
    private final Jdbi jdbi;

    public SqlConsumerStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public void create(Consumer c, String encryptedSecret, String keyHash) {
        Sql.unique(() -> jdbi.useHandle(h -> h.createUpdate("INSERT INTO identity_oauth_consumer (id, description, "
                        + "encrypted_secret, key_hash, extra) VALUES (:id, :d, :s, :k, :e)").bind("id", c.id())
                        .bind("d", c.description()).bind("s", encryptedSecret).bind("k", keyHash)
                        .bind("e", Sql.json(c.extra())).execute()),
                "Conflict occurred attempting to store consumer - Duplicate entry found with ID " + c.id() + ".");
    }

    @Override
    public Optional<Consumer> get(String id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT id, description, extra FROM identity_oauth_consumer "
                + "WHERE id = :id").bind("id", id).map((rs, ctx) -> row(rs)).findOne());
    }

    @Override
    public List<Consumer> list() {
        return jdbi.withHandle(h -> h.createQuery("SELECT id, description, extra FROM identity_oauth_consumer "
                + "ORDER BY id").map((rs, ctx) -> row(rs)).list());
    }

    @Override
    public void update(Consumer c) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE identity_oauth_consumer SET description = :d, extra = :e "
                + "WHERE id = :id").bind("id", c.id()).bind("d", c.description()).bind("e", Sql.json(c.extra()))
                .execute());
    }

    @Override
    public void delete(String id) {
        jdbi.useHandle(h -> h.createUpdate("DELETE FROM identity_oauth_consumer WHERE id = :id").bind("id", id)
                .execute());
    }

    private static Consumer row(ResultSet rs) throws SQLException {
        return new Consumer(rs.getString("id"), rs.getString("description"), Sql.map(rs.getString("extra")));
    }
}
