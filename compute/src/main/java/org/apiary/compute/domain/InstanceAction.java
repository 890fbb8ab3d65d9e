package org.apiary.compute.domain;

import java.util.List;

/**
 * One row of os-instance-actions with its events (events may be empty when not asked for).
 *
 * @param message "Error" when the action failed, else null
 */
public record InstanceAction(String instanceUuid, String requestId, String action, String projectId, String userId,
                             long startTime, Long finishTime, String message, Long updatedAt, List<Event> events) {
    public InstanceAction {
        events = List.copyOf(events);
    }

    /** @param result "Success" or "Error" once finished, else null */
    public record Event(String event, long startTime, Long finishTime, String result, String traceback, String host,
                        String details) {}
}
