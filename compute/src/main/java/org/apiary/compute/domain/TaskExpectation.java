package org.apiary.compute.domain;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * Nova's {@code expected_task_state}: a server write only happens when the stored task_state is
 * one of these (null meaning "no task"), so two racing actions cannot both start.
 */
public record TaskExpectation(boolean anyTask, List<String> taskStates) {
    private static final TaskExpectation ANY = new TaskExpectation(true, List.of());

    public static TaskExpectation any() {
        return ANY;
    }

    /** The stored task_state must be one of {@code states}; pass null for "no task". */
    public static TaskExpectation of(String... states) {
        return new TaskExpectation(false, Collections.unmodifiableList(Arrays.asList(states.clone())));
    }

    public static TaskExpectation idle() {
        return of((String) null);
    }

    public boolean accepts(String taskState) {
        return anyTask || taskStates.contains(taskState);
    }
}
