package org.apiary.compute.domain;

import static org.apiary.compute.domain.VmStates.Task;

/** The API's {@code status} from vm_state and task_state (nova/api/openstack/common.py _STATE_MAP). */
public final class ServerStatus {
    private ServerStatus() {}

    public static String of(String vmState, String taskState) {
        return switch (vmState) {
            case VmStates.ACTIVE -> switch (taskState == null ? "" : taskState) {
                case Task.REBOOTING -> "REBOOT";
                case Task.REBOOTING_HARD -> "HARD_REBOOT";
                case Task.REBUILDING -> "REBUILD";
                case Task.RESIZE_PREP, Task.RESIZE_MIGRATING, Task.RESIZE_FINISH -> "RESIZE";
                case Task.DELETING -> "ACTIVE";
                default -> "ACTIVE";
            };
            case VmStates.BUILDING -> "BUILD";
            case VmStates.STOPPED -> switch (taskState == null ? "" : taskState) {
                case Task.RESIZE_PREP, Task.RESIZE_MIGRATING, Task.RESIZE_FINISH -> "RESIZE";
                case Task.REBUILDING -> "REBUILD";
                default -> "SHUTOFF";
            };
            case VmStates.RESIZED -> Task.RESIZE_REVERTING.equals(taskState) ? "REVERT_RESIZE" : "VERIFY_RESIZE";
            case VmStates.DELETED -> "DELETED";
            case VmStates.ERROR -> Task.REBUILDING.equals(taskState) ? "REBUILD" : "ERROR";
            default -> "UNKNOWN";
        };
    }
}
