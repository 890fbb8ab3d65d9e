package org.apiary.placement.store;

import java.util.List;
import java.util.Optional;
import org.apiary.placement.domain.NamedItem;

/** Resource classes and traits: the standard sets plus CUSTOM_* ones. */
public interface CatalogStore {
    List<NamedItem> resourceClasses();

    Optional<NamedItem> resourceClass(String name);

    /** @return false when it already existed */
    boolean createResourceClass(String name);

    void renameResourceClass(String name, String newName);

    void deleteResourceClass(String name);

    /**
     * @param namesIn only these names (null: any)
     * @param prefix only names starting with this (null: any)
     * @param associated true: only traits some provider has; false: only unused ones; null: all
     */
    List<NamedItem> traits(List<String> namesIn, String prefix, Boolean associated);

    Optional<NamedItem> trait(String name);

    /** @return false when it already existed */
    boolean createTrait(String name);

    void deleteTrait(String name);
}
