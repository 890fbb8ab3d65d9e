package org.apiary.host.linux;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The configuration of the helper-driven drivers: QEMU, and bhyve, which takes the same directories and timeouts.
 *
 * @param diskRoot           the helper's disk root ({@code [helper] disk_root}); its file system's size is the
 *                           host's DISK_GB; null: 0 GiB reported
 * @param stateDir           where the driver keeps each guest's start spec ({@code <uuid>.json}) across agent
 *                           restarts; null: memory only
 * @param guestStateDir      the helper's per-guest state directory ({@code [helper] guest_state_dir}), to find a
 *                           stopped guest's console log after an agent restart; null: only logs seen since start
 * @param softRebootTimeout  how long a soft reboot, resize or rebuild waits for the guest to shut down after the
 *                           ACPI request before cutting its power (Nova's wait_soft_reboot_seconds)
 * @param pollInterval       how often the driver asks the helper whether a guest has stopped while it waits
 * @param superviseInterval  how often a background pass restarts guests that rebooted themselves (QEMU runs with
 *                           -no-reboot, so an in-guest reboot ends the process); zero: no background pass (the
 *                           restart then happens at the next status or list call)
 */
public record QemuSettings(Path diskRoot, Path stateDir, Path guestStateDir, Duration softRebootTimeout,
                           Duration pollInterval, Duration superviseInterval) {
    public static final Duration DEFAULT_SOFT_REBOOT_TIMEOUT = Duration.ofSeconds(120);

    public QemuSettings {
        if (softRebootTimeout.isNegative() || !pollInterval.isPositive() || superviseInterval.isNegative()) {
            throw new IllegalArgumentException("QEMU driver: timeouts must not be negative and the poll interval "
                    + "must be positive");
        }
    }

    /** Defaults around the given directories: 120 s soft reboot, 0.5 s polls, a supervision pass every 2 s. */
    public static QemuSettings of(Path diskRoot, Path stateDir, Path guestStateDir) {
        return new QemuSettings(diskRoot, stateDir, guestStateDir, DEFAULT_SOFT_REBOOT_TIMEOUT,
                Duration.ofMillis(500), Duration.ofSeconds(2));
    }
}
