package org.apiary.placement.domain.candidates;

import java.util.Collection;

/**
 * Where the candidates engine reads providers from. The store-backed implementation keeps an
 * in-memory snapshot and rebuilds it only when provider data changed (on this node or, via the
 * database's change counter, on another), so a query never reads the whole database.
 *
 * <p>Contract the engine relies on for speed: {@link #snapshot()} returns the <em>same</em>
 * collection instance for as long as nothing changed, so indexes derived from it can be cached
 * by identity; and it lists providers in creation order (Placement's internal id order), which
 * is the order candidates come out in.
 */
public interface ProviderSource {
    /** Every provider, as one consistent snapshot. */
    Collection<ProviderView> snapshot();

    /**
     * Whether a resource class of this name exists (a standard os-resource-classes name or a
     * created CUSTOM_* one): an unknown class in a query is a 400, a known one without inventory
     * anywhere simply matches nothing. The default only knows classes someone has inventory of;
     * the store-backed source must override it with the real list.
     */
    default boolean resourceClassExists(String name) {
        return snapshot().stream().anyMatch(p -> p.inventories().containsKey(name));
    }

    /**
     * Whether a trait of this name exists (os-traits standard or created CUSTOM_*); an unknown
     * trait in a query is a 400. The default only knows traits some provider carries; the
     * store-backed source must override it with the real list.
     */
    default boolean traitExists(String name) {
        return snapshot().stream().anyMatch(p -> p.traits().contains(name));
    }
}
