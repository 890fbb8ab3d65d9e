package org.apiary.identity.domain;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apiary.common.Ids;
import org.apiary.common.error.ServiceException;
import org.apiary.identity.store.EndpointGroupStore;

/**
 * OS-EP-FILTER (keystone/catalog/core.py): endpoint groups select endpoints by service_id,
 * region_id and interface; projects are associated with groups or directly with endpoints.
 * Associations whose project or endpoint has since been deleted are dropped when met (Keystone
 * removes them on the delete notification; the project and endpoint delete paths here do not
 * call back, so reads clean up instead and never show them).
 */
public final class EndpointGroupService {
    /** Fields an update sets; null means "not given" (description may be set to null explicitly). */
    public record Update(String name, boolean descriptionGiven, String description, Map<String, Object> filters) {}

    private final EndpointGroupStore store;
    private final CatalogAdmin catalog;
    private final ProjectService projects;

    public EndpointGroupService(EndpointGroupStore store, CatalogAdmin catalog, ProjectService projects) {
        this.store = store;
        this.catalog = catalog;
        this.projects = projects;
    }

    // ---- endpoint groups ----

    public EndpointGroup create(String name, String description, Map<String, Object> filters) {
        EndpointGroup g = new EndpointGroup(Ids.hex(), name, description, filters);
        store.create(g);
        return g;
    }

    public EndpointGroup get(String id) {
        return store.get(id).orElseThrow(() -> ServiceException.notFound("Could not find Endpoint Group: " + id + "."));
    }

    public List<EndpointGroup> list(String name) {
        return store.list().stream().filter(g -> name == null || name.equals(g.name())).toList();
    }

    public EndpointGroup update(String id, Update u) {
        EndpointGroup current = get(id);
        EndpointGroup updated = new EndpointGroup(id, u.name() != null ? u.name() : current.name(),
                u.descriptionGiven() ? u.description() : current.description(),
                u.filters() != null ? u.filters() : current.filters());
        store.update(updated);
        return updated;
    }

    public void delete(String id) {
        get(id);
        store.delete(id);
    }

    /** The endpoints the group's filters select. */
    public List<Endpoint> endpointsOf(String groupId) {
        EndpointGroup g = get(groupId);
        return catalog.listEndpoints(null, null, null).stream().filter(g::matches).toList();
    }

    // ---- groups ↔ projects ----

    public void addGroupToProject(String groupId, String projectId) {
        projects.get(projectId);
        get(groupId);
        store.addGroupToProject(groupId, projectId);
    }

    public void requireGroupInProject(String groupId, String projectId) {
        projects.get(projectId);
        get(groupId);
        if (!store.groupInProject(groupId, projectId)) {
            throw ServiceException.notFound("Endpoint Group Project Association not found");
        }
    }

    public void removeGroupFromProject(String groupId, String projectId) {
        projects.get(projectId);
        get(groupId);
        if (!store.removeGroupFromProject(groupId, projectId)) {
            throw ServiceException.notFound("Endpoint Group Project Association not found");
        }
    }

    /** Projects associated with the group; as in Keystone an unknown group has none (no 404). */
    public List<Project> projectsOfGroup(String groupId) {
        return existingProjects(store.projectsOfGroup(groupId));
    }

    public List<EndpointGroup> groupsOfProject(String projectId) {
        projects.get(projectId);
        List<EndpointGroup> out = new ArrayList<>();
        for (String id : store.groupsOfProject(projectId)) {
            store.get(id).ifPresent(out::add);
        }
        return out;
    }

    // ---- endpoints ↔ projects ----

    public void addEndpointToProject(String endpointId, String projectId) {
        catalog.getEndpoint(endpointId);
        projects.get(projectId);
        store.addEndpointToProject(endpointId, projectId);
    }

    public void requireEndpointInProject(String endpointId, String projectId) {
        catalog.getEndpoint(endpointId);
        projects.get(projectId);
        if (!store.endpointInProject(endpointId, projectId)) {
            throw associationNotFound(endpointId, projectId);
        }
    }

    /** As in Keystone, only the association itself has to exist. */
    public void removeEndpointFromProject(String endpointId, String projectId) {
        if (!store.removeEndpointFromProject(endpointId, projectId)) {
            throw associationNotFound(endpointId, projectId);
        }
    }

    public List<Project> projectsOfEndpoint(String endpointId) {
        catalog.getEndpoint(endpointId);
        return existingProjects(store.projectsOfEndpoint(endpointId));
    }

    /** Endpoints associated directly, then those of the project's endpoint groups, each once. */
    public List<Endpoint> endpointsOfProject(String projectId) {
        projects.get(projectId);
        Map<String, Endpoint> out = new LinkedHashMap<>();
        for (String id : store.endpointsOfProject(projectId)) {
            Optional<Endpoint> e = findEndpoint(id);
            if (e.isPresent()) {
                out.put(id, e.get());
            } else {
                store.removeEndpointFromProject(id, projectId); // the endpoint was deleted since
            }
        }
        List<Endpoint> all = catalog.listEndpoints(null, null, null);
        for (EndpointGroup g : groupsOfProject(projectId)) {
            all.stream().filter(g::matches).forEach(e -> out.putIfAbsent(e.id(), e));
        }
        return List.copyOf(out.values());
    }

    // ---- cleanup hooks for the project and endpoint delete paths ----

    public void forgetProject(String projectId) {
        store.forgetProject(projectId);
    }

    public void forgetEndpoint(String endpointId) {
        store.forgetEndpoint(endpointId);
    }

    private List<Project> existingProjects(List<String> ids) {
        List<Project> out = new ArrayList<>();
        for (String id : ids) {
            Optional<Project> p = projects.find(id);
            if (p.isPresent()) {
                out.add(p.get());
            } else {
                store.forgetProject(id); // the project was deleted since
            }
        }
        return out;
    }

    private Optional<Endpoint> findEndpoint(String id) {
        try {
            return Optional.of(catalog.getEndpoint(id));
        } catch (ServiceException e) {
            if (e.status() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private static ServiceException associationNotFound(String endpointId, String projectId) {
        return ServiceException.notFound("Endpoint " + endpointId + " not found in project " + projectId);
    }
}
