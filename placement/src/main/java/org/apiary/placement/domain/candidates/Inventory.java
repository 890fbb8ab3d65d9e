package org.apiary.placement.domain.candidates;

/** One resource class's inventory on a provider, with Placement's capacity rule. */
public record Inventory(long total, long reserved, long minUnit, long maxUnit, long stepSize, double allocationRatio) {

    /** Placement's capacity: (total - reserved) * allocation_ratio, truncated. */
    public long capacity() {
        return (long) ((total - reserved) * allocationRatio);
    }

    /** Whether {@code amount} more fits next to {@code used}, and respects min/max/step. */
    public boolean fits(long used, long amount) {
        return amount >= minUnit && amount <= maxUnit && amount % stepSize == 0 && used + amount <= capacity();
    }
}
