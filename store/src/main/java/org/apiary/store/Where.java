package org.apiary.store;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.statement.SqlStatement;

/**
 * A WHERE clause built from optional filters: a filter whose value is null is left out, so list
 * queries with many optional filters need neither string juggling nor matching bind calls.
 */
public final class Where {
    private final List<String> clauses = new ArrayList<>();
    private final Map<String, Object> values = new LinkedHashMap<>();
    private final Map<String, List<?>> lists = new LinkedHashMap<>();

    /** {@code column = value}, when value is not null. Booleans are stored as 0/1. */
    public Where eq(String column, Object value) {
        if (value != null) {
            String name = "w" + (values.size() + lists.size());
            clauses.add(column + " = :" + name);
            values.put(name, value instanceof Boolean b ? (b ? 1 : 0) : value);
        }
        return this;
    }

    /** {@code column IN (values)}, when values is not null. An empty collection matches nothing. */
    public Where in(String column, Collection<?> in) {
        if (in != null) {
            if (in.isEmpty()) {
                clauses.add("1 = 0");
            } else {
                String name = "w" + (values.size() + lists.size());
                clauses.add(column + " IN (<" + name + ">)");
                lists.put(name, List.copyOf(in));
            }
        }
        return this;
    }

    /** " WHERE a = :w0 AND ..." or "" when there is no filter. */
    public String sql() {
        return clauses.isEmpty() ? "" : " WHERE " + String.join(" AND ", clauses);
    }

    public <T extends SqlStatement<T>> T bindTo(T statement) {
        values.forEach(statement::bind);
        lists.forEach(statement::bindList);
        return statement;
    }
}
