package org.apiary.compute.domain;

/**
 * An os-instance-actions write that rides along with a server write, in its transaction: the
 * action a request starts, or the event a conductor step ended (see {@code ServerStore.apply}).
 * Folding them in saves a write transaction each, which counts when a hundred builds queue on
 * one database writer.
 */
public sealed interface ActionRecord {
    /** A new action of the request {@code requestId} (one per server), started at {@code time}. */
    record Start(String requestId, String action, String projectId, String userId, long time) implements ActionRecord {}

    /**
     * A whole event of the action {@code requestId}; with {@code finishAction} the action ends too
     * (message "Error" when {@code result} is "Error").
     */
    record Event(String requestId, String event, String host, long start, long finish, String result,
                 String traceback, boolean finishAction) implements ActionRecord {}

    /** The end of an action whose last event was lost (its step started in a process that died). */
    record Finish(String requestId, String message, long time) implements ActionRecord {}
}
