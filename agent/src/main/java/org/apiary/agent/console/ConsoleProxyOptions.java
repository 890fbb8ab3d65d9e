package org.apiary.agent.console;

import java.util.List;
import org.apiary.common.config.ConfigOption;

/** [serial_console] options of the host's console proxy, named as in nova.conf. */
public final class ConsoleProxyOptions {
    private ConsoleProxyOptions() {}

    public static final ConfigOption<Boolean> ENABLED = ConfigOption.bool("serial_console", "enabled", true,
            "Whether this host's agent runs the serial console proxy and registers it, so the API hands out serial "
                    + "console URLs for the servers here (Nova's default is false; Apiary's proxy only serves "
                    + "token holders, so it is on).");
    public static final ConfigOption<String> BASE_URL = ConfigOption.string("serial_console", "base_url", "",
            "The URL clients connect to for this host's consoles; the API appends ?token=…. Empty: "
                    + "ws://serialproxy_host:PORT/ with the port the proxy listens on (ws://127.0.0.1:6083/ by "
                    + "default, as Nova's default). Set it when clients reach the proxy by another name, or through "
                    + "a proxy in front of it.");
    public static final ConfigOption<String> SERIALPROXY_HOST = ConfigOption.string("serial_console",
            "serialproxy_host", "127.0.0.1", "Address the console proxy listens on (Nova's default is 0.0.0.0).");
    public static final ConfigOption<Integer> SERIALPROXY_PORT = ConfigOption.port("serial_console",
            "serialproxy_port", 6083, "Port the console proxy listens on (0: one the kernel picks).");

    public static List<ConfigOption<?>> all() {
        return List.of(ENABLED, BASE_URL, SERIALPROXY_HOST, SERIALPROXY_PORT);
    }
}
