package org.apiary.network.domain;

import java.util.List;

/**
 * The segment a new network needs: an exact one (admin-given provider attributes, or flat), or
 * the lowest free id of a type in configured ranges (project networks), or none (local).
 */
public record SegmentClaim(String networkType, String physicalNetwork, Integer segmentationId, List<Range> ranges) {
    public record Range(int min, int max) {}

    public static SegmentClaim exact(Segment s) {
        return new SegmentClaim(s.networkType(), s.physicalNetwork(), s.segmentationId(), null);
    }

    public static SegmentClaim pooled(String type, String physnet, List<Range> ranges) {
        return new SegmentClaim(type, physnet, null, List.copyOf(ranges));
    }

    public boolean needsRow() {
        return !networkType.equals("local");
    }
}
