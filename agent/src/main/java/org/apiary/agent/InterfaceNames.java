package org.apiary.agent;

/**
 * Host object names derived from a network id, within IFNAMSIZ (15) and the helper's prefixes, the
 * way Neutron's Linux bridge agent names brq + 11 characters of the id. Hyphens are dropped so the
 * 11 characters are all from the UUID's random hex. Ownership is by tag, not by name, so a (very
 * unlikely) prefix collision is refused by the helper as not_ours rather than touching another network.
 */
public final class InterfaceNames {
    private InterfaceNames() {}

    public static String bridge(String networkId) {
        return "apb-" + hex(networkId, 11);
    }

    public static String vlan(String networkId) {
        return "apl-" + hex(networkId, 11);
    }

    public static String vxlan(String networkId) {
        return "apx-" + hex(networkId, 11);
    }

    /** A bound port's tap on its network's bridge (Neutron's tap + 11 characters of the port id). */
    public static String tap(String portId) {
        return "apt-" + hex(portId, 11);
    }

    /** The end of the DHCP domain's veth/epair that stays on the host, on the bridge. */
    public static String domainOutside(String networkId) {
        return "apv-" + hex(networkId, 10) + "o";
    }

    /** The end inside the DHCP domain (netns or VNET jail), which carries the DHCP port's addresses. */
    public static String domainInside(String networkId) {
        return "apv-" + hex(networkId, 10) + "i";
    }

    private static String hex(String id, int n) {
        String h = id.replace("-", "").toLowerCase(java.util.Locale.ROOT);
        if (h.length() < n) {
            throw new IllegalArgumentException("'" + id + "' is not a UUID");
        }
        return h.substring(0, n);
    }
}
