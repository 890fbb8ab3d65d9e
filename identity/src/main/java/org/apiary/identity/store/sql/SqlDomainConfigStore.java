package org.apiary.identity.store.sql;

import java.io.IOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import org.apiary.common.json.Json;
import org.apiary.identity.domain.DomainConfigOption;
import org.apiary.identity.store.DomainConfigStore;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

public final class SqlDomainConfigStore implements DomainConfigStore {
    private final Jdbi jdbi;

    public SqlDomainConfigStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public List<DomainConfigOption> list(String domainId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM identity_domain_config WHERE domain_id = :d "
                + "ORDER BY group_name, option_name").bind("d", domainId).map((rs, ctx) -> row(rs)).list());
    }

    @Override
    public void replace(String domainId, List<DomainConfigOption> options) {
        jdbi.useTransaction(h -> {
            h.createUpdate("DELETE FROM identity_domain_config WHERE domain_id = :d").bind("d", domainId).execute();
            for (DomainConfigOption o : options) {
                insert(h, domainId, o);
            }
        });
    }

    @Override
    public void upsert(String domainId, List<DomainConfigOption> options) {
        jdbi.useTransaction(h -> {
            for (DomainConfigOption o : options) {
                deleteRows(h, domainId, o.group(), o.option());
                insert(h, domainId, o);
            }
        });
    }

    @Override
    public void delete(String domainId, String group, String option) {
        jdbi.useHandle(h -> deleteRows(h, domainId, group, option));
    }

    private static void insert(Handle h, String domainId, DomainConfigOption o) {
        h.createUpdate("INSERT INTO identity_domain_config (domain_id, group_name, option_name, option_value, "
                        + "sensitive) VALUES (:d, :g, :o, :v, :s)").bind("d", domainId).bind("g", o.group())
                .bind("o", o.option()).bind("v", new String(Json.bytes(o.value()), java.nio.charset.StandardCharsets.UTF_8))
                .bind("s", Sql.bit(o.sensitive())).execute();
    }

    private static void deleteRows(Handle h, String domainId, String group, String option) {
        String sql = "DELETE FROM identity_domain_config WHERE domain_id = :d" + (group != null ? " AND group_name = :g" : "")
                + (group != null && option != null ? " AND option_name = :o" : "");
        var u = h.createUpdate(sql).bind("d", domainId);
        if (group != null) {
            u.bind("g", group);
            if (option != null) {
                u.bind("o", option);
            }
        }
        u.execute();
    }

    private static DomainConfigOption row(ResultSet rs) throws SQLException {
        Object value;
        try {
            value = Json.MAPPER.readValue(rs.getString("option_value"), Object.class);
        } catch (IOException e) {
            throw new IllegalStateException("corrupt JSON column: " + e.getMessage(), e);
        }
        return new DomainConfigOption(rs.getString("group_name"), rs.getString("option_name"), value,
                Sql.bool(rs, "sensitive"));
    }
}
