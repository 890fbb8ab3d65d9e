package org.apiary.identity.domain;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apiary.identity.store.ProjectStore;

/**
 * Walks the project tree. A top-level project's parent is its domain, so parent chains end at the
 * domain, as in Keystone. Every walk keeps a visited set so a corrupt cycle cannot loop forever.
 */
public final class ProjectHierarchy {
    private final ProjectStore store;

    ProjectHierarchy(ProjectStore store) {
        this.store = store;
    }

    /** Ancestors, nearest first, ending at the domain (Keystone's list_project_parents). */
    public List<Project> parents(Project p) {
        List<Project> out = new ArrayList<>();
        Set<String> seen = new HashSet<>(Set.of(p.id()));
        String next = p.parentId();
        while (next != null && seen.add(next)) {
            Optional<Project> parent = store.get(next);
            if (parent.isEmpty()) {
                break;
            }
            out.add(parent.get());
            next = parent.get().parentId();
        }
        return out;
    }

    /** Descendants level by level (Keystone's list_projects_in_subtree). */
    public List<Project> subtree(Project p) {
        List<Project> out = new ArrayList<>();
        Set<String> seen = new HashSet<>(Set.of(p.id()));
        List<Project> level = List.of(p);
        while (!level.isEmpty()) {
            List<Project> next = new ArrayList<>();
            for (Project parent : level) {
                for (Project child : store.children(parent.id())) {
                    if (seen.add(child.id())) {
                        next.add(child);
                    }
                }
            }
            out.addAll(next);
            level = next;
        }
        return out;
    }

    public boolean isLeaf(Project p) {
        return store.children(p.id()).isEmpty();
    }

    /** {@code {parent: {grandparent: {domain: null}}}}; null when there is no parent (a domain). */
    public Map<String, Object> parentsAsIds(Project p) {
        Map<String, Object> nested = null;
        List<Project> parents = parents(p);
        for (int i = parents.size() - 1; i >= 0; i--) {
            Map<String, Object> level = new LinkedHashMap<>();
            level.put(parents.get(i).id(), nested);
            nested = level;
        }
        return nested;
    }

    /** {@code {child: {grandchild: null}, sibling: null}}; null when there are no children. */
    public Map<String, Object> subtreeAsIds(Project p) {
        return subtreeAsIds(p.id(), new HashSet<>(Set.of(p.id())));
    }

    private Map<String, Object> subtreeAsIds(String id, Set<String> seen) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Project child : store.children(id)) {
            if (seen.add(child.id())) {
                out.put(child.id(), subtreeAsIds(child.id(), seen));
            }
        }
        return out.isEmpty() ? null : out;
    }
}
