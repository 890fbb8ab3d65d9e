package org.apiary.placement.domain.candidates;

import java.util.Collection;

/**
 * Where the candidates engine reads providers from. The store-backed implementation keeps an
 * in-memory snapshot and rebuilds it only when provider data changed (on this node or, via the
 * database's change counter, on another), so a query never reads the whole database.
 */
public interface ProviderSource {
    /** Every provider, as one consistent snapshot. */
    Collection<ProviderView> snapshot();
}
