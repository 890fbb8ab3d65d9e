package org.apiary.compute.domain;

/** Nova's vm_state and task_state values (nova/compute/vm_states.py, task_states.py) that Apiary uses. */
public final class VmStates {
    private VmStates() {}

    public static final String ACTIVE = "active";
    public static final String BUILDING = "building";
    public static final String STOPPED = "stopped";
    public static final String RESIZED = "resized";
    public static final String DELETED = "deleted";
    public static final String ERROR = "error";
    /** Never entered by Apiary (no deferred delete); named for restore's state check. */
    public static final String SOFT_DELETED = "soft-delete";

    /** task_state values. */
    public static final class Task {
        private Task() {}

        public static final String SCHEDULING = "scheduling";
        public static final String NETWORKING = "networking";
        public static final String SPAWNING = "spawning";
        public static final String REBOOTING = "rebooting";
        public static final String REBOOTING_HARD = "rebooting_hard";
        public static final String POWERING_OFF = "powering-off";
        public static final String POWERING_ON = "powering-on";
        public static final String REBUILDING = "rebuilding";
        public static final String RESIZE_PREP = "resize_prep";
        public static final String RESIZE_MIGRATING = "resize_migrating";
        public static final String RESIZE_FINISH = "resize_finish";
        public static final String RESIZE_REVERTING = "resize_reverting";
        public static final String RESIZE_CONFIRMING = "resize_confirming";
        public static final String IMAGE_SNAPSHOT = "image_snapshot";
        public static final String IMAGE_PENDING_UPLOAD = "image_pending_upload";
        public static final String IMAGE_UPLOADING = "image_uploading";
        public static final String DELETING = "deleting";
    }
}
