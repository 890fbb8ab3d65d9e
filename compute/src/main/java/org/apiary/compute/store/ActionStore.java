package org.apiary.compute.store;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apiary.compute.domain.ActionRecord;
import org.apiary.compute.domain.InstanceAction;
import org.apiary.compute.domain.InstanceFault;

/** Instance actions with their events (os-instance-actions), and faults. */
public interface ActionStore {
    void startAction(String instanceUuid, String requestId, String action, String projectId, String userId, long now);

    /** Writes one instance-action record on its own (a server write can also take one along). */
    void record(String instanceUuid, ActionRecord record);

    /** Marks the action finished; {@code message} "Error" on failure. */
    void finishAction(String instanceUuid, String requestId, String message, long now);

    /** Starts an event of the action {@code requestId} (no-op when the action does not exist). */
    void startEvent(String instanceUuid, String requestId, String event, String host, long now);

    /** Finishes the latest unfinished event of that name; result "Success" or "Error". */
    void finishEvent(String instanceUuid, String requestId, String event, String result, String traceback, long now);

    /**
     * Records a whole event of the action {@code requestId} in one write (the conductor keeps an
     * event's start in memory until it ends) and, when {@code finishAction}, finishes the action too
     * (message "Error" when {@code result} is "Error"). No-op when the action does not exist.
     */
    void recordEvent(String instanceUuid, String requestId, String event, String host, long start, long finish,
                     String result, String traceback, boolean finishAction);

    /** Newest first; events not loaded. */
    List<InstanceAction> actions(String instanceUuid);

    /** One action with its events. */
    Optional<InstanceAction> action(String instanceUuid, String requestId);

    void addFault(InstanceFault fault);

    /** The newest fault of each of these servers that has one. */
    Map<String, InstanceFault> latestFaults(Collection<String> instanceUuids);
}
