package org.apiary.host.linux;

import com.fasterxml.jackson.databind.JsonNode;
import org.apiary.host.spi.GuestInfo;
import org.apiary.host.spi.GuestState;

/**
 * The helper's guest_status answer ({@code name, running, exitCode?, exitMeaning?}, the meaning in bhyve(8)
 * EXIT STATUS words taken from QEMU's SHUTDOWN reason) as a power state.
 */
final class GuestStates {
    private GuestStates() {}

    static GuestInfo info(JsonNode status) {
        String uuid = status.path("name").asText();
        if (status.path("running").asBoolean(false)) {
            return new GuestInfo(uuid, GuestState.RUNNING, null);
        }
        if (!status.hasNonNull("exitMeaning")) {
            return new GuestInfo(uuid, GuestState.SHUTDOWN, "not running");
        }
        String meaning = status.path("exitMeaning").asText();
        String detail = "exit " + status.path("exitCode").asText("?") + " (" + meaning + ")";
        return new GuestInfo(uuid, state(meaning), detail);
    }

    /**
     * poweroff (ACPI shutdown, or our own kill), halt and reboot (an in-guest reboot ends QEMU; the driver
     * restarts it) leave the guest off; a QEMU error, a triple fault or a kill we did not send (the OOM
     * killer) is a crash.
     */
    static GuestState state(String meaning) {
        return switch (meaning) {
            case "poweroff", "halt", "reboot" -> GuestState.SHUTDOWN;
            default -> GuestState.CRASHED; // error, triple_fault, killed, unknown
        };
    }

    static boolean rebooted(JsonNode status) {
        return !status.path("running").asBoolean(false) && "reboot".equals(status.path("exitMeaning").asText(""));
    }
}
