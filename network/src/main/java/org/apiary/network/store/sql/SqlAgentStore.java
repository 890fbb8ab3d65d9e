package org.apiary.network.store.sql;

import static org.apiary.network.store.sql.JsonText.bit;
import static org.apiary.network.store.sql.JsonText.instant;
import static org.apiary.network.store.sql.JsonText.millis;

import com.fasterxml.jackson.core.type.TypeReference;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apiary.network.domain.Agent;
import org.apiary.network.store.AgentStore;
import org.apiary.store.Database;

public final class SqlAgentStore implements AgentStore {
    private static final String COLUMNS = "id, agent_type, binary_name, topic, host, availability_zone, "
            + "admin_state_up, description, configurations, created_at, started_at, heartbeat_at";
    private final Tx tx;

    public SqlAgentStore(Database db) {
        this.tx = new Tx(db);
    }

    @Override
    public Agent heartbeat(Agent a, boolean restarted, Instant now) {
        return tx.write(h -> {
            Optional<Agent> existing = h.createQuery("SELECT " + COLUMNS + " FROM network_agent WHERE agent_type = :t "
                    + "AND host = :h").bind("t", a.agentType()).bind("h", a.host()).map((rs, ctx) -> row(rs)).findOne();
            if (existing.isEmpty()) {
                // Two first heartbeats of one agent racing: the loser retries and takes the update path.
                Tx.insertOrRetry(() -> h.createUpdate("INSERT INTO network_agent (" + COLUMNS + ") VALUES (:id, :t, "
                                + ":b, :topic, :h, :az, 1, '', :conf, :now, :now, :now)")
                        .bind("id", a.id()).bind("t", a.agentType()).bind("b", a.binary()).bind("topic", a.topic())
                        .bind("h", a.host()).bind("az", a.availabilityZone())
                        .bind("conf", JsonText.write(a.configurations())).bind("now", millis(now)).execute(), "agent");
                return new Agent(a.id(), a.agentType(), a.binary(), a.topic(), a.host(), a.availabilityZone(), true,
                        "", a.configurations(), now, now, now);
            }
            Agent old = existing.get();
            Instant started = restarted ? now : old.startedAt();
            h.createUpdate("UPDATE network_agent SET binary_name = :b, topic = :topic, availability_zone = :az, "
                            + "configurations = :conf, started_at = :s, heartbeat_at = :now WHERE id = :id")
                    .bind("b", a.binary()).bind("topic", a.topic()).bind("az", a.availabilityZone())
                    .bind("conf", JsonText.write(a.configurations())).bind("s", millis(started))
                    .bind("now", millis(now)).bind("id", old.id()).execute();
            return new Agent(old.id(), a.agentType(), a.binary(), a.topic(), a.host(), a.availabilityZone(),
                    old.adminStateUp(), old.description(), a.configurations(), old.createdAt(), started, now);
        });
    }

    private static Agent row(ResultSet rs) throws SQLException {
        return new Agent(rs.getString("id"), rs.getString("agent_type"), rs.getString("binary_name"),
                rs.getString("topic"), rs.getString("host"), rs.getString("availability_zone"),
                rs.getInt("admin_state_up") != 0, rs.getString("description"),
                JsonText.read(rs.getString("configurations"), new TypeReference<Map<String, Object>>() {}),
                instant(rs.getLong("created_at")), instant(rs.getLong("started_at")),
                instant(rs.getLong("heartbeat_at")));
    }

    @Override
    public Optional<Agent> find(String id) {
        return tx.read(h -> h.createQuery("SELECT " + COLUMNS + " FROM network_agent WHERE id = :id").bind("id", id)
                .map((rs, ctx) -> row(rs)).findOne());
    }

    @Override
    public List<Agent> list() {
        return tx.read(h -> h.createQuery("SELECT " + COLUMNS + " FROM network_agent ORDER BY created_at, id")
                .map((rs, ctx) -> row(rs)).list());
    }

    @Override
    public void update(String id, boolean adminStateUp, String description) {
        tx.run(h -> h.createUpdate("UPDATE network_agent SET admin_state_up = :up, description = :d WHERE id = :id")
                .bind("up", bit(adminStateUp)).bind("d", description).bind("id", id).execute());
    }

    @Override
    public void delete(String id) {
        tx.run(h -> {
            h.createUpdate("DELETE FROM network_dhcp_binding WHERE agent_id = :id").bind("id", id).execute();
            h.createUpdate("DELETE FROM network_agent WHERE id = :id").bind("id", id).execute();
        });
    }

    @Override
    public Map<String, String> dhcpBindings() {
        return tx.read(h -> {
            Map<String, String> m = new LinkedHashMap<>();
            h.createQuery("SELECT network_id, agent_id FROM network_dhcp_binding").map((rs, ctx) ->
                    m.put(rs.getString(1), rs.getString(2))).list();
            return m;
        });
    }

    @Override
    public void bindDhcp(String networkId, String agentId) {
        tx.run(h -> {
            h.createUpdate("DELETE FROM network_dhcp_binding WHERE network_id = :n").bind("n", networkId).execute();
            h.createUpdate("INSERT INTO network_dhcp_binding (network_id, agent_id) VALUES (:n, :a)")
                    .bind("n", networkId).bind("a", agentId).execute();
        });
    }

    @Override
    public void unbindDhcp(String networkId) {
        tx.run(h -> h.createUpdate("DELETE FROM network_dhcp_binding WHERE network_id = :n").bind("n", networkId)
                .execute());
    }
}
