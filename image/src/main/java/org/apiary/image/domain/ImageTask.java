package org.apiary.image.domain;

import java.time.Instant;

/**
 * An interoperable-import task: pending → processing → success | failure. The message says why
 * an import failed; input and result are JSON text, as Glance keeps them.
 */
public record ImageTask(String id, String imageId, String type, String status, String owner, String userId,
                        String requestId, String input, String result, String message, Instant createdAt,
                        Instant updatedAt, Instant expiresAt) {}
