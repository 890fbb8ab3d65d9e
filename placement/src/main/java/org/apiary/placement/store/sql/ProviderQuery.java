package org.apiary.placement.store.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apiary.placement.domain.Failures;
import org.apiary.placement.domain.Provider;
import org.apiary.placement.domain.ProviderFilter;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;

/** Builds the SQL of GET /resource_providers from its filters: one statement, sub-selects per filter. */
final class ProviderQuery {
    static final String SELECT = "SELECT p.uuid, p.name, p.generation, pp.uuid AS parent_uuid, r.uuid AS root_uuid, "
            + "p.updated_at FROM placement_providers p LEFT JOIN placement_providers pp ON pp.id = p.parent_id "
            + "JOIN placement_providers r ON r.id = p.root_id";
    private static final String IN_AGGREGATES = "SELECT pa.provider_id FROM placement_provider_aggregates pa "
            + "JOIN placement_aggregates a ON a.id = pa.aggregate_id WHERE a.uuid IN (<%s>)";
    private static final String WITH_TRAITS = "SELECT pt.provider_id FROM placement_provider_traits pt "
            + "JOIN placement_traits t ON t.id = pt.trait_id WHERE t.name IN (<%s>)";
    // Upstream's capacity rule: the amount fits next to current usage and obeys min/max/step.
    private static final String WITH_ROOM = "SELECT i.provider_id FROM placement_inventories i "
            + "JOIN placement_resource_classes c ON c.id = i.resource_class_id WHERE c.name = :%1$s_rc "
            + "AND (i.total - i.reserved) * i.allocation_ratio >= :%1$s_amount + COALESCE((SELECT SUM(a.used) "
            + "FROM placement_allocations a WHERE a.provider_id = i.provider_id "
            + "AND a.resource_class_id = i.resource_class_id), 0) "
            + "AND i.min_unit <= :%1$s_amount AND i.max_unit >= :%1$s_amount AND :%1$s_amount %% i.step_size = 0";

    private ProviderQuery() {}

    static List<Provider> run(Handle h, ProviderFilter f) {
        checkNamesExist(h, f);
        StringBuilder sql = new StringBuilder(SELECT).append(" WHERE 1 = 1");
        List<Runnable> binds = new ArrayList<>();
        Query[] q = new Query[1];
        if (f.name() != null) {
            sql.append(" AND p.name = :name");
            binds.add(() -> q[0].bind("name", f.name()));
        }
        if (f.uuid() != null) {
            sql.append(" AND p.uuid = :uuid");
            binds.add(() -> q[0].bind("uuid", f.uuid()));
        }
        if (f.inTree() != null) {
            sql.append(" AND p.root_id = (SELECT t.root_id FROM placement_providers t WHERE t.uuid = :tree)");
            binds.add(() -> q[0].bind("tree", f.inTree()));
        }
        int n = 0;
        for (Set<String> any : f.memberOf()) {
            String key = "agg" + n++;
            sql.append(" AND p.id IN (").append(IN_AGGREGATES.formatted(key)).append(")");
            binds.add(() -> q[0].bindList(key, List.copyOf(any)));
        }
        if (!f.forbiddenAggregates().isEmpty()) {
            sql.append(" AND p.id NOT IN (").append(IN_AGGREGATES.formatted("notagg")).append(")");
            binds.add(() -> q[0].bindList("notagg", List.copyOf(f.forbiddenAggregates())));
        }
        for (Set<String> any : f.requiredTraits()) {
            String key = "trait" + n++;
            sql.append(" AND p.id IN (").append(WITH_TRAITS.formatted(key)).append(")");
            binds.add(() -> q[0].bindList(key, List.copyOf(any)));
        }
        if (!f.forbiddenTraits().isEmpty()) {
            sql.append(" AND p.id NOT IN (").append(WITH_TRAITS.formatted("nottrait")).append(")");
            binds.add(() -> q[0].bindList("nottrait", List.copyOf(f.forbiddenTraits())));
        }
        for (Map.Entry<String, Long> r : f.resources().entrySet()) {
            String key = "res" + n++;
            sql.append(" AND p.id IN (").append(WITH_ROOM.formatted(key)).append(")");
            binds.add(() -> q[0].bind(key + "_rc", r.getKey()).bind(key + "_amount", r.getValue()));
        }
        sql.append(" ORDER BY p.id");
        q[0] = h.createQuery(sql.toString());
        binds.forEach(Runnable::run);
        return q[0].map((rs, ctx) -> row(rs)).list();
    }

    static Provider row(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Provider(rs.getString("uuid"), rs.getString("name"), rs.getLong("generation"),
                rs.getString("parent_uuid"), rs.getString("root_uuid"), rs.getLong("updated_at"));
    }

    /** Unknown classes and traits are a 400, as upstream (unknown aggregates just match nothing). */
    private static void checkNamesExist(Handle h, ProviderFilter f) {
        for (String rc : new TreeSet<>(f.resources().keySet())) {
            if (Refs.resourceClassId(h, rc).isEmpty()) {
                throw Failures.badRequest("Invalid resource class in resources parameter: No such resource class "
                        + rc + ".");
            }
        }
        Set<String> traits = new TreeSet<>(f.forbiddenTraits());
        f.requiredTraits().forEach(traits::addAll);
        for (String t : traits) {
            if (Refs.traitId(h, t).isEmpty()) {
                throw Failures.badRequest("Invalid trait(s) in \"required\" parameter: No such trait(s): " + t + ".");
            }
        }
    }
}
