package org.apiary.identity.store;

import java.util.List;
import java.util.Optional;
import org.apiary.identity.domain.Project;

/** Projects and domains (one table, as in Keystone) with their tags. */
public interface ProjectStore {
    void create(Project p);

    Optional<Project> get(String id);

    Optional<Project> findByName(String domainId, String name);

    /** All projects (or domains), optionally narrowed by exact-match filters left null when unused. */
    List<Project> list(boolean domains, String domainId, String parentId, String name, Boolean enabled);

    List<Project> children(String parentId);

    void update(Project p);

    void delete(String id);

    /** Deletes a domain's row, every project in it and their tags, in one transaction. */
    void deleteDomain(String domainId);
}
