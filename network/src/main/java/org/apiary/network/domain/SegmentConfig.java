package org.apiary.network.domain;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The ML2 type drivers' configuration: which types project networks get, the VNI and VLAN ranges
 * to allocate from, the physical networks flat and VLAN networks may use, and the MTU rules.
 */
public record SegmentConfig(List<String> tenantNetworkTypes, List<SegmentClaim.Range> vniRanges,
                            Map<String, List<SegmentClaim.Range>> vlanRanges, List<String> flatNetworks,
                            int globalPhysnetMtu) {
    public static final int VXLAN_OVERHEAD = 50;

    /** Parses the option values; a malformed entry is an IllegalArgumentException naming it. */
    public static SegmentConfig parse(List<String> tenantTypes, List<String> vni, List<String> vlan,
                                      List<String> flat, int mtu) {
        for (String t : tenantTypes) {
            if (!List.of("vxlan", "vlan", "local").contains(t)) {
                throw new IllegalArgumentException("tenant_network_types: unsupported type '" + t + "'");
            }
        }
        List<SegmentClaim.Range> vniRanges = new ArrayList<>();
        for (String r : vni) {
            vniRanges.add(range(r, 1, (1 << 24) - 1, "vni_ranges"));
        }
        Map<String, List<SegmentClaim.Range>> vlans = new LinkedHashMap<>();
        for (String entry : vlan) {
            String[] p = entry.split(":");
            if (p[0].isBlank() || (p.length != 1 && p.length != 3)) {
                throw new IllegalArgumentException("network_vlan_ranges: '" + entry + "' is not physnet[:min:max]");
            }
            List<SegmentClaim.Range> list = vlans.computeIfAbsent(p[0], k -> new ArrayList<>());
            if (p.length == 3) {
                list.add(range(p[1] + ":" + p[2], 1, 4094, "network_vlan_ranges"));
            }
        }
        return new SegmentConfig(List.copyOf(tenantTypes), vniRanges, vlans, List.copyOf(flat), mtu);
    }

    private static SegmentClaim.Range range(String text, int lo, int hi, String option) {
        String[] p = text.split(":");
        try {
            int min = Integer.parseInt(p[0].trim());
            int max = Integer.parseInt(p[1].trim());
            if (p.length != 2 || min < lo || max > hi || min > max) {
                throw new IllegalArgumentException();
            }
            return new SegmentClaim.Range(min, max);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(option + ": '" + text + "' is not a range min:max within " + lo + ":" + hi);
        }
    }

    /** The largest MTU a network of this type can have. */
    public int maxMtu(String networkType) {
        return networkType.equals("vxlan") ? globalPhysnetMtu - VXLAN_OVERHEAD : globalPhysnetMtu;
    }

    public boolean flatAllowed(String physnet) {
        return flatNetworks.contains("*") || flatNetworks.contains(physnet);
    }
}
