package org.apiary.image.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apiary.image.domain.ImageMember;

/** Image memberships: which projects an image is shared with. */
public interface MemberStore {
    List<ImageMember> list(String imageId);

    Optional<ImageMember> find(String imageId, String memberId);

    /** False when the project already is a member. */
    boolean add(ImageMember member);

    boolean updateStatus(String imageId, String memberId, String status, Instant at);

    boolean delete(String imageId, String memberId);

    int count(String imageId);
}
