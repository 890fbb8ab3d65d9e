package org.apiary.network.store.sql;

import static org.apiary.network.store.sql.JsonText.bit;
import static org.apiary.network.store.sql.JsonText.instant;
import static org.apiary.network.store.sql.JsonText.millis;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.apiary.common.error.ErrorKind;
import org.apiary.network.domain.Faults;
import org.apiary.network.domain.SecurityGroup;
import org.apiary.network.domain.SecurityGroupRule;
import org.apiary.network.store.SecurityGroupStore;
import org.apiary.store.Database;
import org.jdbi.v3.core.Handle;

public final class SqlSecurityGroupStore implements SecurityGroupStore {
    private static final String RULE_COLUMNS = "id, security_group_id, project_id, direction, ethertype, protocol, "
            + "port_range_min, port_range_max, remote_ip_prefix, remote_group_id, description, revision_number, "
            + "created_at, updated_at";

    private final Tx tx;

    public SqlSecurityGroupStore(Database db) {
        this.tx = new Tx(db);
    }

    @Override
    public Optional<String> defaultGroupOf(String projectId) {
        return tx.read(h -> h.createQuery("SELECT security_group_id FROM network_default_security_group "
                + "WHERE project_id = :p").bind("p", projectId).mapTo(String.class).findOne());
    }

    @Override
    public Set<String> defaultGroupIds() {
        return tx.read(h -> Set.copyOf(h.createQuery("SELECT security_group_id FROM network_default_security_group")
                .mapTo(String.class).list()));
    }

    @Override
    public String createDefault(SecurityGroup g) {
        return tx.write(h -> {
            Optional<String> existing = h.createQuery("SELECT security_group_id FROM network_default_security_group "
                    + "WHERE project_id = :p").bind("p", g.projectId()).mapTo(String.class).findOne();
            if (existing.isPresent()) {
                return existing.get();
            }
            // A concurrent first request of the same project may insert first: retry, then find it.
            Tx.insertOrRetry(() -> h.createUpdate("INSERT INTO network_default_security_group (project_id, "
                    + "security_group_id) VALUES (:p, :g)").bind("p", g.projectId()).bind("g", g.id()).execute(),
                    "default security group");
            insertGroup(h, g);
            return g.id();
        });
    }

    private static void insertGroup(Handle h, SecurityGroup g) {
        h.createUpdate("INSERT INTO network_security_group (id, project_id, name, description, stateful, "
                        + "revision_number, created_at, updated_at) VALUES (:id, :p, :name, :d, :s, :rev, :c, :u)")
                .bind("id", g.id()).bind("p", g.projectId()).bind("name", g.name()).bind("d", g.description())
                .bind("s", bit(g.stateful())).bind("rev", g.revision()).bind("c", millis(g.createdAt()))
                .bind("u", millis(g.updatedAt())).execute();
        for (SecurityGroupRule r : g.rules()) {
            insertRule(h, r);
        }
    }

    private static void insertRule(Handle h, SecurityGroupRule r) {
        h.createUpdate("INSERT INTO network_security_group_rule (" + RULE_COLUMNS + ") VALUES (:id, :g, :p, :dir, "
                        + ":eth, :proto, :min, :max, :prefix, :remote, :d, :rev, :c, :u)")
                .bind("id", r.id()).bind("g", r.securityGroupId()).bind("p", r.projectId())
                .bind("dir", r.direction()).bind("eth", r.ethertype()).bind("proto", r.protocol())
                .bind("min", r.portRangeMin()).bind("max", r.portRangeMax()).bind("prefix", r.remoteIpPrefix())
                .bind("remote", r.remoteGroupId()).bind("d", r.description()).bind("rev", r.revision())
                .bind("c", millis(r.createdAt())).bind("u", millis(r.updatedAt())).execute();
    }

    @Override
    public SecurityGroup create(SecurityGroup g, int quota) {
        return tx.write(h -> {
            SqlNetworkStore.checkQuota(h, "security_group", g.projectId(), quota);
            insertGroup(h, g);
            return g;
        });
    }

    @Override
    public Optional<SecurityGroup> find(String id) {
        return tx.read(h -> groups(h, " WHERE id = :id", Map.of("id", id)).stream().findFirst());
    }

    @Override
    public List<SecurityGroup> list() {
        return tx.read(h -> groups(h, "", Map.of()));
    }

    private static List<SecurityGroup> groups(Handle h, String where, Map<String, Object> binds) {
        List<SecurityGroup> bare = h.createQuery("SELECT id, project_id, name, description, stateful, revision_number, "
                        + "created_at, updated_at FROM network_security_group" + where + " ORDER BY created_at, id")
                .bindMap(binds).map((rs, ctx) -> new SecurityGroup(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getInt(5) != 0, List.of(), rs.getLong(6), instant(rs.getLong(7)),
                        instant(rs.getLong(8)))).list();
        if (bare.isEmpty()) {
            return bare;
        }
        Map<String, List<SecurityGroupRule>> rules = new LinkedHashMap<>();
        String rw = bare.size() == 1 ? " WHERE security_group_id = :g" : "";
        var q = h.createQuery("SELECT " + RULE_COLUMNS + " FROM network_security_group_rule" + rw
                + " ORDER BY created_at, id");
        if (bare.size() == 1) {
            q.bind("g", bare.get(0).id());
        }
        q.map((rs, ctx) -> rule(rs)).list()
                .forEach(r -> rules.computeIfAbsent(r.securityGroupId(), k -> new ArrayList<>()).add(r));
        List<SecurityGroup> out = new ArrayList<>();
        for (SecurityGroup g : bare) {
            out.add(new SecurityGroup(g.id(), g.projectId(), g.name(), g.description(), g.stateful(),
                    rules.getOrDefault(g.id(), List.of()), g.revision(), g.createdAt(), g.updatedAt()));
        }
        return out;
    }

    private static SecurityGroupRule rule(ResultSet rs) throws SQLException {
        Integer min = (Integer) rs.getObject("port_range_min") == null ? null : rs.getInt("port_range_min");
        Integer max = rs.getObject("port_range_max") == null ? null : rs.getInt("port_range_max");
        return new SecurityGroupRule(rs.getString("id"), rs.getString("security_group_id"), rs.getString("project_id"),
                rs.getString("direction"), rs.getString("ethertype"), rs.getString("protocol"), min, max,
                rs.getString("remote_ip_prefix"), rs.getString("remote_group_id"), rs.getString("description"),
                rs.getLong("revision_number"), instant(rs.getLong("created_at")), instant(rs.getLong("updated_at")));
    }

    @Override
    public boolean update(SecurityGroup g, long expectedRevision) {
        return tx.write(h -> h.createUpdate("UPDATE network_security_group SET name = :name, description = :d, "
                        + "stateful = :s, revision_number = :rev, updated_at = :u WHERE id = :id AND revision_number = :e")
                .bind("name", g.name()).bind("d", g.description()).bind("s", bit(g.stateful()))
                .bind("rev", g.revision()).bind("u", millis(g.updatedAt())).bind("id", g.id())
                .bind("e", expectedRevision).execute() == 1);
    }

    @Override
    public void delete(String id) {
        tx.run(h -> {
            int used = h.createQuery("SELECT COUNT(*) FROM network_port_security_group WHERE security_group_id = :g")
                    .bind("g", id).mapTo(Integer.class).one();
            if (used > 0) {
                throw Faults.of(ErrorKind.CONFLICT, "SecurityGroupInUse", "Security Group " + id
                        + " in use.");
            }
            h.createUpdate("DELETE FROM network_security_group_rule WHERE security_group_id = :g").bind("g", id).execute();
            h.createUpdate("DELETE FROM network_default_security_group WHERE security_group_id = :g").bind("g", id)
                    .execute();
            h.createUpdate("DELETE FROM network_tag WHERE resource_id = :g").bind("g", id).execute();
            h.createUpdate("DELETE FROM network_security_group WHERE id = :g").bind("g", id).execute();
        });
    }

    @Override
    public SecurityGroupRule createRule(SecurityGroupRule r, Consumer<List<SecurityGroupRule>> checkSiblings,
                                        int quota) {
        return tx.write(h -> {
            int groups = h.createQuery("SELECT COUNT(*) FROM network_security_group WHERE id = :g")
                    .bind("g", r.securityGroupId()).mapTo(Integer.class).one();
            if (groups == 0) {
                throw Faults.securityGroupNotFound(r.securityGroupId());
            }
            checkSiblings.accept(h.createQuery("SELECT " + RULE_COLUMNS + " FROM network_security_group_rule "
                    + "WHERE security_group_id = :g").bind("g", r.securityGroupId()).map((rs, ctx) -> rule(rs)).list());
            SqlNetworkStore.checkQuota(h, "security_group_rule", r.projectId(), quota);
            insertRule(h, r);
            bumpGroup(h, r.securityGroupId(), r.createdAt());
            return r;
        });
    }

    @Override
    public Optional<SecurityGroupRule> findRule(String id) {
        return tx.read(h -> h.createQuery("SELECT " + RULE_COLUMNS + " FROM network_security_group_rule WHERE id = :id")
                .bind("id", id).map((rs, ctx) -> rule(rs)).findOne());
    }

    @Override
    public List<SecurityGroupRule> listRules() {
        return tx.read(h -> h.createQuery("SELECT " + RULE_COLUMNS + " FROM network_security_group_rule "
                + "ORDER BY created_at, id").map((rs, ctx) -> rule(rs)).list());
    }

    @Override
    public void deleteRule(String id) {
        tx.run(h -> {
            Optional<String> group = h.createQuery("SELECT security_group_id FROM network_security_group_rule "
                    + "WHERE id = :id").bind("id", id).mapTo(String.class).findOne();
            h.createUpdate("DELETE FROM network_security_group_rule WHERE id = :id").bind("id", id).execute();
            group.ifPresent(g -> bumpGroup(h, g, org.apiary.network.domain.NetworkService.now()));
        });
    }

    /** A rule change is a change of its group (Neutron: revises_on_change). */
    private static void bumpGroup(Handle h, String groupId, java.time.Instant at) {
        h.createUpdate("UPDATE network_security_group SET revision_number = revision_number + 1, updated_at = :u "
                + "WHERE id = :g").bind("u", millis(at)).bind("g", groupId).execute();
    }

    static boolean unique(Throwable e) {
        return Database.isUniqueViolation(e);
    }
}
