package org.apiary.privhelper.freebsd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.apiary.privhelper.host.CommandResult;
import org.apiary.privhelper.host.CommandRunner;
import org.apiary.privhelper.host.ConfigDrives;
import org.apiary.privhelper.host.DhcpFiles;
import org.apiary.privhelper.host.Exec;
import org.apiary.privhelper.host.HelperSettings;
import org.apiary.privhelper.host.HostBackend;
import org.apiary.privhelper.host.PathGuard;
import org.apiary.privhelper.host.TaggedObjects;
import java.nio.file.Path;
import org.apiary.privhelper.host.DiskPaths;
import org.apiary.privhelper.host.Disks;
import org.apiary.privhelper.host.GuestLauncher;
import org.apiary.privhelper.host.GuestTable;
import org.apiary.privhelper.host.ProcessGuestLauncher;
import org.apiary.privhelper.ops.*;
import org.apiary.privhelper.protocol.HelperException;
import org.apiary.privhelper.protocol.Wire;

/**
 * FreeBSD: ifconfig(8) cloned interfaces (bridge, tap, epair, vlan, vxlan) renamed to our names
 * and tagged with "description apiary:&lt;owner&gt;"; persistent VNET jails (jail(8)) entered with
 * jexec(8); pf anchors (pfctl(8)); kldload(8); sysctl(8); dnsmasq(8) inside the jail.
 */
public final class FreeBsdBackend implements HostBackend {
    static final String IFCONFIG = "/sbin/ifconfig", JAIL = "/usr/sbin/jail", JEXEC = "/usr/sbin/jexec",
            JLS = "/usr/sbin/jls", PFCTL = "/sbin/pfctl", KLDLOAD = "/sbin/kldload", SYSCTL = "/sbin/sysctl",
            ROUTE = "/sbin/route", PKILL = "/bin/pkill", PGREP = "/bin/pgrep", DNSMASQ = "/usr/local/sbin/dnsmasq";

    private final Exec exec;
    private final HelperSettings settings;
    static final String TRUNCATE = "/usr/bin/truncate", QEMU_IMG = "/usr/local/bin/qemu-img", ZFS = "/sbin/zfs",
            MAKEFS = "/usr/sbin/makefs";

    private final DhcpFiles dhcp;
    private final Disks disks;
    private final FreeBsdGuests guests;
    private final ConfigDrives configDrives;

    public FreeBsdBackend(CommandRunner runner, HelperSettings settings) {
        this(runner, new ProcessGuestLauncher(), Path.of("/dev/vmm"), FreeBsdGuests.FIRMWARE_DIR, settings);
    }

    /** @param vmm the vmm(4) device directory; @param firmwareDir where edk2-bhyve's BHYVE_UEFI*.fd live */
    public FreeBsdBackend(CommandRunner runner, GuestLauncher launcher, Path vmm, Path firmwareDir,
            HelperSettings settings) {
        this.exec = new Exec(runner);
        this.settings = settings;
        this.dhcp = new DhcpFiles(new PathGuard(settings.stateRoot()));
        this.disks = new Disks(exec, new DiskPaths(settings.diskRoot()), new Disks.Tools(QEMU_IMG, TRUNCATE,
                settings.zfsDataset() == null ? null : ZFS, settings.zfsDataset()));
        this.guests = new FreeBsdGuests(new GuestTable(settings.guestRoot(), settings.agentGroup()), launcher, exec,
                disks, vmm, firmwareDir, settings.agentGroup());
        this.configDrives = new ConfigDrives(exec, disks.paths(), FreeBsdBackend::isoArgv);
    }

    /**
     * makefs(8) from base: -t cd9660 first (later -o options are parsed by the chosen type), Rock
     * Ridge for the long lower-case names, label config-2. A cd9660 volume id is upper case, so
     * makefs records it as CONFIG-2; cloud-init looks for config-2 and CONFIG-2
     * (/dev/iso9660/CONFIG-2 on a FreeBSD guest).
     */
    static List<String> isoArgv(Path image, Path root) {
        return List.of(MAKEFS, "-t", "cd9660", "-o", "rockridge", "-o", "label=config-2", image.toString(),
                root.toString());
    }

    @Override
    public JsonNode apply(Op op) {
        return switch (op) {
            case HostFacts f -> facts();
            case KernelFeatureEnable k -> {
                // kldload(8) -n: do not fail if the module is already loaded.
                exec.must(KLDLOAD, "-n", module(k.feature()));
                yield Exec.changed(true);
            }
            case SysctlSet s -> {
                exec.must(SYSCTL, sysctlName(s.key()) + "=" + s.value()); // sysctl(8): name=value
                yield Exec.changed(true);
            }
            case BridgeEnsure b -> ensure(b.name(), b.owner(), List.of("bridge", "create"));
            case BridgeDelete b -> destroy(b.name(), b.owner());
            case BridgeAddMember m -> {
                requireTag(null, m.bridge(), m.owner());
                requireAnyTag(m.member());
                if (show(null, m.bridge()).contains("\tmember: " + m.member() + " ")) {
                    yield Exec.changed(false);
                }
                exec.must(IFCONFIG, m.bridge(), "addm", m.member()); // ifconfig(8) bridge: addm interface
                exec.must(IFCONFIG, m.member(), "up");
                yield Exec.changed(true);
            }
            case BridgeRemoveMember m -> {
                requireTag(null, m.bridge(), m.owner());
                requireAnyTag(m.member());
                if (!show(null, m.bridge()).contains("\tmember: " + m.member() + " ")) {
                    yield Exec.changed(false);
                }
                exec.must(IFCONFIG, m.bridge(), "deletem", m.member()); // ifconfig(8) bridge: deletem
                yield Exec.changed(true);
            }
            case TapCreate t -> ensure(t.name(), t.owner(), List.of("tap", "create"));
            case TapDelete t -> destroy(t.name(), t.owner());
            case VlanEnsure v -> {
                physical(v.parent());
                // ifconfig(8) VLAN: vlan vlan_tag, vlandev iface
                yield ensure(v.name(), v.owner(), List.of("vlan", "create", "vlan", String.valueOf(v.vlanId()),
                        "vlandev", v.parent()));
            }
            case VlanDelete v -> destroy(v.name(), v.owner());
            case VxlanEnsure x -> ensure(x.name(), x.owner(), vxlanArgs(x));
            case VxlanDelete x -> destroy(x.name(), x.owner());
            case DomainEnsure d -> ensureDomain(d);
            case DomainDelete d -> deleteDomain(d.owner());
            case DomainAddressAdd a -> {
                String jail = requireDomain(a.owner());
                requireTag(jail, a.iface(), a.owner());
                boolean v4 = a.address().address().isV4();
                if (show(jail, a.iface()).contains((v4 ? "\tinet " : "\tinet6 ") + a.address().address() + " ")) {
                    yield Exec.changed(false);
                }
                // ifconfig(8): address_family address[/prefixlength] alias
                exec.must(JEXEC, jail, IFCONFIG, a.iface(), v4 ? "inet" : "inet6", a.address().toString(), "alias");
                exec.must(JEXEC, jail, IFCONFIG, a.iface(), "up");
                yield Exec.changed(true);
            }
            case DomainRouteAdd r -> {
                String jail = requireDomain(r.owner());
                boolean v4 = r.destination().address().isV4();
                // route(8): route [-n] add [-inet6] -net destination gateway
                exec.must(JEXEC, jail, ROUTE, "-n", "add", v4 ? "-inet" : "-inet6", "-net",
                        r.destination().toString(), r.via().toString());
                yield Exec.changed(true);
            }
            case DhcpStart s -> startDhcp(s.config());
            case DhcpReload s -> reloadDhcp(s.config());
            case DhcpStop s -> Exec.changed(stopDhcp(s.owner()));
            case FirewallApply f -> {
                requireTag(null, f.port(), f.owner());
                // pfctl(8): -a anchor -f - loads the ruleset from stdin into that anchor only.
                exec.must(org.apiary.privhelper.host.Command.of(PFCTL, "-a", "apiary/" + f.port(), "-f", "-")
                        .withStdin(PfRules.render(f)));
                yield Exec.changed(true);
            }
            case ListTagged l -> listTagged();
            case GuestStart g -> {
                for (GuestNic n : g.spec().nics()) {
                    requireAnyTag(n.tap());
                }
                yield guests.start(g.spec());
            }
            case GuestStop g -> guests.stop(g.name());
            case GuestPoweroff g -> guests.poweroff(g.name());
            case GuestReset g -> guests.reset(g.name());
            case GuestDestroy g -> guests.destroy(g.name());
            case GuestStatus g -> guests.table().status(guests.table().require(g.name()));
            case GuestList g -> {
                ObjectNode n = Wire.MAPPER.createObjectNode();
                var list = n.putArray("guests");
                guests.table().all().forEach(x -> list.add(guests.table().status(x)));
                yield n;
            }
            case ConsoleOpen c -> guests.console(c.name());
            case GuestSnapshot s -> guests.snapshot(s);
            case DiskCreate d -> disks.apply(d);
            case DiskConvert d -> disks.apply(d);
            case DiskResize d -> disks.apply(d);
            case DiskDelete d -> disks.apply(d);
            case ConfigDriveCreate c -> configDrives.create(c);
        };
    }

    /**
     * ifconfig(8) -a prints each host interface as "name: flags=…" followed by tab-indented lines,
     * among them "description: text" and "groups: g1 g2" (a cloned interface is in its cloner's
     * group, and stays there when renamed); jls(8) with the parameter "name" prints one jail name
     * per line.
     */
    private JsonNode listTagged() {
        TaggedObjects t = new TaggedObjects();
        for (String[] iface : ifconfigBlocks(exec.must(IFCONFIG, "-a").stdout())) {
            String group = switch (iface[0].length() >= 4 ? iface[0].substring(0, 4) : "") {
                case Check.BRIDGE -> "bridge";
                case Check.TAP -> "tap";
                case Check.VLAN -> "vlan";
                case Check.VXLAN -> "vxlan";
                default -> null;
            };
            if (group != null && List.of(iface[2].split(" ")).contains(group)) {
                t.iface(iface[0], iface[1]);
            }
        }
        List<String> jails = exec.must(JLS, "name").stdout().lines().map(String::strip).toList();
        jails.forEach(t::domain);
        t.dhcpFrom(dhcp.root(), owner -> jails.contains(Check.domainName(owner))
                && running(Check.domainName(owner), owner));
        guests.table().all().forEach(g -> t.guest(g.name, guests.table().running(g)));
        return t.json();
    }

    /** Splits ifconfig -a output into {name, description or null, groups or ""}. */
    static List<String[]> ifconfigBlocks(String out) {
        List<String[]> blocks = new ArrayList<>();
        String[] cur = null;
        for (String line : out.split("\n")) {
            if (!line.isEmpty() && !line.startsWith("\t") && line.contains(": ")) {
                cur = new String[] {line.substring(0, line.indexOf(": ")), null, ""};
                blocks.add(cur);
            } else if (cur != null && line.startsWith("\tdescription: ")) {
                cur[1] = line.substring("\tdescription: ".length()).strip();
            } else if (cur != null && line.startsWith("\tgroups: ")) {
                cur[2] = line.substring("\tgroups: ".length()).strip();
            }
        }
        return blocks;
    }

    private JsonNode facts() {
        ObjectNode n = Wire.MAPPER.createObjectNode();
        n.put("os", "freebsd");
        n.put("kernel", System.getProperty("os.version"));
        if (settings.zfsDataset() != null) {
            n.put("zfsDataset", settings.zfsDataset()); // the bhyve driver then puts guest disks on volumes
        }
        n.putArray("physicalInterfaces").addAll(settings.physicalInterfaces().stream().sorted()
                .map(Wire.MAPPER.getNodeFactory()::textNode).toList());
        return n;
    }

    static String module(KernelFeatureEnable.Feature f) {
        return switch (f) {
            case BRIDGE -> "if_bridge";
            case TAP -> "if_tuntap";
            case VETH_PAIR -> "if_epair";
            case VLAN -> "if_vlan";
            case VXLAN -> "if_vxlan";
            case FIREWALL -> "pf";
        };
    }

    static String sysctlName(SysctlSet.Key k) {
        return switch (k) {
            case IP_FORWARD -> "net.inet.ip.forwarding";
            case IP6_FORWARD -> "net.inet6.ip6.forwarding";
            case BRIDGE_FILTER -> "net.link.bridge.pfil_member"; // if_bridge(4)
        };
    }

    private List<String> vxlanArgs(VxlanEnsure x) {
        // ifconfig(8) VXLAN parameters: vxlanid, vxlanlocal, vxlanremote | vxlangroup + vxlandev
        List<String> a = new ArrayList<>(List.of("vxlan", "create", "vxlanid", String.valueOf(x.vni()),
                "vxlanlocal", x.local().toString()));
        if (x.remote() != null) {
            a.addAll(List.of("vxlanremote", x.remote().toString()));
        } else {
            a.addAll(List.of("vxlangroup", x.group().toString()));
        }
        if (x.device() != null) {
            physical(x.device());
            a.addAll(List.of("vxlandev", x.device()));
        }
        return a;
    }

    // ---- tagged interfaces

    /**
     * Cloned interfaces get a unit name from the kernel ("ifconfig bridge create" prints
     * "bridge0"), so we create, then rename (ifconfig(8): name newname), then tag and bring up.
     */
    private JsonNode ensure(String name, String owner, List<String> createArgs) {
        String existing = show(null, name);
        if (existing != null) {
            checkTag(existing, name, owner);
            return Exec.changed(false);
        }
        List<String> argv = new ArrayList<>(List.of(IFCONFIG));
        argv.addAll(createArgs);
        String unit = exec.must(argv).stdout().strip();
        renameTagUp(unit, name, owner);
        return Exec.changed(true);
    }

    private void renameTagUp(String unit, String name, String owner) {
        try {
            exec.must(IFCONFIG, unit, "name", name);
        } catch (HelperException e) {
            exec.probe(List.of(IFCONFIG, unit, "destroy"));
            throw e;
        }
        try {
            exec.must(IFCONFIG, name, "description", Check.tag(owner), "up");
        } catch (HelperException e) {
            exec.probe(List.of(IFCONFIG, name, "destroy")); // never leave an untagged interface
            throw e;
        }
    }

    private JsonNode destroy(String name, String owner) {
        String existing = show(null, name);
        if (existing == null) {
            return Exec.changed(false);
        }
        checkTag(existing, name, owner);
        exec.must(IFCONFIG, name, "destroy");
        return Exec.changed(true);
    }

    private void requireTag(String jail, String name, String owner) {
        String out = show(jail, name);
        if (out == null) {
            throw HelperException.conflict(name + " does not exist" + (jail == null ? "" : " in jail " + jail));
        }
        checkTag(out, name, owner);
    }

    private void requireAnyTag(String name) {
        String out = show(null, name);
        if (out == null) {
            throw HelperException.conflict(name + " does not exist");
        }
        String d = description(out);
        if (d == null || !d.startsWith("apiary:")) {
            throw HelperException.notOurs(name + " does not carry an apiary description");
        }
    }

    private static void checkTag(String out, String name, String owner) {
        if (!Check.tag(owner).equals(description(out))) {
            throw HelperException.notOurs(name + " exists but its description is not " + Check.tag(owner));
        }
    }

    /** ifconfig(8) prints "\tdescription: text" for an interface with a description. */
    static String description(String ifconfigOutput) {
        for (String line : ifconfigOutput.split("\n")) {
            if (line.startsWith("\tdescription: ")) {
                return line.substring("\tdescription: ".length()).strip();
            }
        }
        return null;
    }

    private String show(String jail, String name) {
        List<String> argv = new ArrayList<>();
        if (jail != null) {
            argv.addAll(List.of(JEXEC, jail));
        }
        argv.addAll(List.of(IFCONFIG, name));
        CommandResult r = exec.probe(argv);
        return r.ok() ? r.stdout() : null;
    }

    private void physical(String name) {
        if (!settings.physicalInterfaces().contains(name)) {
            throw HelperException.invalid(name + " is not in [helper] physical_interfaces");
        }
    }

    // ---- isolation domains (VNET jails)

    private boolean jailExists(String jail) {
        return exec.probe(List.of(JLS, "-j", jail, "jid")).ok(); // jls(8): -j jail, exit 1 if absent
    }

    private String requireDomain(String owner) {
        String jail = Check.domainName(owner);
        if (!jailExists(jail)) {
            throw HelperException.conflict("isolation domain (jail) " + jail + " does not exist");
        }
        return jail;
    }

    private JsonNode ensureDomain(DomainEnsure d) {
        String jail = Check.domainName(d.owner());
        boolean created = false;
        if (!jailExists(jail)) {
            // jail(8): -c create; persist keeps it without processes; vnet gives it its own stack.
            exec.must(JAIL, "-c", "name=" + jail, "path=/", "host.hostname=" + jail, "persist", "vnet");
            created = true;
        }
        exec.must(JEXEC, jail, IFCONFIG, "lo0", "up");
        if (show(jail, d.inside()) != null) {
            requireTag(jail, d.inside(), d.owner());
            requireTag(null, d.outside(), d.owner());
            return Exec.changed(created);
        }
        if (show(null, d.outside()) != null || show(null, d.inside()) != null) {
            throw HelperException.conflict("a different " + d.outside() + "/" + d.inside() + " pair already exists");
        }
        // epair(4): "ifconfig epair create" prints the a side (epairNa); the b side is epairNb.
        String a = exec.must(IFCONFIG, "epair", "create").stdout().strip();
        if (!a.matches("epair[0-9]+a")) {
            exec.probe(List.of(IFCONFIG, a, "destroy"));
            throw HelperException.conflict("unexpected epair name '" + a + "'");
        }
        String b = a.substring(0, a.length() - 1) + "b";
        renameTagUp(a, d.outside(), d.owner());
        try {
            renameTagUp(b, d.inside(), d.owner());
            exec.must(IFCONFIG, d.inside(), "vnet", jail); // ifconfig(8): vnet jail
            exec.must(JEXEC, jail, IFCONFIG, d.inside(), "up");
        } catch (HelperException e) {
            exec.probe(List.of(IFCONFIG, d.outside(), "destroy")); // destroys both ends (epair(4))
            throw e;
        }
        return Exec.changed(true);
    }

    private JsonNode deleteDomain(String owner) {
        String jail = Check.domainName(owner);
        stopDhcp(owner);
        if (!jailExists(jail)) {
            return Exec.changed(false);
        }
        // Reclaim our tagged interfaces (ifconfig(8): -vnet jail) and destroy them on the host;
        // destroying an epair end destroys its peer too.
        String list = exec.must(JEXEC, jail, IFCONFIG, "-l").stdout();
        for (String ifname : list.strip().split("\\s+")) {
            if (ifname.startsWith(Check.VETH) && Check.tag(owner).equals(description(show(jail, ifname)))) {
                exec.must(IFCONFIG, ifname, "-vnet", jail);
                exec.must(IFCONFIG, ifname, "destroy");
            }
        }
        exec.must(JAIL, "-r", jail); // jail(8): -r remove
        return Exec.changed(true);
    }

    // ---- DHCP: dnsmasq inside the jail, signalled with pkill(1) -F pidfile -j jail

    private JsonNode startDhcp(DhcpConfig c) {
        String jail = requireDomain(c.owner());
        requireTag(jail, c.iface(), c.owner());
        if (running(jail, c.owner())) {
            return reloadDhcp(c);
        }
        dhcp.write(c);
        List<String> argv = new ArrayList<>(List.of(JEXEC, jail, DNSMASQ));
        argv.addAll(dhcp.dnsmasqArgs(c));
        exec.must(argv);
        return Exec.changed(true);
    }

    private JsonNode reloadDhcp(DhcpConfig c) {
        String jail = requireDomain(c.owner());
        if (!running(jail, c.owner())) {
            throw HelperException.conflict("no dnsmasq is running for " + c.owner());
        }
        dhcp.write(c);
        exec.must(PKILL, "-HUP", "-F", dhcp.pidFile(c.owner()).toString(), "-j", jail, "dnsmasq");
        return Exec.changed(true);
    }

    private boolean stopDhcp(String owner) {
        String jail = Check.domainName(owner);
        boolean wasRunning = jailExists(jail) && running(jail, owner);
        if (wasRunning) {
            exec.must(PKILL, "-TERM", "-F", dhcp.pidFile(owner).toString(), "-j", jail, "dnsmasq");
        }
        dhcp.remove(owner);
        return wasRunning;
    }

    /** pgrep(1): -F pidfile restricts to that pid, -j to the jail; exit 0 only if it matches dnsmasq. */
    private boolean running(String jail, String owner) {
        return exec.probe(List.of(PGREP, "-F", dhcp.pidFile(owner).toString(), "-j", jail, "dnsmasq")).ok();
    }
}
