package org.apiary.agent;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apiary.common.config.Config;

/**
 * The agent's configuration, read once and checked.
 *
 * @param physicalInterfaces physnet → uplink interface
 * @param localIp            VXLAN underlay address, or null (VXLAN then becomes a local bridge)
 */
public record AgentSettings(String host, Map<String, String> physicalInterfaces, String localIp,
                            String vxlanRemoteIp, String vxlanGroup, String vxlanDevice, int leaseSeconds,
                            Duration reportInterval, Duration resyncInterval, String availabilityZone) {
    public AgentSettings {
        physicalInterfaces = Map.copyOf(physicalInterfaces);
        if (localIp != null && (vxlanRemoteIp == null) == (vxlanGroup == null)) {
            throw new IllegalArgumentException("[agent] local_ip needs exactly one of vxlan_remote_ip or vxlan_group");
        }
    }

    public static AgentSettings from(Config config) {
        Map<String, String> mappings = new LinkedHashMap<>();
        for (String pair : config.get(AgentOptions.PHYSICAL_INTERFACE_MAPPINGS)) {
            int colon = pair.indexOf(':');
            if (colon <= 0 || colon == pair.length() - 1) {
                throw new IllegalArgumentException("[agent] physical_interface_mappings: '" + pair
                        + "' is not physnet:interface");
            }
            mappings.put(pair.substring(0, colon).strip(), pair.substring(colon + 1).strip());
        }
        String host = config.get(AgentOptions.HOST);
        return new AgentSettings(host == null || host.isBlank() ? machineHostname() : host, mappings,
                blankToNull(config.get(AgentOptions.LOCAL_IP)), blankToNull(config.get(AgentOptions.VXLAN_REMOTE_IP)),
                blankToNull(config.get(AgentOptions.VXLAN_GROUP)), blankToNull(config.get(AgentOptions.VXLAN_DEVICE)),
                config.get(AgentOptions.DHCP_LEASE_DURATION),
                Duration.ofSeconds(Math.max(1, config.get(AgentOptions.REPORT_INTERVAL))),
                Duration.ofSeconds(Math.max(1, config.get(AgentOptions.RESYNC_INTERVAL))),
                config.get(AgentOptions.AVAILABILITY_ZONE));
    }

    /** The kernel's host name (what Neutron's socket.gethostname() returns), without a DNS lookup where possible. */
    public static String machineHostname() {
        try {
            Path kernel = Path.of("/proc/sys/kernel/hostname");
            if (Files.isReadable(kernel)) {
                String name = Files.readString(kernel).strip();
                if (!name.isEmpty()) {
                    return name;
                }
            }
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
