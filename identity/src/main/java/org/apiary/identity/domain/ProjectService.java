package org.apiary.identity.domain;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.apiary.common.Ids;
import org.apiary.common.error.ServiceException;
import org.apiary.identity.store.ProjectStore;

/**
 * Keystone's resource rules for projects and domains. A domain is a project row acting as a
 * domain, as in Keystone, so the two share one code path: hierarchy constraints and depth limit on
 * create, enable/disable ordering, immutability, tags, and what a delete takes with it.
 */
public final class ProjectService {
    /** The one Keystone resource option for projects and domains. */
    public static final String IMMUTABLE = "immutable";
    /** Keystone's [resource] max_project_tree_depth default. */
    public static final int DEFAULT_MAX_TREE_DEPTH = 5;
    /** Keystone's [federation] federated_domain_name default; reserved, compared ignoring case. */
    private static final String FEDERATED_DOMAIN = "Federated";
    private static final String OPTIONS = "options";

    private final ProjectStore store;
    private final ProjectHierarchy hierarchy;
    private final ResourceCleanup cleanup;
    private final List<java.util.function.Consumer<Project>> deleteListeners;
    private final RoleResolver roles;
    private final RevocationService revocations;
    private final int maxTreeDepth;

    public ProjectService(IdentityStores stores, RoleResolver roles, RevocationService revocations) {
        this(stores, roles, revocations, DEFAULT_MAX_TREE_DEPTH);
    }

    public ProjectService(IdentityStores stores, RoleResolver roles, RevocationService revocations, int maxTreeDepth) {
        this.store = stores.projects();
        this.hierarchy = new ProjectHierarchy(store);
        this.cleanup = new ResourceCleanup(stores);
        this.deleteListeners = new java.util.concurrent.CopyOnWriteArrayList<>();
        this.roles = roles;
        this.revocations = revocations;
        this.maxTreeDepth = maxTreeDepth;
    }

    public ProjectHierarchy hierarchy() {
        return hierarchy;
    }

    /** A project or a domain (Keystone's get_project answers for both). */
    public Optional<Project> find(String id) {
        return store.get(id);
    }

    public Project get(String id) {
        return find(id).orElseThrow(() -> ServiceException.notFound("Could not find project: " + id + "."));
    }

    public Optional<Project> findDomain(String id) {
        return store.get(id).filter(Project::isDomain);
    }

    public Project getDomain(String id) {
        return findDomain(id).orElseThrow(() -> ServiceException.notFound("Could not find domain: " + id + "."));
    }

    public List<Project> list(ProjectQuery q) {
        return store.list(q.domains(), q.domainId(), q.parentId(), q.name(), q.enabled()).stream()
                .filter(q::matchesTags).toList();
    }

    public List<Project> listDomains(String name, Boolean enabled) {
        return store.list(true, null, null, name, enabled);
    }

    /** The projects among {@code candidates} the user holds a role on (how Keystone filters parents/subtree lists). */
    public List<Project> withRolesFor(String userId, List<Project> candidates) {
        Set<String> visible = roles.projectsWithRoles(userId);
        return candidates.stream().filter(p -> visible.contains(p.id())).toList();
    }

    /** Creates a regular project; {@code d.domainId()} is required, {@code d.parentId()} defaults to the domain. */
    public Project create(ProjectDraft d) {
        // Keystone reports a missing domain or parent on create as a 400, not a 404.
        Project domain = findDomain(d.domainId()).orElseThrow(() ->
                ServiceException.badRequest("Could not find domain: " + d.domainId() + "."));
        String parentId = d.parentId() == null ? domain.id() : d.parentId();
        Project parent = store.get(parentId).orElseThrow(() ->
                ServiceException.badRequest("Could not find project: " + parentId + "."));
        if (parent.isDomain() && !parent.id().equals(domain.id())) {
            throw ServiceException.badRequest("Cannot create project, the parent (" + parent.id() + ") is acting as a "
                    + "domain, but this project's domain id (" + domain.id() + ") does not match the parent's id.");
        }
        if (!parent.isDomain() && !parent.domainId().equals(domain.id())) {
            throw ServiceException.badRequest("Cannot create project, since it specifies its domain_id " + domain.id()
                    + ", but specifies a parent in a different domain (" + parent.domainId() + ").");
        }
        List<Project> branch = new ArrayList<>(hierarchy.parents(parent));
        branch.add(parent);
        for (Project p : branch) {
            if (!p.enabled()) {
                throw ServiceException.badRequest("cannot create a project in a branch containing a disabled project: "
                        + p.id());
            }
        }
        // The domain counts as a level, so Keystone allows one more than the configured depth.
        if (branch.size() + 1 > maxTreeDepth + 1) {
            throw ServiceException.forbidden("Max hierarchy depth reached for " + parent.id() + " branch.");
        }
        ProjectTags.validate("tags", d.tags());
        Project p = new Project(Ids.hex(), d.name().strip(), domain.id(), parent.id(), d.description(), d.enabled(),
                false, withOptions(d.extra(), d.options()), d.tags());
        store.create(p);
        return p;
    }

    /** Creates a domain, with the given id or a new one; a domain must be a root (no parent). */
    public Project createDomain(String id, ProjectDraft d) {
        String domainId = id == null ? Ids.hex() : id;
        requireNotFederated(domainId, d.name());
        if (d.parentId() != null) {
            throw ServiceException.badRequest("only root projects are allowed to act as domains.");
        }
        ProjectTags.validate("tags", d.tags());
        Project p = new Project(domainId, d.name().strip(), Project.ROOT_DOMAIN, null, d.description(), d.enabled(),
                true, withOptions(d.extra(), d.options()), d.tags());
        store.create(p);
        return p;
    }

    public Project update(String id, ProjectPatch patch) {
        return apply(get(id), patch);
    }

    public Project updateDomain(String id, ProjectPatch patch) {
        return apply(getDomain(id), patch);
    }

    private Project apply(Project original, ProjectPatch patch) {
        String kind = original.isDomain() ? "domain" : "project";
        String shownDomainId = original.isDomain() ? null : original.domainId();
        if (patch.domainId() != null && !Objects.equals(patch.domainId().value(), shownDomainId)) {
            throw ServiceException.badRequest("Cannot change Domain ID");
        }
        if (immutable(original) && !patch.onlyClearsImmutable()) {
            throw ServiceException.forbidden("Unable to update immutable " + kind + " resource: `" + original.id()
                    + ". Set resource option \"immutable\" to false first.");
        }
        if (original.isDomain() && patch.name() != null) {
            requireNotFederated(original.id(), patch.name());
        }
        if (patch.parentId() != null && !Objects.equals(patch.parentId().value(), original.parentId())) {
            throw ServiceException.forbidden("Update of `parent_id` is not allowed.");
        }
        if (patch.isDomain() != null && patch.isDomain() != original.isDomain()) {
            throw ServiceException.badRequest("Update of `is_domain` is not allowed.");
        }
        boolean enabled = patch.enabled() == null ? original.enabled() : patch.enabled();
        if (!original.enabled() && enabled && hierarchy.parents(original).stream().anyMatch(p -> !p.enabled())) {
            throw ServiceException.forbidden("Cannot enable project " + original.id() + " since it has disabled parents");
        }
        // A domain may be disabled with enabled projects in it: that disables them in effect.
        if (original.enabled() && !enabled && !original.isDomain()
                && hierarchy.subtree(original).stream().anyMatch(Project::enabled)) {
            throw ServiceException.forbidden("Cannot disable project " + original.id()
                    + " since its subtree contains enabled projects.");
        }
        List<String> tags = original.tags();
        if (patch.tags() != null) {
            ProjectTags.validate("tags", patch.tags());
            tags = patch.tags();
        }
        Map<String, Object> extra = new LinkedHashMap<>(original.extra());
        extra.putAll(patch.extra());
        Project updated = new Project(original.id(), patch.name() == null ? original.name() : patch.name().strip(),
                original.domainId(), original.parentId(),
                patch.description() == null ? original.description() : patch.description().value(), enabled,
                original.isDomain(), withOptions(extra, patch.options()), tags);
        store.update(updated);
        if (enabled != original.enabled()) {
            // Token validation checks the enabled flags; cached validations must be redone.
            revocations.identityChanged();
        }
        return updated;
    }

    /** DELETE /v3/projects/{id}: a leaf project, or a disabled domain. */
    public void delete(String id) {
        Project p = get(id);
        if (p.isDomain()) {
            deleteDomainRow(p);
        } else {
            deleteProjectRow(p);
        }
    }

    public void deleteDomain(String id) {
        deleteDomainRow(getDomain(id));
    }

    private void deleteProjectRow(Project p) {
        requireDeletable(p);
        if (!hierarchy.isLeaf(p)) {
            throw ServiceException.forbidden("Cannot delete the project " + p.id() + " since it is not a leaf in the "
                    + "hierarchy. Use the cascade option if you want to delete a whole subtree.");
        }
        revocations.revokeProject(p.id());
        cleanup.projects(List.of(p));
        deleteListeners.forEach(l -> l.accept(p));
        store.delete(p.id());
    }

    /**
     * Lets services that keep data about projects and domains (domain configuration, endpoint
     * group links) drop it when one is deleted, without this class knowing them.
     */
    public void onDelete(java.util.function.Consumer<Project> listener) {
        deleteListeners.add(listener);
    }

    private void deleteDomainRow(Project d) {
        requireDeletable(d);
        // Keystone insists on this so nobody deletes their own domain by accident.
        if (d.enabled()) {
            throw ServiceException.forbidden("Cannot delete a domain that is enabled, please disable it first.");
        }
        List<Project> projects = store.list(false, d.id(), null, null, null);
        for (Project p : projects) {
            requireDeletable(p);
        }
        // One event covers every token of the domain's users and projects, and domain-scoped ones.
        revocations.revokeDomain(d.id());
        cleanup.projects(projects);
        cleanup.domainOwned(d.id());
        projects.forEach(p -> deleteListeners.forEach(l -> l.accept(p)));
        deleteListeners.forEach(l -> l.accept(d));
        store.deleteDomain(d.id());
    }

    public List<String> tags(String projectId) {
        return get(projectId).tags();
    }

    public void requireTag(String projectId, String tag) {
        if (!get(projectId).tags().contains(tag)) {
            throw tagNotFound(tag);
        }
    }

    /** Replaces all tags, stripped of surrounding blanks as Keystone stores them. */
    public List<String> replaceTags(String projectId, List<String> tags) {
        ProjectTags.validate(null, tags);
        Project p = get(projectId);
        requireTaggable(p, "update");
        List<String> stripped = List.copyOf(new LinkedHashSet<>(tags.stream().map(String::strip).toList()));
        store.update(p.withTags(stripped));
        return stripped;
    }

    /** Adds one tag; adding one already present is a 400, as Keystone validates the list with it appended. */
    public void addTag(String projectId, String tag) {
        ProjectTags.validateOne(null, tag);
        Project p = get(projectId);
        List<String> tags = new ArrayList<>(p.tags());
        tags.add(tag);
        ProjectTags.validate(null, tags);
        requireTaggable(p, "create");
        tags.set(tags.size() - 1, tag.strip());
        store.update(p.withTags(tags));
    }

    public void removeTag(String projectId, String tag) {
        Project p = get(projectId);
        requireTaggable(p, "delete");
        List<String> tags = new ArrayList<>(p.tags());
        if (!tags.remove(tag)) {
            throw tagNotFound(tag);
        }
        store.update(p.withTags(tags));
    }

    private static ServiceException tagNotFound(String tag) {
        return ServiceException.notFound("Could not find project tag: " + tag + ".");
    }

    private static void requireTaggable(Project p, String verb) {
        if (immutable(p)) {
            throw ServiceException.forbidden("Cannot " + verb + " project tags for " + p.id() + ", project is immutable. "
                    + "Set \"immutable\" option to false before creating project tags.");
        }
    }

    private static void requireDeletable(Project p) {
        if (immutable(p)) {
            throw ServiceException.forbidden("Unable to delete immutable " + (p.isDomain() ? "domain" : "project")
                    + " resource: `" + p.id() + ". Set resource option \"immutable\" to false first.");
        }
    }

    private static void requireNotFederated(String id, String name) {
        // Keystone raises an AssertionError here, which it renders as a 500; a 400 says what is wrong.
        if (name != null && name.strip().equalsIgnoreCase(FEDERATED_DOMAIN)) {
            throw ServiceException.badRequest("Domain cannot be named " + name);
        }
        if (id.toLowerCase(Locale.ROOT).equals(FEDERATED_DOMAIN.toLowerCase(Locale.ROOT))) {
            throw ServiceException.badRequest("Domain cannot have ID " + id);
        }
    }

    public static boolean immutable(Project p) {
        return Boolean.TRUE.equals(options(p).get(IMMUTABLE));
    }

    /** Resource options live in the extra attributes under "options", which is where views read them. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> options(Project p) {
        Object o = p.extra().get(OPTIONS);
        return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    /** Merges option changes into the extra attributes; a null value removes that option. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> withOptions(Map<String, Object> extra, Map<String, Object> changes) {
        Map<String, Object> out = new LinkedHashMap<>(extra);
        Map<String, Object> options = new LinkedHashMap<>();
        if (out.get(OPTIONS) instanceof Map<?, ?> current) {
            options.putAll((Map<String, Object>) current);
        }
        if (changes != null) {
            changes.forEach((k, v) -> {
                if (v == null) {
                    options.remove(k);
                } else {
                    options.put(k, v);
                }
            });
        }
        out.put(OPTIONS, options);
        return out;
    }
}
