package org.apiary.compute.store.sql;

import java.util.Optional;
import org.apiary.compute.domain.ConsoleAuth;
import org.apiary.compute.store.ConsoleStore;
import org.apiary.store.Database;

public final class SqlConsoleStore implements ConsoleStore {
    private final Tx tx;

    public SqlConsoleStore(Database db) {
        this.tx = new Tx(db);
    }

    @Override
    public void saveToken(String tokenHash, ConsoleAuth a, long now) {
        tx.write(h -> h.createUpdate("INSERT INTO compute_console_auth_token (token_hash, instance_uuid, host, "
                + "console_type, access_url_base, created_at, expires) VALUES (:h, :i, :host, :t, :b, :c, :e)")
                .bind("h", tokenHash).bind("i", a.instanceUuid()).bind("host", a.host()).bind("t", a.consoleType())
                .bind("b", a.accessUrlBase()).bind("c", now).bind("e", a.expires()).execute());
    }

    @Override
    public Optional<ConsoleAuth> findToken(String tokenHash, long now) {
        return tx.read(h -> h.createQuery("SELECT instance_uuid, host, console_type, access_url_base, expires FROM "
                + "compute_console_auth_token WHERE token_hash = :h AND expires > :now").bind("h", tokenHash)
                .bind("now", now).map((rs, ctx) -> new ConsoleAuth(rs.getString("instance_uuid"), rs.getString("host"),
                        rs.getString("console_type"), rs.getString("access_url_base"), rs.getLong("expires")))
                .findOne());
    }

    @Override
    public int purge(long now) {
        return tx.write(h -> h.createUpdate("DELETE FROM compute_console_auth_token WHERE expires <= :now OR "
                + "instance_uuid IN (SELECT uuid FROM compute_instance WHERE deleted_at IS NOT NULL)")
                .bind("now", now).execute());
    }

    @Override
    public void saveProxy(String host, String baseUrl, long now) {
        tx.write(h -> {
            int updated = h.createUpdate("UPDATE compute_console_proxy SET base_url = :b, updated_at = :n WHERE "
                    + "host = :h").bind("b", baseUrl).bind("n", now).bind("h", host).execute();
            if (updated == 0) {
                h.createUpdate("INSERT INTO compute_console_proxy (host, base_url, updated_at) VALUES (:h, :b, :n)")
                        .bind("h", host).bind("b", baseUrl).bind("n", now).execute();
            }
            return updated;
        });
    }

    @Override
    public Optional<String> proxyBaseUrl(String host) {
        return tx.read(h -> h.createQuery("SELECT base_url FROM compute_console_proxy WHERE host = :h")
                .bind("h", host).mapTo(String.class).findOne());
    }
}
