package org.apiary.identity.domain;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apiary.common.Ids;
import org.apiary.common.error.ServiceException;

/**
 * Groups and their members, following Keystone: a user of any domain may join a group of any
 * domain; removing a member revokes that user's tokens (the roles it held through the group may
 * be gone), and deleting a group that held grants revokes every member's tokens.
 */
public final class GroupService {
    /** A PATCH: null name/domainId are left alone; description is set when {@code descriptionSet}. */
    public record GroupChanges(String name, String domainId, boolean descriptionSet, String description,
                               Map<String, Object> extra) {}

    private final IdentityStores stores;
    private final RevocationService revocations;

    public GroupService(IdentityStores stores, RevocationService revocations) {
        this.stores = stores;
        this.revocations = revocations;
    }

    public Group create(String name, String domainId, String description, Map<String, Object> extra) {
        if (stores.projects().get(domainId).filter(Project::isDomain).isEmpty()) {
            throw ServiceException.notFound("Could not find domain: " + domainId + ".");
        }
        Group g = new Group(Ids.hex(), name.strip(), domainId, description == null ? "" : description, extra);
        stores.groups().create(g);
        return g;
    }

    public Group get(String id) {
        return find(id).orElseThrow(() -> notFound(id));
    }

    /** The group, or empty; for building policy targets before the existence check. */
    public Optional<Group> find(String id) {
        return stores.groups().get(id);
    }

    public List<Group> list(String domainId, String name) {
        return stores.groups().list(domainId, name);
    }

    public Group update(String id, GroupChanges c) {
        Group cur = get(id);
        if (c.domainId() != null && !c.domainId().equals(cur.domainId())) {
            throw ServiceException.badRequest("Cannot change Domain ID");
        }
        Map<String, Object> extra = new LinkedHashMap<>(cur.extra());
        if (c.extra() != null) {
            extra.putAll(c.extra());
        }
        Group updated = new Group(cur.id(), c.name() == null ? cur.name() : c.name().strip(), cur.domainId(),
                c.descriptionSet() ? c.description() : cur.description(), extra);
        stores.groups().update(updated);
        return updated;
    }

    public void delete(String id) {
        get(id);
        List<String> members = stores.users().userIdsIn(id);
        boolean heldGrants = !stores.assignments().forActors(List.of(id)).isEmpty();
        stores.groups().delete(id);
        stores.assignments().purge(id);
        if (heldGrants) {
            members.forEach(revocations::revokeUser);
        }
        revocations.identityChanged();
    }

    public List<User> members(String groupId, UserFilter filter) {
        get(groupId);
        return stores.users().listInGroup(groupId).stream().filter(filter::matches).toList();
    }

    /** Adding an existing member again is not an error. */
    public void addMember(String groupId, String userId) {
        get(groupId);
        requireUser(userId);
        stores.users().addToGroup(userId, groupId);
        revocations.identityChanged(); // cached token validations may now lack the group's roles
    }

    public void removeMember(String groupId, String userId) {
        if (!stores.users().removeFromGroup(userId, groupId)) {
            get(groupId);
            requireUser(userId);
            throw notMember(groupId, userId);
        }
        revocations.revokeUser(userId);
    }

    /** Throws 404 unless the user is a member of the group. */
    public void checkMember(String groupId, String userId) {
        get(groupId);
        requireUser(userId);
        if (!stores.users().isInGroup(userId, groupId)) {
            throw notMember(groupId, userId);
        }
    }

    private void requireUser(String userId) {
        if (stores.users().get(userId).isEmpty()) {
            throw UserService.notFound(userId);
        }
    }

    private static ServiceException notMember(String groupId, String userId) {
        return ServiceException.notFound("User '" + userId + "' not found in group '" + groupId + "'");
    }

    private static ServiceException notFound(String groupId) {
        return ServiceException.notFound("Could not find group: " + groupId + ".");
    }
}
