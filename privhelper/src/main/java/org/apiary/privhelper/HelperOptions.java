package org.apiary.privhelper;

import java.util.List;
import org.apiary.common.config.ConfigOption;

/** [helper] options: where the socket lives, who may connect, and what the helper may touch. */
public final class HelperOptions {
    private HelperOptions() {}

    public static final ConfigOption<Boolean> ENABLED = ConfigOption.bool("helper", "enabled", true,
            "all-in-one only: when run as root, start the helper as a child process (its socket in a 0750 "
                    + "directory under the data directory) so networks and servers are realized on this host.");
    public static final ConfigOption<String> SOCKET_PATH = ConfigOption.string("helper", "socket_path",
            "/var/run/apiary/helper.sock", "UNIX socket of the privileged helper. Its directory is made root-owned, "
                    + "mode 0750, group socket_group; the socket is mode 0660.");
    public static final ConfigOption<String> SOCKET_GROUP = ConfigOption.string("helper", "socket_group", "apiary",
            "Group owning the socket and its directory; the agent user must be in it.");
    public static final ConfigOption<String> AGENT_USER = ConfigOption.string("helper", "agent_user", "apiary",
            "The only non-root user whose connections the helper accepts (checked by peer credentials).");
    public static final ConfigOption<Boolean> ALLOW_ROOT = ConfigOption.bool("helper", "allow_root", true,
            "Also accept connections from root (e.g. all-in-one run as root in development).");
    public static final ConfigOption<Boolean> TRUST_SOCKET_PERMISSIONS = ConfigOption.bool("helper",
            "trust_socket_permissions", false, "Where the JDK cannot read peer credentials of a UNIX socket, accept "
                    + "every peer that can open the socket (mode 0660 + group) instead of refusing everyone.");
    public static final ConfigOption<String> STATE_DIR = ConfigOption.string("helper", "state_dir",
            "/var/lib/apiary/helper", "Root-owned directory for dnsmasq host/opts/lease/pid files, one "
                    + "subdirectory per network.");
    public static final ConfigOption<String> DISK_ROOT = ConfigOption.string("helper", "disk_root",
            "/var/lib/apiary/disks", "The only directory tree disk operations and guest disks may use (paths are "
                    + "resolved under it; '..' and symlinks out of it are refused).");
    public static final ConfigOption<String> GUEST_STATE_DIR = ConfigOption.string("helper", "guest_state_dir",
            "/var/lib/apiary/guests", "Per-guest helper state: console socket and log, QMP socket, UEFI variables, "
                    + "last exit. Made mode 0750 with group socket_group so the agent can reach consoles.");
    public static final ConfigOption<String> ZFS_DATASET = ConfigOption.string("helper", "zfs_dataset", "",
            "FreeBSD: ZFS dataset under which disks named zvol/NAME are volumes (zfs create -V, clone, destroy). "
                    + "When set, host_facts reports it and the bhyve driver keeps each image as a base volume and "
                    + "gives each guest clones of it. Empty: disks are files only.");
    public static final ConfigOption<List<String>> PHYSICAL_INTERFACES = ConfigOption.list("helper",
            "physical_interfaces", List.of(), "Host interfaces that may serve as VLAN parent or VXLAN underlay "
                    + "device. They are never modified; any other foreign interface is refused.");
    public static final ConfigOption<Integer> MAX_MESSAGE_BYTES = ConfigOption.integer("helper", "max_message_bytes",
            2_097_152, "Largest request frame accepted; larger ones are refused and the connection closed.");
    public static final ConfigOption<Integer> READ_TIMEOUT_SECONDS = ConfigOption.integer("helper",
            "read_timeout_seconds", 30, "A request frame must arrive completely within this time.");

    public static List<ConfigOption<?>> all() {
        return List.of(ENABLED, SOCKET_PATH, SOCKET_GROUP, AGENT_USER, ALLOW_ROOT, TRUST_SOCKET_PERMISSIONS, STATE_DIR,
                DISK_ROOT, GUEST_STATE_DIR, ZFS_DATASET, PHYSICAL_INTERFACES, MAX_MESSAGE_BYTES, READ_TIMEOUT_SECONDS);
    }
}
