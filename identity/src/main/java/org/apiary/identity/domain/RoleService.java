package org.apiary.identity.domain;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apiary.common.Ids;
import org.apiary.common.error.ServiceException;
import org.apiary.identity.store.ProjectStore;
import org.apiary.identity.store.RoleStore;

/**
 * Roles (global or domain-specific) and the implied-role rules between them, with Keystone's
 * invariants: immutable roles refuse change, domain_id never changes, a global role cannot imply
 * a domain-specific one, and roles named in {@link #PROHIBITED_IMPLIED} cannot be implied.
 */
public final class RoleService {
    /** Keystone's [assignment] prohibited_implied_role default. */
    public static final Set<String> PROHIBITED_IMPLIED = Set.of("admin");
    public static final String IMMUTABLE = "immutable";

    /** Fields of a PATCH; {@code null} means "not in the request" except where a has* flag says otherwise. */
    public record Patch(String name, boolean hasDescription, String description, boolean hasDomainId, String domainId,
                        Map<String, Object> options, Map<String, Object> extra, int keyCount) {}

    private final RoleStore roles;
    private final ProjectStore projects;
    private final RevocationService revocations;

    public RoleService(IdentityStores stores, RevocationService revocations) {
        this.roles = stores.roles();
        this.projects = stores.projects();
        this.revocations = revocations;
    }

    public Role create(String name, String domainId, String description, Map<String, Object> options,
                       Map<String, Object> extra) {
        if (domainId != null) {
            requireDomain(domainId);
        }
        Map<String, Object> opts = new LinkedHashMap<>();
        mergeOptions(opts, options);
        Role r = new Role(Ids.hex(), name, domainId, description, extra, opts);
        roles.create(r);
        return r;
    }

    public Optional<Role> find(String id) {
        return roles.get(id);
    }

    public Role get(String id) {
        return roles.get(id).orElseThrow(() -> notFound(id));
    }

    /** Global roles when domainId is null (Keystone lists domain roles only when asked for a domain). */
    public List<Role> list(String domainId, String name) {
        return roles.list(domainId, name);
    }

    public Role update(String id, Patch p) {
        Role current = get(id);
        if (isImmutable(current) && !onlyClearsImmutable(p)) {
            throw ServiceException.forbidden("Unable to update immutable role resource: `" + id
                    + ". Set resource option \"immutable\" to false first.");
        }
        if (p.hasDomainId() && !java.util.Objects.equals(p.domainId(), current.domainId())) {
            throw ServiceException.badRequest("Update of `domain_id` is not allowed.");
        }
        Map<String, Object> extra = new HashMap<>(current.extra());
        extra.putAll(p.extra());
        Map<String, Object> options = new LinkedHashMap<>(current.options());
        mergeOptions(options, p.options());
        Role updated = new Role(id, p.name() != null ? p.name() : current.name(), current.domainId(),
                p.hasDescription() ? p.description() : current.description(), extra, options);
        roles.update(updated);
        return updated;
    }

    /** Deletes the role, its grants and its implied-role rules; tokens are re-evaluated everywhere. */
    public void delete(String id) {
        Role r = get(id);
        if (isImmutable(r)) {
            throw ServiceException.forbidden("Unable to delete immutable role resource: `" + id
                    + ". Set resource option \"immutable\" to false first.");
        }
        roles.delete(id);
        revocations.revokeRole(id);
    }

    public void addImplied(String priorId, String impliedId) {
        Role prior = get(priorId);
        Role implied = get(impliedId);
        if (PROHIBITED_IMPLIED.contains(implied.name())) {
            throw ServiceException.forbidden(impliedId + " cannot be an implied roles.");
        }
        if (prior.domainId() == null && implied.domainId() != null) {
            // Keystone hides its detailed message behind the generic format outside insecure_debug.
            throw ServiceException.forbidden(impliedId + " cannot be an implied roles.");
        }
        if (roles.implies(priorId, impliedId)) {
            throw ServiceException.conflict("Conflict occurred attempting to store implied_role - Duplicate entry.");
        }
        roles.addImplied(priorId, impliedId);
        revocations.identityChanged();
    }

    /** Throws 404 unless prior implies implied directly. */
    public void requireImplied(String priorId, String impliedId) {
        if (!roles.implies(priorId, impliedId)) {
            throw ServiceException.notFound(priorId + " does not imply " + impliedId + ".");
        }
    }

    public void removeImplied(String priorId, String impliedId) {
        requireImplied(priorId, impliedId);
        roles.removeImplied(priorId, impliedId);
        revocations.identityChanged();
    }

    /** Roles the prior role implies directly. */
    public List<Role> impliedBy(String priorId) {
        List<Role> out = new ArrayList<>();
        for (String[] pair : roles.impliedPairs()) {
            if (pair[0].equals(priorId)) {
                roles.get(pair[1]).ifPresent(out::add);
            }
        }
        return out;
    }

    /** Every rule, grouped by prior role in first-seen order. */
    public Map<Role, List<Role>> inferenceRules() {
        Map<String, Role> byId = new HashMap<>();
        roles.all().forEach(r -> byId.put(r.id(), r));
        Map<Role, List<Role>> out = new LinkedHashMap<>();
        for (String[] pair : roles.impliedPairs()) {
            Role prior = byId.get(pair[0]);
            Role implied = byId.get(pair[1]);
            if (prior != null && implied != null) {
                out.computeIfAbsent(prior, k -> new ArrayList<>()).add(implied);
            }
        }
        return out;
    }

    public static boolean isImmutable(Role r) {
        return Boolean.TRUE.equals(r.options().get(IMMUTABLE));
    }

    /** The one change an immutable role accepts: options.immutable set to false or null, and nothing else. */
    private static boolean onlyClearsImmutable(Patch p) {
        return p.keyCount() == 1 && p.options() != null && p.options().containsKey(IMMUTABLE)
                && !Boolean.TRUE.equals(p.options().get(IMMUTABLE));
    }

    /** Resource options: a null value removes the option, others set it; unnamed options stay. */
    private static void mergeOptions(Map<String, Object> into, Map<String, Object> changes) {
        if (changes == null) {
            return;
        }
        changes.forEach((k, v) -> {
            if (v == null) {
                into.remove(k);
            } else {
                into.put(k, v);
            }
        });
    }

    private void requireDomain(String domainId) {
        if (projects.get(domainId).filter(Project::isDomain).isEmpty()) {
            throw ServiceException.notFound("Could not find domain: " + domainId + ".");
        }
    }

    private static ServiceException notFound(String id) {
        return ServiceException.notFound("Could not find role: " + id + ".");
    }
}
