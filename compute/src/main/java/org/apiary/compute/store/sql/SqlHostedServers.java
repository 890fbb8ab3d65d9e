package org.apiary.compute.store.sql;

import java.util.List;
import org.apiary.compute.domain.HostService;
import org.apiary.store.Database;

/**
 * The servers a host holds, read straight from compute_instance (not deleted, {@code host} set):
 * the default answer to {@link HostService.Lookups}' "does this host still have servers" and
 * "which servers are on it" until the composition root wires the server store's own.
 */
public final class SqlHostedServers {
    private final Tx tx;

    public SqlHostedServers(Database db) {
        this.tx = new Tx(db);
    }

    public boolean any(String host) {
        return tx.read(h -> h.createQuery("SELECT COUNT(*) FROM compute_instance WHERE host = :h "
                + "AND deleted_at IS NULL").bind("h", host).mapTo(Long.class).one() > 0);
    }

    public List<HostService.HostedServer> on(String host) {
        return tx.read(h -> h.createQuery("SELECT uuid, display_name FROM compute_instance WHERE host = :h "
                        + "AND deleted_at IS NULL ORDER BY created_at, id").bind("h", host)
                .map((rs, ctx) -> new HostService.HostedServer(rs.getString("uuid"), rs.getString("display_name")))
                .list());
    }
}
