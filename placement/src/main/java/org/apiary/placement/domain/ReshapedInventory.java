package org.apiary.placement.domain;

import java.util.Map;
import org.apiary.placement.domain.candidates.Inventory;

/** The inventories one reshape sets on one provider, and the generation the client saw. */
public record ReshapedInventory(long expectedGeneration, Map<String, Inventory> inventories) {}
