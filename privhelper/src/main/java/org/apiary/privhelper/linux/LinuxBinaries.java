package org.apiary.privhelper.linux;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Absolute paths of the programs the Linux backend runs, found once at start among fixed
 * candidates (Debian/Ubuntu ship ip in /usr/sbin or /sbin, or /bin after usrmerge). PATH is never
 * consulted.
 */
public record LinuxBinaries(String ip, String dnsmasq, String nft, String modprobe, String sysctl, String kill,
        String qemuSystem, String qemuImg, String genisoimage) {
    public static LinuxBinaries detect() {
        return new LinuxBinaries(find("ip", "/usr/sbin/ip", "/sbin/ip", "/usr/bin/ip", "/bin/ip"),
                find("dnsmasq", "/usr/sbin/dnsmasq", "/sbin/dnsmasq"),
                find("nft", "/usr/sbin/nft", "/sbin/nft"),
                find("modprobe", "/usr/sbin/modprobe", "/sbin/modprobe"),
                find("sysctl", "/usr/sbin/sysctl", "/sbin/sysctl"),
                find("kill", "/usr/bin/kill", "/bin/kill"),
                find("qemu-system-x86_64", "/usr/bin/qemu-system-x86_64"),
                find("qemu-img", "/usr/bin/qemu-img"),
                find("genisoimage", "/usr/bin/genisoimage"));
    }

    /** The first existing candidate, else the first candidate (the failure then names a real path). */
    static String find(String name, String... candidates) {
        for (String c : candidates) {
            if (Files.isExecutable(Path.of(c))) {
                return c;
            }
        }
        return List.of(candidates).get(0);
    }
}
