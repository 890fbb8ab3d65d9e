package org.apiary.placement.domain;

import java.util.List;
import org.apiary.placement.store.CatalogStore;

/** Resource classes and traits. */
public final class CatalogService {
    private final CatalogStore store;

    public CatalogService(CatalogStore store) {
        this.store = store;
    }

    public List<NamedItem> resourceClasses() {
        return store.resourceClasses();
    }

    public NamedItem resourceClass(String name) {
        return store.resourceClass(name).orElseThrow(() -> Failures.notFound("No such resource class " + name + "."));
    }

    /** POST: 409 when it exists (standard names included). */
    public void createResourceClass(String name) {
        if (!store.createResourceClass(name)) {
            throw Failures.conflict("Conflicting resource class already exists: " + name);
        }
    }

    /** PUT at 1.7+: @return true when created, false when it already existed. */
    public boolean ensureResourceClass(String name) {
        return store.createResourceClass(name);
    }

    public void renameResourceClass(String name, String newName) {
        store.renameResourceClass(name, newName);
    }

    public void deleteResourceClass(String name) {
        store.deleteResourceClass(name);
    }

    public List<NamedItem> traits(List<String> namesIn, String prefix, Boolean associated) {
        return store.traits(namesIn, prefix, associated);
    }

    public NamedItem trait(String name) {
        return store.trait(name).orElseThrow(() -> Failures.notFound("No such trait(s): " + name + "."));
    }

    /** @return true when created, false when it already existed */
    public boolean ensureTrait(String name) {
        return store.createTrait(name);
    }

    public void deleteTrait(String name) {
        store.deleteTrait(name);
    }
}
