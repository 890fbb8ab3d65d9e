package org.apiary.image.domain;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.apiary.common.error.ServiceException;
import org.apiary.image.domain.MetadefItem.Kind;
import org.apiary.image.store.MetadefStore;

/**
 * Metadata definitions (Glance's metadefs): namespaces visible to their owner or to everyone
 * when public, holding properties, objects and tags, and associated with resource types.
 * Nothing in a protected namespace can be deleted; names are unique within a namespace.
 */
public final class MetadefService {
    private final MetadefStore store;

    public MetadefService(MetadefStore store) {
        this.store = store;
    }

    public boolean visible(Viewer v, MetadefNamespace ns) {
        return v.admin() || ns.owner() == null || ns.visibility().equals("public")
                || ns.owner().equals(v.projectId());
    }

    public MetadefNamespace get(Viewer viewer, String name) {
        return store.namespace(name).filter(ns -> visible(viewer, ns))
                .orElseThrow(() -> ServiceException.notFound("Metadata definition namespace=" + name + " was not found."));
    }

    /** Namespaces the viewer sees, newest first, optionally of one visibility or resource type. */
    public List<MetadefNamespace> list(Viewer viewer, String visibility, List<String> resourceTypes) {
        return store.namespaces().stream()
                .filter(ns -> visible(viewer, ns))
                .filter(ns -> visibility == null || ns.visibility().equals(visibility))
                .filter(ns -> resourceTypes.isEmpty() || store.associations(ns.id()).stream()
                        .anyMatch(a -> resourceTypes.contains(a.name())))
                .toList();
    }

    /** Creates a namespace with whatever it comes with; if any part collides, nothing is kept. */
    public MetadefNamespace create(MetadefNamespace draft, List<MetadefAssociation> associations,
                                   List<MetadefItem> properties, List<MetadefItem> objects, List<MetadefItem> tags) {
        var now = ImageService.now();
        MetadefNamespace ns = new MetadefNamespace(UUID.randomUUID().toString(), draft.namespace(),
                draft.displayName(), draft.description(), draft.visibility() == null ? "private" : draft.visibility(),
                draft.isProtected(), draft.owner(), now, now);
        if (!store.createNamespace(ns)) {
            throw ServiceException.conflict("The metadata definition namespace=" + ns.namespace() + " already exists.");
        }
        try {
            for (MetadefAssociation a : associations) {
                associate(ns, a);
            }
            for (MetadefItem p : properties) {
                add(ns, Kind.PROPERTY, p);
            }
            for (MetadefItem o : objects) {
                add(ns, Kind.OBJECT, o);
            }
            for (MetadefItem t : tags) {
                add(ns, Kind.TAG, t);
            }
        } catch (RuntimeException e) {
            store.deleteNamespace(ns.id());
            throw e;
        }
        return ns;
    }

    public MetadefNamespace update(MetadefNamespace current, MetadefNamespace changed) {
        MetadefNamespace ns = new MetadefNamespace(current.id(), changed.namespace(), changed.displayName(),
                changed.description(), changed.visibility(), changed.isProtected(), changed.owner(),
                current.createdAt(), ImageService.now());
        if (!store.updateNamespace(ns)) {
            throw ServiceException.conflict("The metadata definition namespace=" + ns.namespace() + " already exists.");
        }
        return ns;
    }

    public void delete(MetadefNamespace ns) {
        if (ns.isProtected()) {
            throw ServiceException.forbidden("Metadata definition namespace " + ns.namespace()
                    + " is protected and cannot be deleted.");
        }
        store.deleteNamespace(ns.id());
    }

    public List<MetadefItem> items(MetadefNamespace ns, Kind kind) {
        return store.items(ns.id(), kind);
    }

    public MetadefItem item(MetadefNamespace ns, Kind kind, String name) {
        return store.item(ns.id(), kind, name).orElseThrow(() -> notFound(ns, kind, name));
    }

    public MetadefItem add(MetadefNamespace ns, Kind kind, MetadefItem item) {
        var now = ImageService.now();
        MetadefItem stamped = new MetadefItem(item.name(), item.body(), now, now);
        if (kind == Kind.TAG && taken(ns, item.name(), null) || !store.addItem(ns.id(), kind, stamped)) {
            throw duplicate(ns, kind, item.name());
        }
        return stamped;
    }

    public MetadefItem replace(MetadefNamespace ns, Kind kind, String oldName, MetadefItem item) {
        MetadefItem current = item(ns, kind, oldName);
        MetadefItem updated = new MetadefItem(item.name(), item.body(), current.createdAt(), ImageService.now());
        if (kind == Kind.TAG && taken(ns, item.name(), oldName) || !store.replaceItem(ns.id(), kind, oldName, updated)) {
            throw duplicate(ns, kind, item.name());
        }
        return updated;
    }

    /** Tag names are unique regardless of case, as in Glance. */
    private boolean taken(MetadefNamespace ns, String name, String except) {
        String lower = name.toLowerCase(Locale.ROOT);
        return store.items(ns.id(), Kind.TAG).stream()
                .anyMatch(t -> t.name().toLowerCase(Locale.ROOT).equals(lower) && !t.name().equals(except));
    }

    /** Replaces all tags (or adds to them) in one go; duplicates in the request are a conflict. */
    public List<MetadefItem> setTags(MetadefNamespace ns, List<String> names, boolean append) {
        List<String> lower = names.stream().map(n -> n.toLowerCase(Locale.ROOT)).toList();
        if (lower.stream().distinct().count() != lower.size()) {
            String dup = lower.stream().filter(n -> lower.indexOf(n) != lower.lastIndexOf(n)).findFirst().orElse("");
            throw duplicate(ns, Kind.TAG, dup);
        }
        protectedCheck(ns, Kind.TAG, "");
        if (!append) {
            store.deleteItems(ns.id(), Kind.TAG);
        }
        return names.stream().map(n -> add(ns, Kind.TAG, new MetadefItem(n, null, null, null))).toList();
    }

    public void delete(MetadefNamespace ns, Kind kind, String name) {
        item(ns, kind, name);
        protectedCheck(ns, kind, name);
        store.deleteItem(ns.id(), kind, name);
    }

    public void deleteAll(MetadefNamespace ns, Kind kind) {
        protectedCheck(ns, kind, "");
        store.deleteItems(ns.id(), kind);
    }

    private static void protectedCheck(MetadefNamespace ns, Kind kind, String name) {
        if (ns.isProtected()) {
            String what = kind == Kind.OBJECT ? "object" : kind == Kind.PROPERTY ? "property" : "tag";
            throw ServiceException.forbidden("Metadata definition " + what + " " + name
                    + " is protected and cannot be deleted.");
        }
    }

    public List<MetadefAssociation> resourceTypes() {
        return store.resourceTypes();
    }

    public List<MetadefAssociation> associations(MetadefNamespace ns) {
        return store.associations(ns.id());
    }

    public MetadefAssociation associate(MetadefNamespace ns, MetadefAssociation a) {
        var now = ImageService.now();
        MetadefAssociation stamped = new MetadefAssociation(a.name(), a.prefix(), a.propertiesTarget(), now, now);
        if (!store.associate(ns.id(), stamped)) {
            throw ServiceException.conflict("The metadata definition resource-type association of resource-type="
                    + a.name() + " to namespace=" + ns.namespace() + " already exists.");
        }
        return stamped;
    }

    public void dissociate(MetadefNamespace ns, String resourceType) {
        Optional<MetadefAssociation> found = store.associations(ns.id()).stream()
                .filter(a -> a.name().equals(resourceType)).findFirst();
        if (found.isEmpty()) {
            throw ServiceException.notFound("The metadata definition resource-type association of resource-type="
                    + resourceType + " to namespace=" + ns.namespace() + ", was not found.");
        }
        if (ns.isProtected()) {
            throw ServiceException.forbidden("Metadata definition resource-type-association " + resourceType
                    + " is protected and cannot be deleted.");
        }
        store.dissociate(ns.id(), resourceType);
    }

    private static ServiceException notFound(MetadefNamespace ns, Kind kind, String name) {
        return ServiceException.notFound(switch (kind) {
            case OBJECT -> "The metadata definition object with name=" + name + " was not found in namespace="
                    + ns.namespace() + ".";
            case PROPERTY -> "The metadata definition property with name=" + name + " was not found in namespace="
                    + ns.namespace() + ".";
            case TAG -> "The metadata definition tag with name=" + name + " was not found in namespace="
                    + ns.namespace() + ".";
        });
    }

    private static ServiceException duplicate(MetadefNamespace ns, Kind kind, String name) {
        return ServiceException.conflict(switch (kind) {
            case OBJECT -> "A metadata definition object with name=" + name + " already exists in namespace="
                    + ns.namespace() + ".";
            case PROPERTY -> "A metadata definition property with name=" + name + " already exists in namespace="
                    + ns.namespace() + ".";
            case TAG -> "A metadata tag with name=" + name + " already exists in namespace=" + ns.namespace()
                    + ". (Please note that metadata tag names are case insensitive).";
        });
    }
}
