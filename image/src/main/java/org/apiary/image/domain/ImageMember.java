package org.apiary.image.domain;

import java.time.Instant;
import java.util.Set;

/** One project an image is shared with, and whether that project accepted it. */
public record ImageMember(String imageId, String memberId, String status, Instant createdAt, Instant updatedAt) {
    public static final Set<String> STATUSES = Set.of("pending", "accepted", "rejected");
}
