package org.apiary.privhelper.host;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.apiary.privhelper.ops.DhcpConfig;
import org.apiary.privhelper.ops.DhcpHost;
import org.apiary.privhelper.ops.DhcpSubnet;
import org.apiary.privhelper.ops.IpAddress;
import org.apiary.privhelper.protocol.ErrorCode;
import org.apiary.privhelper.protocol.HelperException;

/**
 * dnsmasq's files for one network, in the formats Neutron's DHCP agent writes
 * (neutron/agent/linux/dhcp.py: _output_hosts_file, _output_opts_file), and the dnsmasq argument
 * set it starts dnsmasq with (_build_cmdline_callback). Shared by both backends: only the way
 * dnsmasq is entered into the domain (ip netns exec vs jexec) differs.
 */
public final class DhcpFiles {
    private final PathGuard guard;

    public DhcpFiles(PathGuard guard) {
        this.guard = guard;
    }

    public Path root() {
        return guard.root();
    }

    public Path dir(String owner) {
        return guard.directory("dhcp-" + owner);
    }

    public Path pidFile(String owner) {
        return PathGuard.file(dir(owner), "pid");
    }

    /** Writes host, opts and addn_hosts atomically (write to a temp name, then rename). */
    public void write(DhcpConfig c) {
        Path d = dir(c.owner());
        StringBuilder hosts = new StringBuilder();
        for (DhcpHost h : c.hosts()) {
            String ip = h.ip().isV4() ? h.ip().toString() : "[" + h.ip() + "]";
            String name = h.hostname() != null ? h.hostname() : "host-" + h.ip().toString().replace('.', '-')
                    .replace(':', '-');
            hosts.append(h.mac()).append(',').append(name).append(".openstacklocal,").append(ip).append('\n');
        }
        StringBuilder opts = new StringBuilder();
        for (DhcpSubnet s : c.subnets()) {
            String tag = "tag:subnet-" + s.id() + ",";
            boolean v4 = s.cidr().address().isV4();
            if (v4 && s.gateway() != null) {
                opts.append(tag).append("option:router,").append(s.gateway()).append('\n');
            } else if (v4) {
                opts.append(tag).append("option:router\n"); // Neutron: an empty router option = no gateway
            }
            if (!s.dnsServers().isEmpty()) {
                List<String> servers = new ArrayList<>();
                for (IpAddress a : s.dnsServers()) {
                    servers.add(v4 ? a.toString() : "[" + a + "]");
                }
                opts.append(tag).append(v4 ? "option:dns-server," : "option6:dns-server,")
                        .append(String.join(",", servers)).append('\n');
            }
        }
        atomicWrite(PathGuard.file(d, "host"), hosts.toString());
        atomicWrite(PathGuard.file(d, "opts"), opts.toString());
        atomicWrite(PathGuard.file(d, "addn_hosts"), "");
    }

    /** dnsmasq's argv after the binary, as Neutron builds it for a bridged interface driver. */
    public List<String> dnsmasqArgs(DhcpConfig c) {
        Path d = dir(c.owner());
        List<String> a = new ArrayList<>(List.of("--no-hosts", "--no-resolv",
                "--pid-file=" + PathGuard.file(d, "pid"),
                "--dhcp-hostsfile=" + PathGuard.file(d, "host"),
                "--addn-hosts=" + PathGuard.file(d, "addn_hosts"),
                "--dhcp-optsfile=" + PathGuard.file(d, "opts"),
                "--dhcp-leasefile=" + PathGuard.file(d, "leases"),
                "--dhcp-match=set:ipxe,175", "--dhcp-userclass=set:ipxe6,iPXE", "--local-service", "--bind-dynamic"));
        long possible = 0;
        for (DhcpSubnet s : c.subnets()) {
            String net = s.cidr().network().toString();
            String tail = s.cidr().address().isV4() ? s.cidr().netmask() : String.valueOf(s.cidr().prefix());
            a.add("--dhcp-range=set:subnet-" + s.id() + "," + net + ",static," + tail + "," + c.leaseSeconds() + "s");
            int hostBits = s.cidr().address().maxPrefix() - s.cidr().prefix();
            possible += hostBits >= 24 ? (1L << 24) : (1L << hostBits);
        }
        if (c.mtu() > 0) {
            a.add("--dhcp-option-force=option:mtu," + c.mtu());
        }
        a.add("--dhcp-lease-max=" + Math.min(possible, 16_777_216L)); // Neutron's dnsmasq_lease_max default
        a.add("--conf-file=/dev/null");
        return a;
    }

    public void remove(String owner) {
        Path d = dir(owner);
        try (var files = Files.list(d)) {
            for (Path p : files.toList()) {
                Files.deleteIfExists(p);
            }
            Files.deleteIfExists(d);
        } catch (IOException e) {
            throw new HelperException(ErrorCode.HOST_COMMAND_FAILED, "cannot remove " + d + ": " + e.getMessage());
        }
    }

    /** The pid dnsmasq wrote, or -1 if there is no (readable) pid file. */
    public long readPid(String owner) {
        Path p = pidFile(owner);
        try {
            String s = Files.readString(p).trim();
            return s.matches("[1-9][0-9]{0,9}") ? Long.parseLong(s) : -1;
        } catch (IOException e) {
            return -1;
        }
    }

    private static void atomicWrite(Path target, String content) {
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        try {
            Files.deleteIfExists(tmp);
            Files.writeString(tmp, content);
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new HelperException(ErrorCode.HOST_COMMAND_FAILED, "cannot write " + target + ": " + e.getMessage());
        }
    }
}
