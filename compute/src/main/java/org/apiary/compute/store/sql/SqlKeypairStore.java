package org.apiary.compute.store.sql;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.apiary.compute.domain.Faults;
import org.apiary.compute.domain.Keypair;
import org.apiary.compute.store.KeypairStore;
import org.apiary.store.Database;

public final class SqlKeypairStore implements KeypairStore {
    private final Tx tx;

    public SqlKeypairStore(Database db) {
        this.tx = new Tx(db);
    }

    @Override
    public Optional<Keypair> create(String userId, String name, String fingerprint, String publicKey, String type,
                                    long now, int maxCount) {
        return tx.write(h -> {
            if (h.createQuery("SELECT COUNT(*) FROM compute_keypair WHERE user_id = :u AND name = :n")
                    .bind("u", userId).bind("n", name).mapTo(Integer.class).one() > 0) {
                throw Faults.keypairExists(name);
            }
            int count = h.createQuery("SELECT COUNT(*) FROM compute_keypair WHERE user_id = :u").bind("u", userId)
                    .mapTo(Integer.class).one();
            if (maxCount >= 0 && count + 1 > maxCount) {
                return Optional.empty();
            }
            long id = Tx.nextId(h, "keypair");
            Tx.insertOrFail(() -> h.createUpdate("INSERT INTO compute_keypair (id, user_id, name, fingerprint, "
                    + "public_key, key_type, created_at) VALUES (:id, :u, :n, :f, :k, :t, :c)").bind("id", id)
                    .bind("u", userId).bind("n", name).bind("f", fingerprint).bind("k", publicKey).bind("t", type)
                    .bind("c", now).execute(), () -> Faults.keypairExists(name));
            return Optional.of(new Keypair(id, userId, name, fingerprint, publicKey, type, now));
        });
    }

    @Override
    public Optional<Keypair> find(String userId, String name) {
        return tx.read(h -> h.createQuery("SELECT * FROM compute_keypair WHERE user_id = :u AND name = :n")
                .bind("u", userId).bind("n", name).map((rs, ctx) -> row(rs)).findOne());
    }

    @Override
    public List<Keypair> list(String userId, Integer limit, String marker) {
        return tx.read(h -> {
            var q = h.createQuery("SELECT * FROM compute_keypair WHERE user_id = :u"
                    + (marker != null ? " AND name > :m" : "") + " ORDER BY name"
                    + (limit != null ? " LIMIT :l" : "")).bind("u", userId);
            if (marker != null) {
                q.bind("m", marker);
            }
            if (limit != null) {
                q.bind("l", limit);
            }
            return q.map((rs, ctx) -> row(rs)).list();
        });
    }

    @Override
    public int count(String userId) {
        return tx.read(h -> h.createQuery("SELECT COUNT(*) FROM compute_keypair WHERE user_id = :u").bind("u", userId)
                .mapTo(Integer.class).one());
    }

    @Override
    public boolean delete(String userId, String name) {
        return tx.write(h -> h.createUpdate("DELETE FROM compute_keypair WHERE user_id = :u AND name = :n")
                .bind("u", userId).bind("n", name).execute() > 0);
    }

    private static Keypair row(ResultSet rs) throws SQLException {
        return new Keypair(rs.getLong("id"), rs.getString("user_id"), rs.getString("name"), rs.getString("fingerprint"),
                rs.getString("public_key"), rs.getString("key_type"), rs.getLong("created_at"));
    }
}
