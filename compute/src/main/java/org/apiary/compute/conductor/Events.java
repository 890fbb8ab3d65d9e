package org.apiary.compute.conductor;

import org.apiary.compute.domain.InstanceAction;
import org.apiary.compute.domain.Server;
import org.apiary.compute.store.ActionStore;

/**
 * Instance-action events of the conductor's steps, on the server's current (newest unfinished)
 * action, with Nova's event names (compute_reboot_instance, …).
 */
final class Events {
    private Events() {}

    /** The request id of the server's newest unfinished action, or null. */
    static String current(ActionStore actions, String uuid) {
        for (InstanceAction a : actions.actions(uuid)) {
            if (a.finishTime() == null) {
                return a.requestId();
            }
        }
        return null;
    }

    static void start(ActionStore actions, Server s, String event) {
        String req = current(actions, s.uuid());
        if (req != null) {
            actions.startEvent(s.uuid(), req, event, s.host(), System.currentTimeMillis());
        }
    }

    /** Ends the event with Success and, when {@code last}, the whole action. */
    static void succeed(ActionStore actions, Server s, String event, boolean last) {
        String req = current(actions, s.uuid());
        if (req == null) {
            return;
        }
        long now = System.currentTimeMillis();
        actions.finishEvent(s.uuid(), req, event, "Success", null, now);
        if (last) {
            actions.finishAction(s.uuid(), req, null, now);
        }
    }

    /** Ends every unfinished event of the current action with Error and the action with "Error". */
    static void finishAll(ActionStore actions, Server s, String result, String traceback, long now) {
        String req = current(actions, s.uuid());
        if (req == null) {
            return;
        }
        actions.action(s.uuid(), req).ifPresent(a -> a.events().stream().filter(e -> e.finishTime() == null)
                .forEach(e -> actions.finishEvent(s.uuid(), req, e.event(), result, traceback, now)));
        actions.finishAction(s.uuid(), req, "Error", now);
    }
}
