package org.apiary.compute;

import java.util.List;
import org.apiary.common.config.ConfigOption;

/** [compute], [api] and [quota] options, named as in nova.conf where upstream has the same knob. */
public final class ComputeOptions {
    private ComputeOptions() {}

    public static final ConfigOption<Integer> PORT = ConfigOption.port("compute", "port", 8774,
            "Port of the Compute API (Nova v2.1).");
    public static final ConfigOption<String> POLICY_FILE = ConfigOption.string("compute", "policy_file", null,
            "policy.yaml with rules that override the built-in Nova defaults.");
    public static final ConfigOption<Integer> MAX_LIMIT = ConfigOption.integer("api", "max_limit", 1000,
            "The most items a Compute collection returns in one response, whatever `limit` asks.");
    public static final ConfigOption<Integer> QUOTA_INSTANCES = quota("instances", 10, "servers per project");
    public static final ConfigOption<Integer> QUOTA_CORES = quota("cores", 20, "vCPUs per project");
    public static final ConfigOption<Integer> QUOTA_RAM = quota("ram", 51200, "MiB of RAM per project");
    public static final ConfigOption<Integer> QUOTA_METADATA_ITEMS = quota("metadata_items", 128,
            "metadata items per server");
    public static final ConfigOption<Integer> QUOTA_INJECTED_FILES = quota("injected_files", 5,
            "injected files per server");
    public static final ConfigOption<Integer> QUOTA_INJECTED_FILE_CONTENT_BYTES = quota("injected_file_content_bytes",
            10240, "bytes per injected file");
    public static final ConfigOption<Integer> QUOTA_INJECTED_FILE_PATH_LENGTH = quota("injected_file_path_length",
            255, "characters of an injected file's path");
    public static final ConfigOption<Integer> QUOTA_KEY_PAIRS = quota("key_pairs", 100, "key pairs per user");
    public static final ConfigOption<Integer> QUOTA_SERVER_GROUPS = quota("server_groups", 10,
            "server groups per project");
    public static final ConfigOption<Integer> QUOTA_SERVER_GROUP_MEMBERS = quota("server_group_members", 10,
            "servers per server group");

    public static final ConfigOption<Integer> SERVICE_DOWN_TIME = ConfigOption.integer("DEFAULT", "service_down_time",
            60, "Seconds since a compute service's last heartbeat after which it is shown down.");
    public static final ConfigOption<String> DEFAULT_AVAILABILITY_ZONE = ConfigOption.string("DEFAULT",
            "default_availability_zone", "nova", "Availability zone of the compute hosts.");

    public static final ConfigOption<Integer> SCHEDULER_MAX_ATTEMPTS = ConfigOption.integer("scheduler",
            "max_attempts", 3, "How often the scheduler repeats its search when claims lose races before the server "
            + "goes to ERROR with NoValidHost.");
    public static final ConfigOption<Boolean> ALLOW_RESIZE_TO_SAME_HOST = ConfigOption.bool("DEFAULT",
            "allow_resize_to_same_host", true, "Whether a resize may stay on the server's host. Nova's default is "
            + "false; Apiary's is true so that one-host clouds can resize.");

    public static final ConfigOption<Integer> CONSOLE_TOKEN_TTL = ConfigOption.integer("consoleauth", "token_ttl",
            600, "Seconds a console URL's token stays valid (it may be used again until then, as in Nova).");

    private static ConfigOption<Integer> quota(String name, int def, String what) {
        return ConfigOption.integer("quota", name, def, "Default limit of " + what + " (-1: unlimited).");
    }

    public static List<ConfigOption<?>> all() {
        return List.of(PORT, POLICY_FILE, MAX_LIMIT, QUOTA_INSTANCES, QUOTA_CORES, QUOTA_RAM, QUOTA_METADATA_ITEMS,
                QUOTA_INJECTED_FILES, QUOTA_INJECTED_FILE_CONTENT_BYTES, QUOTA_INJECTED_FILE_PATH_LENGTH,
                QUOTA_KEY_PAIRS, QUOTA_SERVER_GROUPS, QUOTA_SERVER_GROUP_MEMBERS, SERVICE_DOWN_TIME,
                DEFAULT_AVAILABILITY_ZONE, SCHEDULER_MAX_ATTEMPTS, ALLOW_RESIZE_TO_SAME_HOST,
                CONSOLE_TOKEN_TTL);
    }
}
