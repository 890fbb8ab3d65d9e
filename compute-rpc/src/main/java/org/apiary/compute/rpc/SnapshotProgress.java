package org.apiary.compute.rpc;

/**
 * How far a host got with a snapshot the conductor asked for ({@link ComputeAgentRpc#snapshot}): Nova's
 * task_state steps after image_snapshot, then the end.
 *
 * @param detail why it failed (FAILED only), else null
 */
public record SnapshotProgress(String uuid, String imageId, Stage stage, String detail) {
    public enum Stage {
        /** The disk is copied; the upload comes next (task_state image_pending_upload). */
        PENDING_UPLOAD,
        /** The copy is being uploaded to the image service (image_uploading). */
        UPLOADING,
        /** The image is active; the task ends. */
        DONE,
        /** The snapshot failed on the host; the conductor deletes the image and ends the task. */
        FAILED
    }

    public static SnapshotProgress failed(String uuid, String imageId, String detail) {
        return new SnapshotProgress(uuid, imageId, Stage.FAILED, detail);
    }
}
