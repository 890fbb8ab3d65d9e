package org.apiary.identity.domain;

import java.util.ArrayList;
import java.util.List;
import org.apiary.common.error.ServiceException;
import org.apiary.identity.domain.Assignment.Type;

/**
 * Role grants: a user or group holds a role on a project, a domain (optionally inherited to the
 * projects below) or the system. Lookups follow Keystone's order (role, then actor, then target)
 * so the same request yields the same 404.
 *
 * Removing a grant does not write a revocation event, as in Keystone: tokens carry no roles,
 * validation recomputes them, so a token simply loses the role (or stops validating when no role
 * on its scope remains) once cached validations are dropped.
 */
public final class AssignmentService {
    public enum Actor { USER, GROUP }

    public enum Target { PROJECT, DOMAIN, SYSTEM }

    /** One grant as the API names it; targetId is ignored for the system. */
    public record Grant(Actor actor, String actorId, Target target, String targetId, String roleId,
                        boolean inherited) {}

    /**
     * The entities a grant names, for policy targets. The actor is null when it does not exist
     * and {@code allowMissingActor} was asked for (revoking a deleted user's grant); role is null
     * on lists.
     */
    public record Parties(Role role, User user, Group group, Project project, Project domain) {}

    private final IdentityStores stores;
    private final RevocationService revocations;

    public AssignmentService(IdentityStores stores, RevocationService revocations) {
        this.stores = stores;
        this.revocations = revocations;
    }

    /** Looks up what a grant request names; 404 for the first missing entity. */
    public Parties resolve(Actor actor, String actorId, Target target, String targetId, String roleId,
                           boolean allowMissingActor) {
        Role role = roleId == null ? null : stores.roles().get(roleId)
                .orElseThrow(() -> ServiceException.notFound("Could not find role: " + roleId + "."));
        User user = null;
        Group group = null;
        if (actor == Actor.USER) {
            user = stores.users().get(actorId).orElse(null);
            if (user == null && !allowMissingActor) {
                throw ServiceException.notFound("Could not find user: " + actorId + ".");
            }
        } else {
            group = stores.groups().get(actorId).orElse(null);
            if (group == null && !allowMissingActor) {
                throw ServiceException.notFound("Could not find group: " + actorId + ".");
            }
        }
        Project project = target == Target.PROJECT ? project(targetId) : null;
        Project domain = target == Target.DOMAIN ? domain(targetId) : null;
        return new Parties(role, user, group, project, domain);
    }

    public void grant(Grant g) {
        Parties p = resolve(g.actor(), g.actorId(), g.target(), g.targetId(), g.roleId(), false);
        String roleDomain = p.role().domainId();
        if (roleDomain != null) {
            if (g.target() == Target.SYSTEM) {
                throw ServiceException.badRequest("Role " + g.roleId() + " is a domain-specific role. Unable to use "
                        + "a domain-specific role in a system assignment.");
            }
            String targetDomain = g.target() == Target.PROJECT ? p.project().domainId() : p.domain().id();
            if (!roleDomain.equals(targetDomain)) {
                String what = g.target() == Target.PROJECT ? "Project " : "Domain ";
                throw ServiceException.forbidden(what + g.targetId() + " must be in the same domain as the role "
                        + g.roleId() + " being assigned.");
            }
        }
        stores.assignments().grant(toAssignment(g));
        revocations.identityChanged();
    }

    /** 404 unless the grant exists. */
    public void check(Grant g) {
        resolve(g.actor(), g.actorId(), g.target(), g.targetId(), g.roleId(), false);
        if (!stores.assignments().exists(toAssignment(g))) {
            throw missing(g);
        }
    }

    /** Roles granted directly to the actor on the target (inherited or not, as asked). */
    public List<Role> list(Actor actor, String actorId, Target target, String targetId, boolean inherited) {
        resolve(actor, actorId, target, targetId, null, false);
        Type type = type(actor, target);
        String t = target == Target.SYSTEM ? Assignment.SYSTEM_TARGET : targetId;
        List<Role> out = new ArrayList<>();
        for (Assignment a : stores.assignments().find(null, List.of(actorId), List.of(t), List.of(type), inherited)) {
            stores.roles().get(a.roleId()).ifPresent(out::add);
        }
        return out;
    }

    /** Removes the grant; 404 when it did not exist. The actor itself may already be gone. */
    public void revoke(Grant g) {
        resolve(g.actor(), g.actorId(), g.target(), g.targetId(), g.roleId(), true);
        if (!stores.assignments().revoke(toAssignment(g))) {
            throw missing(g);
        }
        revocations.identityChanged();
    }

    private Project project(String id) {
        return stores.projects().get(id).filter(p -> !p.isDomain())
                .orElseThrow(() -> ServiceException.notFound("Could not find project: " + id + "."));
    }

    private Project domain(String id) {
        return stores.projects().get(id).filter(Project::isDomain)
                .orElseThrow(() -> ServiceException.notFound("Could not find domain: " + id + "."));
    }

    static Type type(Actor actor, Target target) {
        boolean user = actor == Actor.USER;
        return switch (target) {
            case PROJECT -> user ? Type.UserProject : Type.GroupProject;
            case DOMAIN -> user ? Type.UserDomain : Type.GroupDomain;
            case SYSTEM -> user ? Type.UserSystem : Type.GroupSystem;
        };
    }

    private static Assignment toAssignment(Grant g) {
        String target = g.target() == Target.SYSTEM ? Assignment.SYSTEM_TARGET : g.targetId();
        return new Assignment(type(g.actor(), g.target()), g.actorId(), target, g.roleId(),
                g.target() != Target.SYSTEM && g.inherited());
    }

    private static ServiceException missing(Grant g) {
        String target = g.target() == Target.SYSTEM ? Assignment.SYSTEM_TARGET : g.targetId();
        return ServiceException.notFound("Could not find role assignment with role: " + g.roleId()
                + ", user or group: " + g.actorId() + ", project, domain, or system: " + target + ".");
    }
}
