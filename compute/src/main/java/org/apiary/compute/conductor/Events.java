package org.apiary.compute.conductor;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apiary.compute.domain.ActionRecord;
import org.apiary.compute.domain.InstanceAction;
import org.apiary.compute.domain.Server;
import org.apiary.compute.store.ActionStore;

/**
 * Instance-action events of the conductor's steps, on the server's current (newest unfinished)
 * action, with Nova's event names (compute_reboot_instance, …). A step's start is kept in memory
 * and the event is written once, when it ends (with the action's end when it is the last step):
 * one write per step instead of three, which matters when a hundred builds queue on one database
 * writer; steps that end with a state change write the event in that change's transaction
 * ({@link #succeeded}). A conductor that dies mid-step loses that event's record, not the step.
 */
public final class Events {
    private record Step(String requestId, String event, String host, long start) {}

    private final ActionStore actions;
    /** The step each server is in now, by server uuid. */
    private final Map<String, Step> open = new ConcurrentHashMap<>();

    public Events(ActionStore actions) {
        this.actions = actions;
    }

    /** The request id of the server's newest unfinished action, or null. */
    private String current(String uuid) {
        for (InstanceAction a : actions.actions(uuid)) {
            if (a.finishTime() == null) {
                return a.requestId();
            }
        }
        return null;
    }

    void start(Server s, String event) {
        start(s, event, s.host());
    }

    /** Starts an event on {@code host} (the server's host may not be recorded yet). */
    void start(Server s, String event, String host) {
        String req = current(s.uuid());
        if (req != null) {
            open.put(s.uuid(), new Step(req, event, host, System.currentTimeMillis()));
        }
    }

    /** Ends the event with Success and, when {@code last}, the whole action. */
    void succeed(Server s, String event, boolean last) {
        write(s, succeeded(s, event, last));
    }

    /**
     * What {@link #succeed} would write, for the caller to write with the step's state change
     * (ServerStore.apply), or with {@link #write} when that change did not apply; null when there
     * is nothing to write.
     */
    ActionRecord succeeded(Server s, String event, boolean last) {
        Step step = open.remove(s.uuid());
        long now = System.currentTimeMillis();
        if (step == null || !step.event().equals(event)) {
            // Started by a process that died: the event is lost, but the action must still end.
            String req = last ? current(s.uuid()) : null;
            return req == null ? null : new ActionRecord.Finish(req, null, now);
        }
        return new ActionRecord.Event(step.requestId(), event, step.host(), step.start(), now, "Success", null, last);
    }

    /** Writes a record from {@link #succeeded} on its own. */
    void write(Server s, ActionRecord record) {
        if (record != null) {
            actions.record(s.uuid(), record);
        }
    }

    /** Ends the open event (if any) with {@code result} and the action with "Error". */
    void fail(Server s, String result, String traceback, long now) {
        Step step = open.remove(s.uuid());
        if (step != null) {
            actions.recordEvent(s.uuid(), step.requestId(), step.event(), step.host(), step.start(), now, result,
                    traceback, true);
            return;
        }
        String req = current(s.uuid());
        if (req != null) {
            actions.finishAction(s.uuid(), req, "Error", now);
        }
    }
}
