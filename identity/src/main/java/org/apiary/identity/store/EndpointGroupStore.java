package org.apiary.identity.store;

import java.util.List;
import java.util.Optional;
import org.apiary.identity.domain.EndpointGroup;

/** OS-EP-FILTER: endpoint groups, their project memberships, and direct project-endpoint associations. */
public interface EndpointGroupStore {
    void create(EndpointGroup g);

    Optional<EndpointGroup> get(String id);

    List<EndpointGroup> list();

    void update(EndpointGroup g);

    /** Deletes the group and its project memberships, in one transaction. */
    void delete(String id);

    /** 409 when the project already has the group. */
    void addGroupToProject(String groupId, String projectId);

    boolean groupInProject(String groupId, String projectId);

    /** @return whether there was such a membership */
    boolean removeGroupFromProject(String groupId, String projectId);

    List<String> projectsOfGroup(String groupId);

    List<String> groupsOfProject(String projectId);

    /** 409 when the endpoint is already associated with the project. */
    void addEndpointToProject(String endpointId, String projectId);

    boolean endpointInProject(String endpointId, String projectId);

    /** @return whether there was such an association */
    boolean removeEndpointFromProject(String endpointId, String projectId);

    List<String> projectsOfEndpoint(String endpointId);

    List<String> endpointsOfProject(String projectId);

    /** Drops every group membership and endpoint association of a deleted project, in one transaction. */
    void forgetProject(String projectId);

    /** Drops every project association of a deleted endpoint. */
    void forgetEndpoint(String endpointId);
}
