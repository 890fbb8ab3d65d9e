package org.apiary.identity.store;

import java.util.List;
import java.util.Optional;
import org.apiary.identity.domain.Role;

/** Roles and the implied-role graph (prior role implies implied role). */
public interface RoleStore {
    void create(Role r);

    Optional<Role> get(String id);

    Optional<Role> findByName(String name, String domainId);

    /** Global roles when domainId is null, else that domain's roles. */
    List<Role> list(String domainId, String name);

    List<Role> all();

    void update(Role r);

    /** Deletes the role with its implied-role rules and every grant of it, in one transaction. */
    void delete(String id);

    /** Adds the rule; adding an existing rule again is not an error. */
    void addImplied(String priorRoleId, String impliedRoleId);

    void removeImplied(String priorRoleId, String impliedRoleId);

    boolean implies(String priorRoleId, String impliedRoleId);

    /** All (prior, implied) pairs. */
    List<String[]> impliedPairs();
}
