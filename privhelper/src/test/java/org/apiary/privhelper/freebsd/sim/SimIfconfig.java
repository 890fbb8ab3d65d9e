package org.apiary.privhelper.freebsd.sim;

import static org.apiary.privhelper.freebsd.sim.FreeBsdSim.need;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apiary.privhelper.freebsd.sim.SimState.Iface;

/** ifconfig(8) grammar: cloning (create/destroy), name, description, up, addm/deletem, vnet/-vnet, inet alias. */
final class SimIfconfig {
    private static final Set<String> CLONERS = Set.of("bridge", "tap", "epair", "vlan", "vxlan");
    private final FreeBsdSim sim;

    SimIfconfig(FreeBsdSim sim) {
        this.sim = sim;
    }

    String run(String jail, List<String> a) {
        SimState s = sim.state;
        need(!a.isEmpty(), "usage: ifconfig interface ...");
        if (a.size() == 1 && a.get(0).equals("-l")) {
            return String.join(" ", s.ifaces.values().stream().filter(i -> java.util.Objects.equals(i.jail, jail))
                    .map(i -> i.name).toList()) + "\n";
        }
        if (a.size() == 1 && a.get(0).equals("-a")) {
            // ifconfig(8) -a: every interface of this vnet, each in the layout of "ifconfig name".
            StringBuilder all = new StringBuilder();
            s.ifaces.values().stream().filter(i -> java.util.Objects.equals(i.jail, jail)).forEach(i -> all.append(show(i)));
            return all.toString();
        }
        String name = a.get(0);
        if (a.size() >= 2 && a.get(1).equals("create")) {
            need(jail == null, "we only clone interfaces on the host");
            return create(name, a.subList(2, a.size()));
        }
        // ifconfig(8) -vnet: run on the host, names the interface as the jail sees it.
        boolean reclaim = a.size() == 3 && a.get(1).equals("-vnet") && jail == null;
        Iface i = s.visible(reclaim ? a.get(2) : jail, name);
        if (a.size() == 1) {
            if (i == null) {
                throw new FreeBsdSim.Probe("ifconfig: interface " + name + " does not exist");
            }
            return show(i);
        }
        need(i != null, "ifconfig: interface " + name + " does not exist");
        List<String> rest = a.subList(1, a.size());
        switch (rest.get(0)) {
            case "destroy" -> destroy(i, rest);
            case "name" -> {
                // ifconfig(8): name name — IFNAMSIZ-1 characters, unique.
                need(rest.size() == 2 && rest.get(1).length() <= 15, "ifconfig: name: bad name");
                need(!s.ifaces.containsKey(rest.get(1)), "ifconfig: ioctl SIOCSIFNAME (set name): File exists");
                need(i.cloned, "ifconfig: refusing (simulator) to rename " + name + ", which we did not create");
                s.ifaces.remove(i.name);
                s.ifaces.values().forEach(o -> {
                    if (name.equals(o.peer)) {
                        o.peer = rest.get(1);
                    }
                    if (o.members.remove(name)) {
                        o.members.add(rest.get(1));
                    }
                });
                i.name = rest.get(1);
                s.ifaces.put(i.name, i);
                return i.name + "\n";
            }
            case "description" -> {
                need(rest.size() == 2 || (rest.size() == 3 && rest.get(2).equals("up")), "ifconfig: description text [up]");
                need(i.cloned, "refusing (simulator) to re-describe " + name + ", which we did not create");
                i.description = rest.get(1);
                i.up |= rest.size() == 3;
            }
            case "up" -> {
                need(rest.size() == 1, "ifconfig: up takes no argument");
                i.up = true;
            }
            case "addm", "deletem" -> member(i, rest);
            case "vnet", "-vnet" -> vnet(jail, i, rest);
            case "inet", "inet6" -> {
                need(jail != null, "addresses are only set inside a domain's jail");
                need(rest.size() == 3 && rest.get(2).equals("alias") && rest.get(1).contains("/"),
                        "ifconfig: inet address/prefix alias");
                need(!i.addresses.contains(rest.get(1)), "ifconfig: ioctl (SIOCAIFADDR): File exists");
                i.addresses.add(rest.get(1));
            }
            default -> throw new FreeBsdSim.SimError("ifconfig: unknown parameter " + rest.get(0));
        }
        return "";
    }

    private String create(String cloner, List<String> params) {
        SimState s = sim.state;
        need(CLONERS.contains(cloner), "ifconfig: SIOCIFCREATE2: Invalid argument (" + cloner + ")");
        Map<String, String> p = new java.util.HashMap<>();
        need(params.size() % 2 == 0, "ifconfig: parameters come in name value pairs");
        for (int k = 0; k < params.size(); k += 2) {
            p.put(params.get(k), params.get(k + 1));
        }
        switch (cloner) {
            case "vlan" -> {
                // ifconfig(8) VLAN: vlan vlan_tag (1..4094) vlandev iface (must exist)
                need(p.keySet().equals(Set.of("vlan", "vlandev")), "ifconfig: vlan needs vlan and vlandev");
                int tag = Integer.parseInt(p.get("vlan"));
                need(tag >= 1 && tag <= 4094, "ifconfig: vlan tag out of range");
                need(s.visible(null, p.get("vlandev")) != null, "ifconfig: vlandev " + p.get("vlandev") + " missing");
            }
            case "vxlan" -> {
                // ifconfig(8) VXLAN: vxlanid, vxlanlocal, vxlanremote or vxlangroup (+ vxlandev)
                need(p.containsKey("vxlanid") && p.containsKey("vxlanlocal")
                        && (p.containsKey("vxlanremote") ^ p.containsKey("vxlangroup")), "ifconfig: vxlan parameters");
                long vni = Long.parseLong(p.get("vxlanid"));
                need(vni >= 0 && vni < (1 << 24), "ifconfig: vxlanid out of range");
                need(Set.of("vxlanid", "vxlanlocal", "vxlanremote", "vxlangroup", "vxlandev").containsAll(p.keySet()),
                        "ifconfig: unknown vxlan parameter");
            }
            default -> need(p.isEmpty(), "ifconfig: " + cloner + " create takes no parameters here");
        }
        String unit = s.unit(cloner);
        if (cloner.equals("epair")) {
            Iface a = new Iface("epair", unit + "a", true), b = new Iface("epair", unit + "b", true);
            a.peer = b.name;
            b.peer = a.name;
            s.ifaces.put(a.name, a);
            s.ifaces.put(b.name, b);
            return a.name + "\n"; // epair(4): prints the a side
        }
        s.ifaces.put(unit, new Iface(cloner, unit, true));
        return unit + "\n";
    }

    private void destroy(Iface i, List<String> rest) {
        SimState s = sim.state;
        need(rest.size() == 1, "ifconfig: destroy takes no argument");
        need(i.cloned, "ifconfig: SIOCIFDESTROY: Invalid argument (" + i.name + " is not ours to destroy)");
        need(i.jail == null, "we destroy interfaces from the host only");
        s.ifaces.values().forEach(o -> o.members.remove(i.name));
        s.ifaces.remove(i.name);
        if (i.peer != null) { // epair(4): destroying one end destroys both
            s.ifaces.values().forEach(o -> o.members.remove(i.peer));
            s.ifaces.remove(i.peer);
        }
    }

    private void member(Iface bridge, List<String> rest) {
        need(bridge.kind.equals("bridge") && rest.size() == 2, "ifconfig: addm/deletem need a bridge and a member");
        need(bridge.cloned, "refusing (simulator) to change the operator's bridge " + bridge.name);
        Iface m = sim.state.visible(bridge.jail, rest.get(1));
        need(m != null, "ifconfig: " + rest.get(1) + ": No such file or directory");
        if (rest.get(0).equals("addm")) {
            need(!m.kind.equals("bridge") && !m.kind.equals("loopback"), "ifconfig: BRDGADD: Invalid argument");
            need(sim.state.ifaces.values().stream().noneMatch(o -> o.members.contains(m.name)),
                    "ifconfig: BRDGADD " + m.name + ": Device busy");
            bridge.members.add(m.name);
        } else {
            need(bridge.members.remove(m.name), "ifconfig: BRDGDEL " + m.name + ": Invalid argument");
        }
    }

    /** ifconfig(8): vnet jail moves to the jail; -vnet jail reclaims from it. */
    private void vnet(String jail, Iface i, List<String> rest) {
        need(jail == null && rest.size() == 2, "ifconfig: vnet jail (from the host)");
        String target = rest.get(1);
        need(sim.state.jails.containsKey(target), "ifconfig: jail \"" + target + "\" not found");
        need(i.cloned, "refusing (simulator) to move " + i.name + ", which we did not create");
        if (rest.get(0).equals("vnet")) {
            need(i.jail == null, "ifconfig: " + i.name + " is not on the host");
            need(sim.state.ifaces.values().stream().noneMatch(o -> o.members.contains(i.name)),
                    "ifconfig: " + i.name + " is a bridge member");
            i.jail = target;
        } else {
            need(target.equals(i.jail), "ifconfig: " + i.name + " is not in jail " + target);
            i.jail = null;
            i.addresses.clear();
        }
    }

    /** Output in ifconfig(8)'s layout, only the lines the backend reads. */
    private static String show(Iface i) {
        StringBuilder b = new StringBuilder(i.name).append(": flags=").append(i.up ? "8843<UP" : "8802<").append(">\n");
        if (i.description != null) {
            b.append("\tdescription: ").append(i.description).append('\n');
        }
        if (i.cloned || i.kind.equals("loopback")) {
            // A cloned interface is in its cloner's interface group (ifconfig(8) group), also after a rename.
            b.append("\tgroups: ").append(i.kind.equals("loopback") ? "lo" : i.kind).append('\n');
        }
        for (String addr : i.addresses) {
            String[] ap = addr.split("/");
            b.append(addr.contains(":") ? "\tinet6 " : "\tinet ").append(ap[0]).append(" prefixlen ").append(ap[1])
                    .append('\n');
        }
        for (String m : i.members) {
            b.append("\tmember: ").append(m).append(" flags=143<LEARNING,DISCOVER,AUTOEDGE,AUTOPTP>\n");
        }
        return b.toString();
    }
}
