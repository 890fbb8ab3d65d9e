package org.apiary.privhelper.linux;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apiary.privhelper.host.Command;
import org.apiary.privhelper.host.CommandResult;
import org.apiary.privhelper.host.CommandRunner;
import org.apiary.privhelper.host.ConfigDrives;
import org.apiary.privhelper.host.DhcpFiles;
import org.apiary.privhelper.host.HelperSettings;
import org.apiary.privhelper.host.HostBackend;
import org.apiary.privhelper.host.PathGuard;
import org.apiary.privhelper.host.TaggedObjects;
import org.apiary.privhelper.host.DiskPaths;
import org.apiary.privhelper.host.Disks;
import org.apiary.privhelper.host.Exec;
import org.apiary.privhelper.host.GuestLauncher;
import org.apiary.privhelper.host.GuestTable;
import org.apiary.privhelper.host.ProcessGuestLauncher;
import org.apiary.privhelper.ops.*;
import org.apiary.privhelper.protocol.ErrorCode;
import org.apiary.privhelper.protocol.HelperException;
import org.apiary.privhelper.protocol.Wire;

/**
 * Linux: iproute2 (ip-link(8), ip-netns(8), ip-address(8), ip-route(8), ip-tuntap(8)), dnsmasq
 * inside a network namespace, nftables. Ownership is the interface alias "apiary:&lt;owner&gt;"
 * (IFLA_IFALIAS), set right after creation and checked before every change.
 */
public final class LinuxBackend implements HostBackend {
    private final CommandRunner run;
    private final LinuxBinaries bin;
    private final HelperSettings settings;
    private final DhcpFiles dhcp;
    private final Disks disks;
    private final LinuxGuests guests;
    private final ConfigDrives configDrives;

    public LinuxBackend(CommandRunner run, LinuxBinaries bin, HelperSettings settings) {
        this(run, new ProcessGuestLauncher(), bin, settings);
    }

    public LinuxBackend(CommandRunner run, GuestLauncher launcher, LinuxBinaries bin, HelperSettings settings) {
        this.run = run;
        this.bin = bin;
        this.settings = settings;
        this.dhcp = new DhcpFiles(new PathGuard(settings.stateRoot()));
        this.disks = new Disks(new Exec(run), new DiskPaths(settings.diskRoot()),
                new Disks.Tools(bin.qemuImg(), null, null, null));
        this.guests = new LinuxGuests(new GuestTable(settings.guestRoot(), settings.agentGroup()), launcher, disks,
                bin.qemuSystem(), Path.of("/dev/kvm"));
        this.configDrives = new ConfigDrives(new Exec(run), disks.paths(), (image, root) -> isoArgv(bin, image, root));
    }

    /**
     * genisoimage(1) with the flags Nova's configdrive.py passes (nova/virt/configdrive.py
     * _make_iso9660): relaxed ISO 9660 names (-ldots -allow-lowercase -allow-multidot -l), Joliet
     * (-J) and Rock Ridge with rationalised owners and modes (-r), volume id config-2 (-V).
     */
    static List<String> isoArgv(LinuxBinaries bin, Path image, Path root) {
        return List.of(bin.genisoimage(), "-o", image.toString(), "-ldots", "-allow-lowercase", "-allow-multidot",
                "-l", "-publisher", "Apiary", "-quiet", "-J", "-r", "-V", "config-2", root.toString());
    }

    @Override
    public JsonNode apply(Op op) {
        return switch (op) {
            case HostFacts f -> facts();
            case KernelFeatureEnable k -> {
                for (String module : modules(k.feature())) {
                    must(bin.modprobe(), "--", module);
                }
                yield done(true);
            }
            case SysctlSet s -> {
                must(bin.sysctl(), "-w", sysctlName(s.key()) + "=" + s.value());
                yield done(true);
            }
            case BridgeEnsure b -> ensure(null, b.name(), b.owner(), List.of("type", "bridge"));
            case BridgeDelete b -> delete(null, b.name(), b.owner());
            case BridgeAddMember m -> {
                requireTag(null, m.bridge(), m.owner());
                requireAnyTag(null, m.member());
                ip("link", "set", "dev", m.member(), "master", m.bridge());
                ip("link", "set", "dev", m.member(), "up");
                yield done(true);
            }
            case BridgeRemoveMember m -> {
                requireTag(null, m.bridge(), m.owner());
                String line = requireAnyTag(null, m.member());
                if (!line.contains(" master " + m.bridge() + " ")) {
                    yield done(false);
                }
                ip("link", "set", "dev", m.member(), "nomaster");
                yield done(true);
            }
            case TapCreate t -> ensureTap(t);
            case TapDelete t -> delete(null, t.name(), t.owner());
            case VlanEnsure v -> {
                physical(v.parent());
                yield ensure(null, v.name(), v.owner(), List.of("link", v.parent(), "type", "vlan", "id",
                        String.valueOf(v.vlanId())));
            }
            case VlanDelete v -> delete(null, v.name(), v.owner());
            case VxlanEnsure x -> ensure(null, x.name(), x.owner(), vxlanArgs(x));
            case VxlanDelete x -> delete(null, x.name(), x.owner());
            case DomainEnsure d -> ensureDomain(d);
            case DomainDelete d -> deleteDomain(d.owner());
            case DomainAddressAdd a -> {
                String ns = requireDomain(a.owner());
                requireTag(ns, a.iface(), a.owner());
                ip("-n", ns, "addr", "replace", a.address().toString(), "dev", a.iface());
                ip("-n", ns, "link", "set", "dev", a.iface(), "up");
                yield done(true);
            }
            case DomainRouteAdd r -> {
                String ns = requireDomain(r.owner());
                ip("-n", ns, "route", "replace", r.destination().toString(), "via", r.via().toString());
                yield done(true);
            }
            case DhcpStart s -> startDhcp(s.config());
            case DhcpReload s -> reloadDhcp(s.config());
            case DhcpStop s -> done(stopDhcp(s.owner()));
            case FirewallApply f -> {
                requireTag(null, f.port(), f.owner());
                must(Command.of(bin.nft(), "-f", "-").withStdin(NftRules.render(f)));
                yield done(true);
            }
            case ListTagged l -> listTagged();
            case GuestStart g -> {
                for (GuestNic n : g.spec().nics()) {
                    requireAnyTag(null, n.tap());
                }
                yield guests.start(g.spec());
            }
            case GuestStop g -> guests.stop(g.name());
            case GuestPoweroff g -> guests.poweroff(g.name());
            case GuestReset g -> guests.reset(g.name());
            case GuestDestroy g -> guests.destroy(g.name());
            case GuestStatus g -> guests.table().status(guests.table().require(g.name()));
            case GuestList g -> guestList();
            case ConsoleOpen c -> guests.console(c.name());
            case GuestSnapshot s -> guests.snapshot(s);
            case DiskCreate d -> disks.apply(d);
            case DiskConvert d -> disks.apply(d);
            case DiskResize d -> disks.apply(d);
            case DiskDelete d -> disks.apply(d);
            case ConfigDriveCreate c -> configDrives.create(c);
        };
    }

    /** ip -o link show (one line per interface, alias after "\\    alias "), ip netns list, our dhcp dirs. */
    private JsonNode listTagged() {
        TaggedObjects t = new TaggedObjects();
        for (String line : must(bin.ip(), "-o", "link", "show").stdout().lines().toList()) {
            String name = linkName(line);
            if (name != null) {
                t.iface(name, alias(line + " "));
            }
        }
        for (String line : must(bin.ip(), "netns", "list").stdout().lines().toList()) {
            t.domain(line.split(" ", 2)[0]);
        }
        t.dhcpFrom(dhcp.root(), owner -> runningPid(owner) > 0);
        guests.table().all().forEach(g -> t.guest(g.name, guests.table().running(g)));
        return t.json();
    }

    /** "7: apl-100@eth0: <BROADCAST,…" → "apl-100"; null for a line that is not a link. */
    static String linkName(String line) {
        int colon = line.indexOf(": ");
        if (colon < 0) {
            return null;
        }
        int end = line.indexOf(": ", colon + 2);
        if (end < 0) {
            return null;
        }
        String name = line.substring(colon + 2, end);
        int at = name.indexOf('@');
        return at > 0 ? name.substring(0, at) : name;
    }

    private JsonNode guestList() {
        ObjectNode n = Wire.MAPPER.createObjectNode();
        var list = n.putArray("guests");
        guests.table().all().forEach(g -> list.add(guests.table().status(g)));
        return n;
    }

    private JsonNode facts() {
        ObjectNode n = Wire.MAPPER.createObjectNode();
        n.put("os", "linux");
        n.put("kernel", System.getProperty("os.version"));
        ObjectNode b = n.putObject("binaries");
        for (String p : List.of(bin.ip(), bin.dnsmasq(), bin.nft(), bin.modprobe(), bin.sysctl(), bin.qemuSystem(),
                bin.qemuImg(), bin.genisoimage())) {
            b.put(p, Files.isExecutable(Path.of(p)));
        }
        n.putArray("physicalInterfaces").addAll(settings.physicalInterfaces().stream().sorted()
                .map(Wire.MAPPER.getNodeFactory()::textNode).toList());
        return n;
    }

    private static List<String> modules(KernelFeatureEnable.Feature f) {
        return switch (f) {
            case BRIDGE -> List.of("bridge");
            case TAP -> List.of("tun");
            case VETH_PAIR -> List.of("veth");
            case VLAN -> List.of("8021q");
            case VXLAN -> List.of("vxlan");
            case FIREWALL -> List.of("nf_tables");
        };
    }

    private static String sysctlName(SysctlSet.Key k) {
        return switch (k) {
            case IP_FORWARD -> "net.ipv4.ip_forward";
            case IP6_FORWARD -> "net.ipv6.conf.all.forwarding";
            case BRIDGE_FILTER -> "net.bridge.bridge-nf-call-iptables";
        };
    }

    private List<String> vxlanArgs(VxlanEnsure x) {
        List<String> a = new ArrayList<>(List.of("type", "vxlan", "id", String.valueOf(x.vni()), "local",
                x.local().toString(), "dstport", "4789"));
        if (x.remote() != null) {
            a.addAll(List.of("remote", x.remote().toString()));
        } else {
            a.addAll(List.of("group", x.group().toString()));
        }
        if (x.device() != null) {
            physical(x.device());
            a.addAll(List.of("dev", x.device()));
        }
        return a;
    }

    // ---- tagged interfaces

    /** ip link add name N &lt;kind args&gt;; ip link set dev N alias apiary:owner; up. Rolls back on failure. */
    private JsonNode ensure(String ns, String name, String owner, List<String> kind) {
        String line = show(ns, name);
        if (line != null) {
            checkTag(line, name, owner);
            return done(false);
        }
        List<String> add = new ArrayList<>(List.of("link", "add", "name", name));
        add.addAll(kind);
        ip(add.toArray(String[]::new));
        tagAndUp(name, owner);
        return done(true);
    }

    private JsonNode ensureTap(TapCreate t) {
        String line = show(null, t.name());
        if (line != null) {
            checkTag(line, t.name(), t.owner());
            return done(false);
        }
        ip("tuntap", "add", "dev", t.name(), "mode", "tap");
        tagAndUp(t.name(), t.owner());
        return done(true);
    }

    private void tagAndUp(String name, String owner) {
        try {
            ip("link", "set", "dev", name, "alias", Check.tag(owner));
            ip("link", "set", "dev", name, "up");
        } catch (HelperException e) {
            run.run(Command.of(bin.ip(), "link", "del", "dev", name)); // never leave an untagged interface
            throw e;
        }
    }

    private JsonNode delete(String ns, String name, String owner) {
        String line = show(ns, name);
        if (line == null) {
            return done(false);
        }
        checkTag(line, name, owner);
        ip("link", "del", "dev", name);
        return done(true);
    }

    private void requireTag(String ns, String name, String owner) {
        String line = show(ns, name);
        if (line == null) {
            throw HelperException.conflict(name + " does not exist" + (ns == null ? "" : " in " + ns));
        }
        checkTag(line, name, owner);
    }

    private String requireAnyTag(String ns, String name) {
        String line = show(ns, name);
        if (line == null) {
            throw HelperException.conflict(name + " does not exist");
        }
        if (alias(line) == null || !alias(line).startsWith("apiary:")) {
            throw HelperException.notOurs(name + " does not carry an apiary tag");
        }
        return line;
    }

    private static void checkTag(String line, String name, String owner) {
        String alias = alias(line);
        if (!Check.tag(owner).equals(alias)) {
            throw HelperException.notOurs(name + " exists but is not tagged " + Check.tag(owner));
        }
    }

    /** The alias from `ip -o link show` output ("...\    alias apiary:x"), or null. */
    static String alias(String line) {
        int i = line.indexOf("\\    alias ");
        return i < 0 ? null : line.substring(i + "\\    alias ".length()).trim();
    }

    /** The one-line description of an interface, or null if it does not exist. */
    private String show(String ns, String name) {
        List<String> argv = new ArrayList<>(List.of(bin.ip()));
        if (ns != null) {
            argv.addAll(List.of("-n", ns));
        }
        argv.addAll(List.of("-o", "link", "show", "dev", name));
        CommandResult r = run.run(Command.of(argv));
        return r.ok() && !r.stdout().isBlank() ? r.stdout() + " " : null;
    }

    private void physical(String name) {
        if (!settings.physicalInterfaces().contains(name)) {
            throw HelperException.invalid(name + " is not in [helper] physical_interfaces");
        }
    }

    // ---- isolation domains (network namespaces)

    private boolean domainExists(String ns) {
        CommandResult r = must(bin.ip(), "netns", "list");
        return r.stdout().lines().anyMatch(l -> l.equals(ns) || l.startsWith(ns + " "));
    }

    private String requireDomain(String owner) {
        String ns = Check.domainName(owner);
        if (!domainExists(ns)) {
            throw HelperException.conflict("isolation domain " + ns + " does not exist");
        }
        return ns;
    }

    private JsonNode ensureDomain(DomainEnsure d) {
        String ns = Check.domainName(d.owner());
        boolean created = false;
        if (!domainExists(ns)) {
            ip("netns", "add", ns);
            created = true;
        }
        ip("-n", ns, "link", "set", "dev", "lo", "up");
        if (show(ns, d.inside()) != null) {
            requireTag(ns, d.inside(), d.owner());
            requireTag(null, d.outside(), d.owner());
            return done(created);
        }
        if (show(null, d.outside()) != null || show(null, d.inside()) != null) {
            throw HelperException.conflict("a different " + d.outside() + "/" + d.inside() + " pair already exists");
        }
        ip("link", "add", "name", d.outside(), "type", "veth", "peer", "name", d.inside());
        try {
            ip("link", "set", "dev", d.outside(), "alias", Check.tag(d.owner()));
            ip("link", "set", "dev", d.inside(), "alias", Check.tag(d.owner()));
            ip("link", "set", "dev", d.inside(), "netns", ns);
            ip("-n", ns, "link", "set", "dev", d.inside(), "up");
            ip("link", "set", "dev", d.outside(), "up");
        } catch (HelperException e) {
            run.run(Command.of(bin.ip(), "link", "del", "dev", d.outside()));
            throw e;
        }
        return done(true);
    }

    private JsonNode deleteDomain(String owner) {
        String ns = Check.domainName(owner);
        stopDhcp(owner);
        if (!domainExists(ns)) {
            return done(false);
        }
        // Deleting the namespace destroys the inside veth end, and with it the outside end.
        ip("netns", "delete", ns);
        return done(true);
    }

    // ---- DHCP

    private JsonNode startDhcp(DhcpConfig c) {
        String ns = requireDomain(c.owner());
        requireTag(ns, c.iface(), c.owner());
        if (runningPid(c.owner()) > 0) {
            return reloadDhcp(c);
        }
        dhcp.write(c);
        List<String> argv = new ArrayList<>(List.of(bin.ip(), "netns", "exec", ns, bin.dnsmasq()));
        argv.addAll(dhcp.dnsmasqArgs(c));
        must(Command.of(argv));
        return done(true);
    }

    private JsonNode reloadDhcp(DhcpConfig c) {
        long pid = runningPid(c.owner());
        if (pid <= 0) {
            throw HelperException.conflict("no dnsmasq is running for " + c.owner());
        }
        dhcp.write(c);
        must(bin.kill(), "-HUP", String.valueOf(pid));
        return done(true);
    }

    private boolean stopDhcp(String owner) {
        long pid = runningPid(owner);
        if (pid > 0) {
            must(bin.kill(), "-TERM", String.valueOf(pid));
            ProcessHandle.of(pid).ifPresent(h -> h.onExit().orTimeout(5, java.util.concurrent.TimeUnit.SECONDS)
                    .exceptionally(t -> null).join());
        }
        dhcp.remove(owner);
        return pid > 0;
    }

    /**
     * The pid in our pid file, but only if that process is a dnsmasq started with our pid file:
     * a stale pid reused by another process must never be signalled.
     */
    private long runningPid(String owner) {
        long pid = dhcp.readPid(owner);
        if (pid <= 0) {
            return -1;
        }
        try {
            String cmdline = Files.readString(Path.of("/proc", String.valueOf(pid), "cmdline"));
            return cmdline.contains("--pid-file=" + dhcp.pidFile(owner) + "\0") ? pid : -1;
        } catch (java.io.IOException e) {
            return -1;
        }
    }

    // ---- running commands

    private void ip(String... args) {
        List<String> argv = new ArrayList<>(List.of(bin.ip()));
        argv.addAll(List.of(args));
        must(Command.of(argv));
    }

    private CommandResult must(String... argv) {
        return must(Command.of(argv));
    }

    private CommandResult must(Command c) {
        CommandResult r = run.run(c);
        if (!r.ok()) {
            throw new HelperException(ErrorCode.HOST_COMMAND_FAILED, c + " exited " + r.exitCode() + ": "
                    + org.apiary.privhelper.protocol.Printable.of(r.stderr().strip(), 300));
        }
        return r;
    }

    private static JsonNode done(boolean changed) {
        return Wire.MAPPER.createObjectNode().put("changed", changed);
    }
}
