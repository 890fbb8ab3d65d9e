package org.apiary.privhelper.server;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apiary.privhelper.server.HostileCorpus.Case;

/** Hostile requests for the guest, console and disk operations: traversal, escapes, absurd sizes, bad ids. */
final class GuestDiskHostileCorpus {
    static final String VM = "0b0b0b0b-1111-4222-8333-444444444444";

    static final List<String> BAD_PATHS = List.of("../etc/x", "a/../../etc/x", "/etc/passwd", "/dev/sda",
            "a;rm -rf /", "$(id)", "a b", "a,b", "-rf", ".hidden", "a//b", "a/./b", "~root/x", "a\\nb", "a|b",
            "a`id`", "/var/lib/apiary/disks/../../../etc/shadow", "a/", "x\\u0000y", "file=/etc/passwd,format=raw");
    static final List<String> BAD_SIZES = List.of("0", "-1", "1", "1048577", "17592186044417", "9223372036854775807",
            "\"1G\"", "1.5", "1e9", "null");

    static List<Case> all() {
        List<Case> out = new ArrayList<>();
        for (String p : BAD_PATHS) {
            out.add(c("disk_create path " + p, "disk_create", "{\"path\":\"" + p + "\",\"format\":\"raw\",\"sizeBytes\":1048576}"));
            out.add(c("disk_delete path " + p, "disk_delete", "{\"path\":\"" + p + "\"}"));
            out.add(c("guest disk " + p, "guest_start", guest("\"disks\":[{\"path\":\"" + p + "\",\"format\":\"raw\"}]")));
        }
        for (String n : BAD_SIZES) {
            out.add(c("disk size " + n, "disk_create", "{\"path\":\"a.raw\",\"format\":\"raw\",\"sizeBytes\":" + n + "}"));
            out.add(c("resize size " + n, "disk_resize", "{\"path\":\"a.raw\",\"format\":\"raw\",\"sizeBytes\":" + n + "}"));
        }
        for (String f : List.of("qcow3", "vmdk", "RAW", "raw;id", "iso", "")) {
            out.add(c("create format " + f, "disk_create", "{\"path\":\"a.img\",\"format\":\"" + f + "\",\"sizeBytes\":1048576}"));
        }
        out.add(c("convert to vmdk", "disk_convert", "{\"source\":\"a.raw\",\"sourceFormat\":\"raw\",\"target\":\"b.vmdk\","
                + "\"targetFormat\":\"vmdk\"}"));
        out.add(c("convert onto itself", "disk_convert", "{\"source\":\"a.raw\",\"sourceFormat\":\"qcow2\",\"target\":\"a.raw\","
                + "\"targetFormat\":\"raw\"}"));
        out.add(c("convert from a device", "disk_convert", "{\"source\":\"/dev/sda\",\"sourceFormat\":\"raw\","
                + "\"target\":\"b.raw\",\"targetFormat\":\"raw\"}"));
        out.add(c("qcow2 on a raw-only host", "disk_create", "{\"path\":\"a.qcow2\",\"format\":\"qcow2\",\"sizeBytes\":1048576}"));
        out.add(c("zvol without dataset", "disk_create", "{\"path\":\"zvol/x\",\"format\":\"raw\",\"sizeBytes\":1048576}"));
        out.add(c("clone of a file", "disk_create", "{\"path\":\"b.raw\",\"format\":\"raw\",\"sizeBytes\":1048576,"
                + "\"cloneOf\":\"a.raw\"}"));
        // Guest specs.
        for (String field : List.of("\"vcpus\":0", "\"vcpus\":65", "\"memoryMb\":63", "\"memoryMb\":2000000",
                "\"vcpus\":\"2\"", "\"boot\":\"pxe\"", "\"boot\":\"firmware\"", "\"cdrom\":\"/etc/shadow\"",
                "\"cdrom\":\"../x.iso\"", "\"argv\":[\"-monitor\",\"tcp::4444\"]", "\"console\":\"tcp:0.0.0.0:23\"")) {
            out.add(c("guest " + field, "guest_start", guest(field)));
        }
        for (String name : List.of("not-a-uuid", "../x", "*", "1;id", "0B0B0B0B-1111-4222-8333-444444444444", "")) {
            out.add(c("guest name " + name, "guest_start", "{\"name\":\"" + name + "\",\"vcpus\":1,\"memoryMb\":128,"
                    + "\"disks\":[],\"nics\":[]}"));
            out.add(c("guest_stop name " + name, "guest_stop", "{\"name\":\"" + name + "\"}"));
            out.add(c("console_open name " + name, "console_open", "{\"name\":\"" + name + "\"}"));
        }
        String nic = "{\"tap\":\"apt-x\",\"mac\":\"fa:16:3e:00:00:01\"}";
        out.add(c("too many nics", "guest_start", guest("\"nics\":[" + String.join(",", Collections.nCopies(9, nic)) + "]")));
        out.add(c("duplicate nic", "guest_start", guest("\"nics\":[" + nic + "," + nic + "]")));
        out.add(c("too many disks", "guest_start", guest("\"disks\":[" + String.join(",", Collections.nCopies(9,
                "{\"path\":\"a.raw\",\"format\":\"raw\"}")) + "]")));
        for (String tap : List.of("eth0", "em0", "apb-net1", "apv-x", "tap0", "apt-x;id")) {
            out.add(c("nic tap " + tap, "guest_start", guest("\"nics\":[{\"tap\":\"" + tap + "\",\"mac\":\"fa:16:3e:00:00:01\"}]")));
        }
        for (String mac : List.of("01:00:5e:00:00:01", "ff:ff:ff:ff:ff:ff", "fa:16:3e:00:00", "fa:16:3e:00:00:01,id=x")) {
            out.add(c("nic mac " + mac, "guest_start", guest("\"nics\":[{\"tap\":\"apt-x\",\"mac\":\"" + mac + "\"}]")));
        }
        out.add(c("guest disk vmdk", "guest_start", guest("\"disks\":[{\"path\":\"a.vmdk\",\"format\":\"vmdk\"}]")));
        // State: a tap that is not there (or not ours) is never attached; unknown guests are not found.
        out.add(c("nic tap missing", "guest_start", guest("\"nics\":[" + nic + "]"), "conflict"));
        out.add(c("status of an unknown guest", "guest_status", "{\"name\":\"" + VM + "\"}", "conflict"));
        out.add(c("console of an unknown guest", "console_open", "{\"name\":\"" + VM + "\"}", "conflict"));
        out.add(c("reset of an unknown guest", "guest_reset", "{\"name\":\"" + VM + "\"}", "conflict"));
        out.add(c("list_tagged with args", "list_tagged", "{\"all\":true}"));
        return out;
    }

    private static String guest(String extra) {
        String base = "\"name\":\"" + VM + "\"" + (extra.startsWith("\"vcpus\"") ? "" : ",\"vcpus\":1")
                + (extra.startsWith("\"memoryMb\"") ? "" : ",\"memoryMb\":128");
        StringBuilder b = new StringBuilder("{").append(base);
        if (!extra.startsWith("\"disks\"")) {
            b.append(",\"disks\":[]");
        }
        if (!extra.startsWith("\"nics\"")) {
            b.append(",\"nics\":[]");
        }
        return b.append(',').append(extra).append('}').toString();
    }

    private static Case c(String name, String op, String args) {
        return c(name, op, args, "invalid_argument");
    }

    private static Case c(String name, String op, String args, String code) {
        return new Case(name, ("{\"op\":\"" + op + "\",\"args\":" + args + "}").getBytes(StandardCharsets.UTF_8), code);
    }
}
