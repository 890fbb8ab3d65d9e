package org.apiary.image.domain;

import java.util.List;
import org.apiary.common.error.ErrorKind;
import org.apiary.common.error.ServiceException;
import org.apiary.image.store.MemberStore;

/**
 * Sharing an image with other projects. Only 'shared' images have members; a member sees its own
 * membership only, the owner (and an admin) all of them.
 */
public final class MemberService {
    private final MemberStore members;
    private final ImageLimits limits;

    public MemberService(MemberStore members, ImageLimits limits) {
        this.members = members;
        this.limits = limits;
    }

    /** 403 unless the image is shared: others have no members. */
    public static void requireShared(Image image) {
        if (!image.visibility().equals("shared")) {
            throw ServiceException.forbidden("Only shared images have members.");
        }
    }

    public List<ImageMember> list(Image image, Viewer viewer) {
        return members.list(image.id()).stream().filter(m -> sees(image, viewer, m)).toList();
    }

    public ImageMember get(Image image, String memberId, Viewer viewer) {
        return members.find(image.id(), memberId).filter(m -> sees(image, viewer, m))
                .orElseThrow(() -> ServiceException.notFound(memberId + " not found in the member list of the image "
                        + image.id() + "."));
    }

    private static boolean sees(Image image, Viewer v, ImageMember m) {
        return v.admin() || v.projectId() != null
                && (v.projectId().equals(image.owner()) || v.projectId().equals(m.memberId()));
    }

    public ImageMember add(Image image, String memberId) {
        int count = members.count(image.id());
        if (limits.memberQuota() >= 0 && count + 1 > limits.memberQuota()) {
            throw new ServiceException(ErrorKind.PAYLOAD_TOO_LARGE, "Image member limit exceeded for image "
                    + image.id() + ": The limit has been exceeded on the number of allowed image members for this "
                    + "image. Attempted: " + (count + 1) + ", Maximum: " + limits.memberQuota());
        }
        var now = ImageService.now();
        ImageMember m = new ImageMember(image.id(), memberId, "pending", now, now);
        if (!members.add(m)) {
            throw ServiceException.conflict("Member " + memberId + " is duplicated for image " + image.id());
        }
        return m;
    }

    public ImageMember setStatus(Image image, ImageMember member, String status) {
        if (!ImageMember.STATUSES.contains(status)) {
            throw ServiceException.badRequest("Incorrect request: Status must be \"pending\", \"accepted\" or "
                    + "\"rejected\".");
        }
        var now = ImageService.now();
        if (!members.updateStatus(image.id(), member.memberId(), status, now)) {
            throw ServiceException.notFound(member.memberId() + " not found in the member list of the image "
                    + image.id() + ".");
        }
        return new ImageMember(member.imageId(), member.memberId(), status, member.createdAt(), now);
    }

    public void delete(Image image, ImageMember member) {
        if (!members.delete(image.id(), member.memberId())) {
            throw ServiceException.notFound(member.memberId() + " not found in the member list of the image "
                    + image.id() + ".");
        }
    }
}
