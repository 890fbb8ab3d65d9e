package org.apiary.compute.domain;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * Nova's {@code expected_task_state}: a server write only happens when the stored task_state is
 * one of these (null meaning "no task"), so two racing actions cannot both start. Optionally
 * the vm_state must be one of {@code vmStates} too (empty: any), so an action checked against a
 * state the conductor changes meanwhile (a stop that just finished) cannot start on the new one.
 */
public record TaskExpectation(boolean anyTask, List<String> taskStates, List<String> vmStates) {
    private static final TaskExpectation ANY = new TaskExpectation(true, List.of(), List.of());

    public static TaskExpectation any() {
        return ANY;
    }

    /** The stored task_state must be one of {@code states}; pass null for "no task". */
    public static TaskExpectation of(String... states) {
        return new TaskExpectation(false, Collections.unmodifiableList(Arrays.asList(states.clone())), List.of());
    }

    public static TaskExpectation idle() {
        return of((String) null);
    }

    /** The same expectation, and the vm_state must be one of these. */
    public TaskExpectation inVmStates(String... states) {
        return new TaskExpectation(anyTask, taskStates, List.of(states));
    }

    public boolean accepts(String taskState, String vmState) {
        return (anyTask || taskStates.contains(taskState)) && (vmStates.isEmpty() || vmStates.contains(vmState));
    }
}
