package org.apiary.placement.domain;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apiary.placement.domain.candidates.Inventory;

/**
 * Upstream's allocation rules (objects/allocation.py _check_capacity_exceeded), as a pure
 * function. The store calls it inside the write transaction, after it has locked the providers
 * and read their current inventories and usages, so what it checks is what gets committed.
 */
public final class CapacityCheck {
    private CapacityCheck() {}

    /** One amount of one class one consumer wants on one provider, in request order. */
    public record Claim(String providerUuid, String resourceClass, long amount) {}

    /**
     * @param inventories provider uuid → class → inventory (only the providers and classes claimed)
     * @param used provider uuid → class → amount already allocated to other consumers
     * @throws org.apiary.common.error.ServiceException 409 "Unable to allocate inventory: ..."
     */
    public static void verify(List<Claim> claims, Map<String, Map<String, Inventory>> inventories,
                              Map<String, Map<String, Long>> used) {
        Set<String> classes = new TreeSet<>();
        Set<String> missing = new TreeSet<>();
        for (Claim c : claims) {
            classes.add(c.resourceClass());
            if (inventories.getOrDefault(c.providerUuid(), Map.of()).isEmpty()) {
                missing.add(c.providerUuid());
            }
        }
        if (!missing.isEmpty()) {
            throw invalid(String.join(", ", classes), String.join(", ", missing));
        }
        Map<String, Map<String, Long>> sums = new HashMap<>();
        for (Claim c : claims) {
            long sum = sums.computeIfAbsent(c.providerUuid(), k -> new HashMap<>())
                    .merge(c.resourceClass(), c.amount(), Long::sum);
            Inventory inv = inventories.get(c.providerUuid()).get(c.resourceClass());
            if (inv == null) {
                throw invalid(c.resourceClass(), c.providerUuid());
            }
            long amount = c.amount();
            if (amount < inv.minUnit() || amount > inv.maxUnit() || amount % inv.stepSize() != 0) {
                throw unable(c, "The requested amount would violate inventory constraints.");
            }
            long current = used.getOrDefault(c.providerUuid(), Map.of()).getOrDefault(c.resourceClass(), 0L);
            double capacity = (inv.total() - inv.reserved()) * inv.allocationRatio();
            if (capacity < current + amount || capacity < current + sum) {
                throw unable(c, "The requested amount would exceed the capacity.");
            }
        }
    }

    private static RuntimeException invalid(String classes, String providers) {
        return Failures.conflict("Unable to allocate inventory: Inventory for '" + classes + "' on resource provider '"
                + providers + "' invalid.");
    }

    private static RuntimeException unable(Claim c, String why) {
        return Failures.conflict("Unable to allocate inventory: Unable to create allocation for '" + c.resourceClass()
                + "' on resource provider '" + c.providerUuid() + "'. " + why);
    }
}
