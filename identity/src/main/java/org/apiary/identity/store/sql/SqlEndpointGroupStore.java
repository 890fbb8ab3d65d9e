package org.apiary.identity.store.sql;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.apiary.identity.domain.EndpointGroup;
import org.apiary.identity.store.EndpointGroupStore;
import org.jdbi.v3.core.Jdbi;

public final class SqlEndpointGroupStore implements EndpointGroupStore {
    private final Jdbi jdbi;

    public SqlEndpointGroupStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public void create(EndpointGroup g) {
        Sql.unique(() -> jdbi.useHandle(h -> h.createUpdate("INSERT INTO identity_endpoint_group (id, name, "
                        + "description, filters) VALUES (:id, :n, :d, :f)").bind("id", g.id()).bind("n", g.name())
                        .bind("d", g.description()).bind("f", Sql.json(g.filters())).execute()),
                "Conflict occurred attempting to store endpoint_group - Duplicate entry found with name " + g.name() + ".");
    }

    @Override
    public Optional<EndpointGroup> get(String id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM identity_endpoint_group WHERE id = :id")
                .bind("id", id).map((rs, ctx) -> row(rs)).findOne());
    }

    @Override
    public List<EndpointGroup> list() {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM identity_endpoint_group ORDER BY id")
                .map((rs, ctx) -> row(rs)).list());
    }

    @Override
    public void update(EndpointGroup g) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE identity_endpoint_group SET name = :n, description = :d, "
                        + "filters = :f WHERE id = :id").bind("id", g.id()).bind("n", g.name())
                .bind("d", g.description()).bind("f", Sql.json(g.filters())).execute());
    }

    @Override
    public void delete(String id) {
        jdbi.useTransaction(h -> {
            h.createUpdate("DELETE FROM identity_project_endpoint_group WHERE endpoint_group_id = :id").bind("id", id)
                    .execute();
            h.createUpdate("DELETE FROM identity_endpoint_group WHERE id = :id").bind("id", id).execute();
        });
    }

    @Override
    public void addGroupToProject(String groupId, String projectId) {
        Sql.unique(() -> jdbi.useHandle(h -> h.createUpdate("INSERT INTO identity_project_endpoint_group "
                        + "(endpoint_group_id, project_id) VALUES (:g, :p)").bind("g", groupId).bind("p", projectId)
                        .execute()),
                "Conflict occurred attempting to store project_endpoint_group - Duplicate entry.");
    }

    @Override
    public boolean groupInProject(String groupId, String projectId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM identity_project_endpoint_group "
                + "WHERE endpoint_group_id = :g AND project_id = :p").bind("g", groupId).bind("p", projectId)
                .mapTo(Integer.class).one()) > 0;
    }

    @Override
    public boolean removeGroupFromProject(String groupId, String projectId) {
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM identity_project_endpoint_group "
                + "WHERE endpoint_group_id = :g AND project_id = :p").bind("g", groupId).bind("p", projectId)
                .execute()) > 0;
    }

    @Override
    public List<String> projectsOfGroup(String groupId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT project_id FROM identity_project_endpoint_group "
                + "WHERE endpoint_group_id = :g ORDER BY project_id").bind("g", groupId).mapTo(String.class).list());
    }

    @Override
    public List<String> groupsOfProject(String projectId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT endpoint_group_id FROM identity_project_endpoint_group "
                + "WHERE project_id = :p ORDER BY endpoint_group_id").bind("p", projectId).mapTo(String.class).list());
    }

    @Override
    public void addEndpointToProject(String endpointId, String projectId) {
        Sql.unique(() -> jdbi.useHandle(h -> h.createUpdate("INSERT INTO identity_project_endpoint "
                        + "(endpoint_id, project_id) VALUES (:e, :p)").bind("e", endpointId).bind("p", projectId)
                        .execute()),
                "Conflict occurred attempting to store project_endpoint - Duplicate entry.");
    }

    @Override
    public boolean endpointInProject(String endpointId, String projectId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM identity_project_endpoint "
                + "WHERE endpoint_id = :e AND project_id = :p").bind("e", endpointId).bind("p", projectId)
                .mapTo(Integer.class).one()) > 0;
    }

    @Override
    public boolean removeEndpointFromProject(String endpointId, String projectId) {
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM identity_project_endpoint "
                + "WHERE endpoint_id = :e AND project_id = :p").bind("e", endpointId).bind("p", projectId)
                .execute()) > 0;
    }

    @Override
    public List<String> projectsOfEndpoint(String endpointId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT project_id FROM identity_project_endpoint "
                + "WHERE endpoint_id = :e ORDER BY project_id").bind("e", endpointId).mapTo(String.class).list());
    }

    @Override
    public List<String> endpointsOfProject(String projectId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT endpoint_id FROM identity_project_endpoint "
                + "WHERE project_id = :p ORDER BY endpoint_id").bind("p", projectId).mapTo(String.class).list());
    }

    @Override
    public void forgetProject(String projectId) {
        jdbi.useTransaction(h -> {
            h.createUpdate("DELETE FROM identity_project_endpoint_group WHERE project_id = :p").bind("p", projectId)
                    .execute();
            h.createUpdate("DELETE FROM identity_project_endpoint WHERE project_id = :p").bind("p", projectId)
                    .execute();
        });
    }

    @Override
    public void forgetEndpoint(String endpointId) {
        jdbi.useHandle(h -> h.createUpdate("DELETE FROM identity_project_endpoint WHERE endpoint_id = :e")
                .bind("e", endpointId).execute());
    }

    private static EndpointGroup row(ResultSet rs) throws SQLException {
        return new EndpointGroup(rs.getString("id"), rs.getString("name"), rs.getString("description"),
                Sql.map(rs.getString("filters")));
    }
}
