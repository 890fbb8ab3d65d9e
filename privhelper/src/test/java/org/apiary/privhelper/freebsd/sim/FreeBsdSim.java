package org.apiary.privhelper.freebsd.sim;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apiary.privhelper.host.Command;
import org.apiary.privhelper.host.CommandResult;
import org.apiary.privhelper.host.CommandRunner;
import org.apiary.privhelper.host.GuestLauncher;
import org.apiary.privhelper.host.GuestProcess;

/**
 * A stateful model of the FreeBSD commands the backend runs. Each command's argv is checked
 * against the grammar of its man page and applied to {@link SimState}; malformed argv and
 * impossible sequences fail like the real tool (non-zero exit, message on stderr) and are also
 * collected in {@link #violations()}, so a scenario can assert the backend never even tried one.
 */
public final class FreeBsdSim implements CommandRunner, GuestLauncher {
    final SimState state = new SimState();
    private final List<String> violations = new ArrayList<>();
    private final List<String> log = new ArrayList<>();
    private final SimIfconfig ifconfig = new SimIfconfig(this);
    final SimBhyve bhyve = new SimBhyve(this);
    private final SimMakefs makefs = new SimMakefs();

    /** bhyve as a child process: grammar-checked; a refused start exits at once with status 4 (error). */
    @Override
    public synchronized GuestProcess launch(List<String> argv, Path log) {
        log(String.join(" ", argv));
        try {
            need(argv.get(0).equals("/usr/sbin/bhyve"), "only bhyve runs as a guest process");
            return bhyve.bhyve(argv);
        } catch (SimError | NumberFormatException | IndexOutOfBoundsException e) {
            violations.add(String.join(" ", argv) + " -> " + e.getMessage());
            SimBhyve.SimGuest dead = bhyve.new SimGuest(state.nextPid++, "-");
            dead.exit.complete(4);
            return dead;
        }
    }

    private void log(String line) {
        log.add(line);
    }

    /**
     * The FreeBSD backend wired to this simulated host: commands, bhyve processes, /dev/vmm, and a
     * firmware directory holding edk2-bhyve's two files (BHYVE_UEFI.fd, BHYVE_UEFI_VARS.fd).
     */
    public org.apiary.privhelper.freebsd.FreeBsdBackend backend(org.apiary.privhelper.host.HelperSettings settings) {
        try {
            Path fw = Files.createTempDirectory("sim-uefi-firmware");
            Files.writeString(fw.resolve("BHYVE_UEFI.fd"), "edk2 code volume (simulated)");
            Files.writeString(fw.resolve("BHYVE_UEFI_VARS.fd"), "edk2 variable store template (simulated)");
            return new org.apiary.privhelper.freebsd.FreeBsdBackend(this, this, vmmDir(), fw, settings);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The simulated /dev/vmm (vmm(4)). */
    public Path vmmDir() {
        return bhyve.vmm;
    }

    @Override
    public synchronized CommandResult run(Command c) {
        log.add(String.join(" ", c.argv()));
        try {
            return dispatch(null, c.argv(), c.stdin());
        } catch (SimError e) {
            violations.add(String.join(" ", c.argv()) + " -> " + e.getMessage());
            return CommandResult.failure(1, e.getMessage());
        }
    }

    /** Expected "not found" answers (probes) are not violations; only misuse is. */
    static final class Probe extends RuntimeException {
        Probe(String m) {
            super(m, null, false, false);
        }
    }

    static final class SimError extends RuntimeException {
        SimError(String m) {
            super(m, null, false, false);
        }
    }

    CommandResult dispatch(String jail, List<String> argv, String stdin) {
        try {
            String out = switch (argv.get(0)) {
                case "/sbin/ifconfig" -> ifconfig.run(jail, argv.subList(1, argv.size()));
                case "/usr/sbin/jail" -> host(jail, "jail") + jail(argv.subList(1, argv.size()));
                case "/usr/sbin/jls" -> jls(argv);
                case "/usr/sbin/jexec" -> {
                    // jexec(8): jexec [-l] [-u user | -U user] jail [command ...]
                    host(jail, "jexec");
                    need(argv.size() >= 3, "usage: jexec jail command");
                    String j = argv.get(1);
                    need(state.jails.containsKey(j), "jexec: jail \"" + j + "\" not found");
                    need(Set.of("/sbin/ifconfig", "/sbin/route", "/usr/local/sbin/dnsmasq").contains(argv.get(2)),
                            "jexec: unexpected command " + argv.get(2));
                    CommandResult r = dispatch(j, argv.subList(2, argv.size()), stdin);
                    if (!r.ok()) {
                        throw new Probe(r.stderr());
                    }
                    yield r.stdout();
                }
                case "/sbin/route" -> route(jail, argv);
                case "/usr/local/sbin/dnsmasq" -> dnsmasq(jail, argv);
                case "/bin/pkill", "/bin/pgrep" -> signal(argv);
                case "/sbin/pfctl" -> pfctl(argv, stdin);
                case "/sbin/kldload" -> kldload(argv);
                case "/sbin/sysctl" -> sysctl(argv);
                case "/usr/sbin/bhyvectl" -> bhyve.bhyvectl(argv);
                case "/usr/sbin/bhyveload" -> bhyve.bhyveload(argv);
                case "/usr/sbin/chown", "/bin/chmod" -> bhyve.chownChmod(argv);
                case "/usr/bin/truncate" -> bhyve.truncate(argv);
                case "/usr/local/bin/qemu-img" -> bhyve.qemuImg(argv);
                case "/sbin/zfs" -> bhyve.zfs(argv);
                case "/usr/sbin/makefs" -> host(jail, "makefs") + makefs.run(argv);
                default -> throw new SimError("no such command in the simulator: " + argv.get(0));
            };
            return CommandResult.success(out);
        } catch (Probe p) {
            return CommandResult.failure(1, p.getMessage());
        }
    }

    private static String host(String jail, String cmd) {
        need(jail == null, cmd + " inside a jail is not part of our model");
        return "";
    }

    static void need(boolean ok, String message) {
        if (!ok) {
            throw new SimError(message);
        }
    }

    /** jail(8): jail -c param=value ... persist vnet; jail -r jail. */
    private String jail(List<String> a) {
        if (a.size() == 2 && a.get(0).equals("-r")) {
            String j = a.get(1);
            need(state.jails.containsKey(j), "jail: \"" + j + "\" not found");
            state.procs.values().removeIf(p -> j.equals(p.jail()));
            // Interfaces moved into a vnet jail return to the host when it is removed (jail(8), vnet).
            state.ifaces.values().removeIf(i -> j.equals(i.jail) && i.kind.equals("loopback"));
            state.ifaces.values().stream().filter(i -> j.equals(i.jail)).forEach(i -> i.jail = null);
            state.routes.remove(j);
            state.jails.remove(j);
            return "";
        }
        need(!a.isEmpty() && a.get(0).equals("-c"), "jail: usage: jail -c param=value ... | jail -r jail");
        String name = null;
        boolean persist = false, vnet = false;
        for (String p : a.subList(1, a.size())) {
            if (p.equals("persist")) {
                persist = true;
            } else if (p.equals("vnet")) {
                vnet = true;
            } else if (p.startsWith("name=")) {
                name = p.substring(5);
            } else {
                need(p.matches("(path|host\\.hostname)=[^\\s]+"), "jail: unknown parameter: " + p);
            }
        }
        need(name != null && !name.isEmpty() && !name.contains("."), "jail: a name= without '.' is required");
        need(persist && vnet, "jail: our jails must be persist and vnet");
        need(!state.jails.containsKey(name), "jail: " + name + ": jail " + name + " already exists");
        state.jails.put(name, state.nextJid++);
        SimState.Iface lo = new SimState.Iface("loopback", "lo0", false);
        lo.jail = name;
        state.ifaces.put("lo0@" + name, lo);
        return state.jails.get(name) + "\n";
    }

    /**
     * jls(8): jls -j jail jid — exit 1 ("jail not found") when absent; that is a probe, not misuse.
     * jls name — one line per active jail with the value of its "name" parameter.
     */
    private String jls(List<String> a) {
        if (a.size() == 2 && a.get(1).equals("name")) {
            StringBuilder b = new StringBuilder();
            state.jails.keySet().forEach(j -> b.append(j).append('\n'));
            return b.toString();
        }
        need(a.size() == 4 && a.get(1).equals("-j") && a.get(3).equals("jid"), "jls: usage: jls -j jail jid");
        Integer jid = state.jails.get(a.get(2));
        if (jid == null) {
            throw new Probe("jls: jail \"" + a.get(2) + "\" not found");
        }
        return jid + "\n";
    }

    /** route(8): route -n add -inet|-inet6 -net destination gateway, inside a jail's vnet. */
    private String route(String jail, List<String> a) {
        need(jail != null, "route on the host is not part of our model");
        need(a.size() == 7 && a.get(1).equals("-n") && a.get(2).equals("add") && a.get(4).equals("-net")
                && Set.of("-inet", "-inet6").contains(a.get(3)), "route: usage: route -n add -inet -net dst gw");
        need(state.routes.computeIfAbsent(jail, k -> new java.util.LinkedHashSet<>()).add(a.get(5)),
                "route: writing to routing socket: File exists");
        return "add net " + a.get(5) + ": gateway " + a.get(6) + "\n";
    }

    /** dnsmasq(8): only long options we know; --pid-file is required; one daemon per pid file. */
    private String dnsmasq(String jail, List<String> a) {
        need(jail != null, "dnsmasq must run inside the network's jail");
        String pidFile = null;
        Set<String> known = Set.of("--no-hosts", "--no-resolv", "--pid-file", "--dhcp-hostsfile", "--addn-hosts",
                "--dhcp-optsfile", "--dhcp-leasefile", "--dhcp-match", "--dhcp-userclass", "--local-service",
                "--bind-dynamic", "--dhcp-range", "--dhcp-option-force", "--dhcp-lease-max", "--conf-file");
        for (String arg : a.subList(1, a.size())) {
            String opt = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            need(known.contains(opt), "dnsmasq: bad command line option " + arg);
            if (opt.equals("--pid-file")) {
                pidFile = arg.substring(opt.length() + 1);
            }
            if (opt.equals("--dhcp-hostsfile") || opt.equals("--dhcp-optsfile")) {
                need(Files.isRegularFile(Path.of(arg.substring(opt.length() + 1))), "dnsmasq: cannot read " + arg);
            }
        }
        need(pidFile != null, "dnsmasq: our daemons always have a --pid-file");
        String pf = pidFile;
        need(state.procs.values().stream().noneMatch(p -> pf.equals(p.pidFile())), "dnsmasq: already running");
        long pid = state.nextPid++;
        state.procs.put(pid, new SimState.Proc(pid, jail, "dnsmasq", pidFile));
        try {
            Files.writeString(Path.of(pidFile), pid + "\n");
        } catch (IOException e) {
            throw new SimError("dnsmasq: cannot write pid file: " + e.getMessage());
        }
        return "";
    }

    /** pkill(1)/pgrep(1): [-SIG] -F pidfile -j jail pattern; exit 1 when nothing matches. */
    private String signal(List<String> a) {
        boolean kill = a.get(0).endsWith("pkill");
        int i = 1;
        String sig = kill ? a.get(i++) : null;
        need(!kill || Set.of("-HUP", "-TERM").contains(sig), "pkill: unexpected signal " + sig);
        need(a.size() == i + 5 && a.get(i).equals("-F") && a.get(i + 2).equals("-j"),
                "usage: " + a.get(0) + " [-signal] -F pidfile -j jail pattern");
        String pidFile = a.get(i + 1), jail = a.get(i + 3), pattern = a.get(i + 4);
        need(state.jails.containsKey(jail), "pkill: jail \"" + jail + "\" not found");
        var match = state.procs.values().stream().filter(p -> pidFile.equals(p.pidFile()) && jail.equals(p.jail())
                && p.name().equals(pattern)).findFirst();
        if (match.isEmpty()) {
            throw new Probe("");
        }
        if ("-TERM".equals(sig)) {
            state.procs.remove(match.get().pid());
        }
        return kill ? "" : match.get().pid() + "\n";
    }

    /** pfctl(8): pfctl -a anchor -f - ; every line must parse as one of our pf.conf(5) rule shapes. */
    private String pfctl(List<String> a, String stdin) {
        need(a.size() == 5 && a.get(1).equals("-a") && a.get(3).equals("-f") && a.get(4).equals("-"),
                "pfctl: usage: pfctl -a anchor -f -");
        need(a.get(2).matches("apiary/[a-z0-9-]{1,15}"), "pfctl: not one of our anchors: " + a.get(2));
        need(stdin != null, "pfctl: no ruleset on stdin");
        for (String line : stdin.split("\n")) {
            need(SimPfGrammar.valid(line), "pfctl: stdin:1: syntax error: " + line);
        }
        state.anchors.put(a.get(2), stdin);
        return "";
    }

    /** kldload(8): kldload -n module (the modules our features map to). */
    private String kldload(List<String> a) {
        need(a.size() == 3 && a.get(1).equals("-n"), "kldload: usage: kldload -n module");
        need(Set.of("if_bridge", "if_tuntap", "if_epair", "if_vlan", "if_vxlan", "pf").contains(a.get(2)),
                "kldload: can't load " + a.get(2) + ": No such file or directory");
        state.kmods.add(a.get(2));
        return "";
    }

    /** sysctl(8): sysctl name=value for the few writable names we use. */
    private String sysctl(List<String> a) {
        need(a.size() == 2 && a.get(1).matches("(net\\.inet\\.ip\\.forwarding|net\\.inet6\\.ip6\\.forwarding"
                + "|net\\.link\\.bridge\\.pfil_member)=[01]"), "sysctl: unknown oid or bad value: " + a);
        String[] kv = a.get(1).split("=");
        state.sysctls.put(kv[0], kv[1]);
        return kv[0] + ": 0 -> " + kv[1] + "\n";
    }

    public List<String> violations() {
        return List.copyOf(violations);
    }

    public synchronized List<String> leftovers() {
        List<String> out = new ArrayList<>(state.leftovers());
        bhyve.vms.forEach((n, v) -> out.add("vm " + n + (v.running != null ? " (running)" : "")));
        bhyve.zvols.keySet().forEach(z -> out.add("zvol " + z));
        bhyve.snapshots.keySet().forEach(z -> out.add("snapshot " + z));
        return out;
    }

    public synchronized boolean vmExists(String name) {
        return bhyve.vms.containsKey(name);
    }

    public List<String> log() {
        return List.copyOf(log);
    }

    public boolean hasInterface(String name) {
        return state.ifaces.containsKey(name);
    }

    public String describe(String name) {
        SimState.Iface i = state.ifaces.get(name);
        return i == null ? null : i.kind + " jail=" + i.jail + " desc=" + i.description + " members=" + i.members
                + " addrs=" + i.addresses + " up=" + i.up;
    }

    public String anchor(String name) {
        return state.anchors.get(name);
    }

    public boolean jailExists(String name) {
        return state.jails.containsKey(name);
    }

    public long dnsmasqCount() {
        return state.procs.values().stream().filter(p -> p.name().equals("dnsmasq")).count();
    }
}
