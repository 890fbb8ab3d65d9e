package org.apiary.identity.store.sql;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apiary.identity.domain.Project;
import org.apiary.identity.store.ProjectStore;
import org.jdbi.v3.core.Handle;
import org.apiary.store.Where;
import org.jdbi.v3.core.Jdbi;

public final class SqlProjectStore implements ProjectStore {
    private static final String COLUMNS = "id, name, domain_id, parent_id, description, enabled, is_domain, extra";
    private final Jdbi jdbi;

    public SqlProjectStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public void create(Project p) {
        Sql.unique(() -> jdbi.useTransaction(h -> {
            h.createUpdate("INSERT INTO identity_project (" + COLUMNS + ", created_at) VALUES (:id, :name, :domainId, "
                            + ":parentId, :description, :enabled, :isDomain, :extra, :now)")
                    .bind("id", p.id()).bind("name", p.name()).bind("domainId", p.domainId())
                    .bind("parentId", p.parentId()).bind("description", p.description())
                    .bind("enabled", Sql.bit(p.enabled())).bind("isDomain", Sql.bit(p.isDomain()))
                    .bind("extra", Sql.json(p.extra())).bind("now", System.currentTimeMillis()).execute();
            writeTags(h, p.id(), p.tags());
        }), conflictMessage(p));
    }

    @Override
    public Optional<Project> get(String id) {
        return jdbi.withHandle(h -> withTags(h, h.createQuery("SELECT " + COLUMNS + " FROM identity_project WHERE id = :id")
                .bind("id", id).map((rs, ctx) -> row(rs)).list())).stream().findFirst();
    }

    @Override
    public Optional<Project> findByName(String domainId, String name) {
        return jdbi.withHandle(h -> withTags(h, h.createQuery("SELECT " + COLUMNS
                        + " FROM identity_project WHERE domain_id = :d AND name = :n")
                .bind("d", domainId).bind("n", name).map((rs, ctx) -> row(rs)).list())).stream().findFirst();
    }

    @Override
    public List<Project> list(boolean domains, String domainId, String parentId, String name, Boolean enabled) {
        Where where = new Where().eq("is_domain", domains).eq("domain_id", domainId).eq("parent_id", parentId)
                .eq("name", name).eq("enabled", enabled);
        return jdbi.withHandle(h -> withTags(h, where.bindTo(h.createQuery("SELECT " + COLUMNS + " FROM identity_project"
                + where.sql() + " ORDER BY name, id")).map((rs, ctx) -> row(rs)).list()));
    }

    @Override
    public List<Project> children(String parentId) {
        return jdbi.withHandle(h -> withTags(h, h.createQuery("SELECT " + COLUMNS
                        + " FROM identity_project WHERE parent_id = :p AND is_domain = 0 ORDER BY name")
                .bind("p", parentId).map((rs, ctx) -> row(rs)).list()));
    }

    @Override
    public void update(Project p) {
        Sql.unique(() -> jdbi.useTransaction(h -> {
            h.createUpdate("UPDATE identity_project SET name = :name, parent_id = :parentId, description = :description, "
                            + "enabled = :enabled, extra = :extra WHERE id = :id")
                    .bind("id", p.id()).bind("name", p.name()).bind("parentId", p.parentId())
                    .bind("description", p.description()).bind("enabled", Sql.bit(p.enabled()))
                    .bind("extra", Sql.json(p.extra())).execute();
            h.createUpdate("DELETE FROM identity_project_tag WHERE project_id = :id").bind("id", p.id()).execute();
            writeTags(h, p.id(), p.tags());
        }), conflictMessage(p));
    }

    @Override
    public void delete(String id) {
        jdbi.useTransaction(h -> {
            h.createUpdate("DELETE FROM identity_project_tag WHERE project_id = :id").bind("id", id).execute();
            h.createUpdate("DELETE FROM identity_project WHERE id = :id").bind("id", id).execute();
        });
    }

    @Override
    public void deleteDomain(String domainId) {
        jdbi.useTransaction(h -> {
            h.createUpdate("DELETE FROM identity_project_tag WHERE project_id = :d OR project_id IN "
                    + "(SELECT id FROM identity_project WHERE domain_id = :d)").bind("d", domainId).execute();
            h.createUpdate("DELETE FROM identity_project WHERE domain_id = :d AND is_domain = 0")
                    .bind("d", domainId).execute();
            h.createUpdate("DELETE FROM identity_project WHERE id = :d AND is_domain = 1").bind("d", domainId).execute();
        });
    }

    /** Keystone's wording for a duplicate name (or id) in a domain. */
    private static String conflictMessage(Project p) {
        return p.isDomain()
                ? "Conflict occurred attempting to store project - it is not permitted to have two projects acting as "
                        + "domains with the same name: " + p.name() + "."
                : "Conflict occurred attempting to store project - it is not permitted to have two projects with either "
                        + "the same name or same id in the same domain: name is " + p.name() + ", project id " + p.id()
                        + ".";
    }

    private static void writeTags(Handle h, String projectId, List<String> tags) {
        for (String t : new LinkedHashSet<>(tags)) {
            h.createUpdate("INSERT INTO identity_project_tag (project_id, name) VALUES (:p, :n)")
                    .bind("p", projectId).bind("n", t).execute();
        }
    }

    /** Fills in tags with one query per call rather than one per project. */
    private static List<Project> withTags(Handle h, List<Project> rows) {
        if (rows.isEmpty()) {
            return rows;
        }
        Map<String, List<String>> tags = new HashMap<>();
        List<String> ids = rows.stream().map(Project::id).toList();
        for (int from = 0; from < ids.size(); from += 500) {
            // Bounded IN lists: some databases cap the number of bind parameters.
            h.createQuery("SELECT project_id, name FROM identity_project_tag WHERE project_id IN (<ids>) ORDER BY name")
                    .bindList("ids", ids.subList(from, Math.min(ids.size(), from + 500)))
                    .map((rs, ctx) -> Map.entry(rs.getString("project_id"), rs.getString("name")))
                    .forEach(e -> tags.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
        }
        List<Project> out = new ArrayList<>(rows.size());
        for (Project p : rows) {
            out.add(p.withTags(tags.getOrDefault(p.id(), List.of())));
        }
        return out;
    }

    private static Project row(ResultSet rs) throws SQLException {
        return new Project(rs.getString("id"), rs.getString("name"), rs.getString("domain_id"),
                rs.getString("parent_id"), rs.getString("description"), Sql.bool(rs, "enabled"),
                Sql.bool(rs, "is_domain"), new LinkedHashMap<>(Sql.map(rs.getString("extra"))), List.of());
    }
}
