package org.apiary.privhelper.freebsd.sim;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The simulated FreeBSD host's state: interfaces (with the vnet they live in), jails, pf anchors, processes. */
final class SimState {
    static final class Iface {
        final String kind; // bridge, tap, epair, vlan, vxlan, loopback, physical
        final boolean cloned;
        String name;
        String description;
        boolean up;
        String jail; // null = the host's vnet
        String peer; // the other end of an epair
        final Set<String> members = new LinkedHashSet<>();
        final List<String> addresses = new ArrayList<>();

        Iface(String kind, String name, boolean cloned) {
            this.kind = kind;
            this.name = name;
            this.cloned = cloned;
        }
    }

    record Proc(long pid, String jail, String name, String pidFile) {}

    final Map<String, Iface> ifaces = new LinkedHashMap<>();
    final Map<String, Integer> jails = new LinkedHashMap<>();
    final Map<String, Set<String>> routes = new LinkedHashMap<>();
    final Map<String, String> anchors = new LinkedHashMap<>();
    final Map<Long, Proc> procs = new LinkedHashMap<>();
    final Set<String> kmods = new LinkedHashSet<>();
    final Map<String, String> sysctls = new LinkedHashMap<>();
    final Map<String, Integer> nextUnit = new LinkedHashMap<>();
    int nextJid = 1;
    long nextPid = 4000;

    SimState() {
        // What a fresh host has and we must never touch: the NIC and loopback (not cloned by us).
        ifaces.put("em0", new Iface("physical", "em0", false));
        ifaces.put("lo0", new Iface("loopback", "lo0", false));
        ifaces.put("bridge0", new Iface("bridge", "bridge0", false)); // an operator's bridge
        ifaces.get("bridge0").description = "uplink";
        nextUnit.put("bridge", 1);
    }

    /** Interfaces visible in a vnet (null = host). Jail loopbacks are keyed "lo0@jail". */
    Iface visible(String jail, String name) {
        Iface i = ifaces.get(jail == null ? name : name + "@" + jail);
        if (i == null && jail != null) {
            i = ifaces.get(name);
        }
        return i != null && java.util.Objects.equals(i.jail, jail) ? i : null;
    }

    String unit(String cloner) {
        int n = nextUnit.merge(cloner, 1, Integer::sum) - 1;
        return cloner + n;
    }

    /** Everything not present on a fresh host: what a scenario left behind. */
    List<String> leftovers() {
        List<String> out = new ArrayList<>();
        ifaces.values().stream().filter(i -> i.cloned).forEach(i -> out.add("interface " + i.name));
        jails.keySet().forEach(j -> out.add("jail " + j));
        anchors.keySet().forEach(a -> out.add("anchor " + a));
        procs.values().forEach(p -> out.add("process " + p.name() + " in " + p.jail()));
        return out;
    }
}
