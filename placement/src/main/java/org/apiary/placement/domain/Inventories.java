package org.apiary.placement.domain;

import java.util.Map;
import org.apiary.placement.domain.candidates.Inventory;

/**
 * All inventories of one provider, keyed by resource class, with the provider generation they
 * were read (or written) at.
 *
 * @param lastModified epoch milliseconds of the newest inventory change, 0 when there is none
 */
public record Inventories(long providerGeneration, Map<String, Inventory> byClass, long lastModified) {}
