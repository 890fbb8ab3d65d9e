package org.apiary.placement;

import java.util.List;
import org.apiary.common.config.ConfigOption;

/** [placement] options, named as in placement.conf where upstream has the same knob. */
public final class PlacementOptions {
    private PlacementOptions() {}

    public static final ConfigOption<Integer> PORT = ConfigOption.port("placement", "port", 8778,
            "Port of the Placement API.");
    public static final ConfigOption<String> POLICY_FILE = ConfigOption.string("placement", "policy_file", null,
            "policy.yaml with rules that override the built-in Placement defaults.");
    public static final ConfigOption<String> INCOMPLETE_CONSUMER_PROJECT_ID = ConfigOption.string("placement",
            "incomplete_consumer_project_id", "00000000-0000-0000-0000-000000000000",
            "Project that owns allocations written without one (microversions before 1.8).");
    public static final ConfigOption<String> INCOMPLETE_CONSUMER_USER_ID = ConfigOption.string("placement",
            "incomplete_consumer_user_id", "00000000-0000-0000-0000-000000000000",
            "User that owns allocations written without one (microversions before 1.8).");
    public static final ConfigOption<Boolean> ALLOW_RESET = ConfigOption.bool("placement", "allow_reset", false,
            "TEST ONLY. Enables the admin-only POST /_apiary/reset that deletes every provider, consumer and custom "
                    + "resource class and trait, so conformance suites can start each file on an empty Placement.");

    public static List<ConfigOption<?>> all() {
        return List.of(PORT, POLICY_FILE, INCOMPLETE_CONSUMER_PROJECT_ID, INCOMPLETE_CONSUMER_USER_ID, ALLOW_RESET);
    }
}
