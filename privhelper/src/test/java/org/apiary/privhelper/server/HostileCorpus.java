package org.apiary.privhelper.server;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Hostile and malformed requests, each with the error code the helper must answer. Built from
 * templates (one valid request per operation) with one field replaced by a hostile value, plus
 * envelope-level abuse. Frame-level and peer cases live in HelperServerTest (they need a socket).
 */
final class HostileCorpus {
    record Case(String name, byte[] body, String code) {}

    static final String NET = "11111111-2222-4333-8444-555555555555";
    static final String OTHER = "aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee";

    static final List<String> BAD_IFNAMES = List.of("eth0", "em0", "lo", "lo0", "bridge0", "virbr0", "docker0",
            "apb-x;rm -rf /", "apb-$(id)", "apb-`id`", "apb-a|b", "apb-a&b", "apb-a b", "apb-a\\nb", "apb-../x",
            "../../etc/passwd", "/etc/passwd", "apb-aaaaaaaaaaaaaaaaaaaa", "apb-", "APB-X", "apb-a\\u0000",
            "apb-\\u00e9", "", "apb-a>b", "apb-*", "-apb", "apb-x\\\"", "apb-_x", "apb-.", "apb-x/../y");
    static final List<String> BAD_UUIDS = List.of("not-a-uuid", "11111111-2222-4333-8444-5555555555", "../../etc",
            "11111111-2222-4333-8444-55555555555G", "11111111-2222-4333-8444-555555555555;id",
            "11111111222243338444555555555555", "11111111-2222-4333-8444-555555555555\\n", "*");
    static final List<String> BAD_IPS = List.of("10.0.0.256", "010.0.0.1", "1.2.3", "1.2.3.4.5", "::g", "1::2::3",
            "fe80::1%eth0", "localhost", "0x7f.0.0.1", "10.0.0.1;reboot", " 10.0.0.1", "1.2.3.-4", "12345::1",
            "1:2:3:4:5:6:7:8:9", "::ffff:1.2.3.256", "$(curl evil)");
    static final List<String> BAD_CIDRS = List.of("10.0.0.2/33", "10.0.0.2/", "/24", "10.0.0.2/024", "10.0.0.2/24/1",
            "10.0.0.2/-1", "10.0.0.2/24 ; id", "::1/129", "10.0.0.2/2a", "10.0.0.2");
    static final List<String> BAD_MACS = List.of("fa:16:3e:00:00", "01:00:5e:00:00:01", "zz:16:3e:00:00:01",
            "fa-16-3e-00-00-01", "fa:16:3e:00:00:01:02", "fa:16:3e:0:00:01", "fa:16:3e:00:00:01;id");
    static final List<String> BAD_INTS = List.of("0", "-1", "4095", "1.5", "\"100\"", "1e10", "true", "null",
            "99999999999999999999", "[]");

    static List<Case> all() {
        List<Case> out = new ArrayList<>();
        for (String n : BAD_IFNAMES) {
            out.add(c("bridge_ensure name " + n, "bridge_ensure", "{\"name\":\"" + n + "\",\"owner\":\"" + NET + "\"}"));
            out.add(c("tap_delete name " + n, "tap_delete", "{\"name\":\"" + n + "\",\"owner\":\"" + NET + "\"}"));
            out.add(c("add_member member " + n, "bridge_add_member",
                    "{\"bridge\":\"apb-net1\",\"member\":\"" + n + "\",\"owner\":\"" + NET + "\"}"));
        }
        for (String u : BAD_UUIDS) {
            out.add(c("bridge_delete owner " + u, "bridge_delete", "{\"name\":\"apb-net1\",\"owner\":\"" + u + "\"}"));
            out.add(c("domain_delete owner " + u, "domain_delete", "{\"owner\":\"" + u + "\"}"));
        }
        for (String ip : BAD_IPS) {
            out.add(c("vxlan local " + ip, "vxlan_ensure", "{\"name\":\"apx-1\",\"vni\":5,\"local\":\"" + ip
                    + "\",\"remote\":\"192.0.2.2\",\"owner\":\"" + NET + "\"}"));
            out.add(c("route via " + ip, "domain_route_add", "{\"owner\":\"" + NET
                    + "\",\"destination\":\"0.0.0.0/0\",\"via\":\"" + ip + "\"}"));
            out.add(c("dhcp host ip " + ip, "dhcp_start", dhcp("{\"mac\":\"fa:16:3e:00:00:01\",\"ip\":\"" + ip + "\"}")));
        }
        for (String cidr : BAD_CIDRS) {
            out.add(c("address " + cidr, "domain_address_add", "{\"owner\":\"" + NET
                    + "\",\"iface\":\"apv-i\",\"address\":\"" + cidr + "\"}"));
        }
        for (String mac : BAD_MACS) {
            out.add(c("dhcp mac " + mac, "dhcp_start", dhcp("{\"mac\":\"" + mac + "\",\"ip\":\"10.0.0.5\"}")));
        }
        for (String i : BAD_INTS) {
            out.add(c("vlan id " + i, "vlan_ensure", "{\"name\":\"apl-1\",\"parent\":\"em0\",\"vlanId\":" + i
                    + ",\"owner\":\"" + NET + "\"}"));
        }
        for (String vni : List.of("0", "16777216", "-5", "\"7\"", "2.0")) {
            out.add(c("vni " + vni, "vxlan_ensure", "{\"name\":\"apx-1\",\"vni\":" + vni
                    + ",\"local\":\"192.0.2.1\",\"remote\":\"192.0.2.2\",\"owner\":\"" + NET + "\"}"));
        }
        // Semantics the types allow but the operation forbids.
        out.add(c("vlan parent not listed", "vlan_ensure", "{\"name\":\"apl-1\",\"parent\":\"eth1\",\"vlanId\":5,"
                + "\"owner\":\"" + NET + "\"}"));
        out.add(c("vxlan remote and group", "vxlan_ensure", "{\"name\":\"apx-1\",\"vni\":5,\"local\":\"192.0.2.1\","
                + "\"remote\":\"192.0.2.2\",\"group\":\"239.1.1.1\",\"device\":\"em0\",\"owner\":\"" + NET + "\"}"));
        out.add(c("vxlan multicast remote", "vxlan_ensure", "{\"name\":\"apx-1\",\"vni\":5,\"local\":\"192.0.2.1\","
                + "\"remote\":\"239.1.1.1\",\"owner\":\"" + NET + "\"}"));
        out.add(c("vxlan mixed family", "vxlan_ensure", "{\"name\":\"apx-1\",\"vni\":5,\"local\":\"192.0.2.1\","
                + "\"remote\":\"2001:db8::1\",\"owner\":\"" + NET + "\"}"));
        out.add(c("route host bits", "domain_route_add", "{\"owner\":\"" + NET
                + "\",\"destination\":\"10.0.0.1/8\",\"via\":\"10.0.0.1\"}"));
        out.add(c("domain same ends", "domain_ensure", "{\"owner\":\"" + NET + "\",\"outside\":\"apv-a\",\"inside\":\"apv-a\"}"));
        out.add(c("dhcp no subnets", "dhcp_start", "{\"owner\":\"" + NET + "\",\"iface\":\"apv-i\",\"subnets\":[],"
                + "\"hosts\":[],\"leaseSeconds\":600}"));
        out.add(c("dhcp host outside subnet", "dhcp_start", dhcp("{\"mac\":\"fa:16:3e:00:00:01\",\"ip\":\"10.9.0.5\"}")));
        out.add(c("dhcp duplicate ip", "dhcp_start", dhcp("{\"mac\":\"fa:16:3e:00:00:01\",\"ip\":\"10.0.0.5\"},"
                + "{\"mac\":\"fa:16:3e:00:00:02\",\"ip\":\"10.0.0.5\"}")));
        out.add(c("dhcp hostname injection", "dhcp_start", dhcp("{\"mac\":\"fa:16:3e:00:00:01\",\"ip\":\"10.0.0.5\","
                + "\"hostname\":\"a\\ndhcp-script=/bin/sh\"}")));
        out.add(c("dhcp hostname comma", "dhcp_start", dhcp("{\"mac\":\"fa:16:3e:00:00:01\",\"ip\":\"10.0.0.5\","
                + "\"hostname\":\"a,b\"}")));
        out.add(c("dhcp too many hosts", "dhcp_start", dhcp(String.join(",", java.util.Collections.nCopies(4097,
                "{\"mac\":\"fa:16:3e:00:00:01\",\"ip\":\"10.0.0.5\"}")))));
        out.add(c("firewall too many rules", "firewall_apply", "{\"port\":\"apt-1\",\"owner\":\"" + NET + "\",\"rules\":["
                + String.join(",", java.util.Collections.nCopies(257, "{\"direction\":\"ingress\",\"family\":\"ipv4\","
                + "\"protocol\":\"any\"}")) + "]}"));
        out.add(c("firewall raw rule text", "firewall_apply", "{\"port\":\"apt-1\",\"owner\":\"" + NET
                + "\",\"rules\":[\"pass in all\"]}"));
        out.add(c("firewall ports without proto", "firewall_apply", "{\"port\":\"apt-1\",\"owner\":\"" + NET
                + "\",\"rules\":[{\"direction\":\"ingress\",\"family\":\"ipv4\",\"protocol\":\"icmp\",\"portMin\":1,"
                + "\"portMax\":2}]}"));
        out.add(c("firewall unknown action", "firewall_apply", "{\"port\":\"apt-1\",\"owner\":\"" + NET
                + "\",\"rules\":[{\"direction\":\"ingress\",\"family\":\"ipv4\",\"protocol\":\"any\",\"action\":\"exec\"}]}"));
        out.add(c("sysctl not allowed", "sysctl_set", "{\"key\":\"kern.securelevel\",\"value\":0}"));
        out.add(c("sysctl value 2", "sysctl_set", "{\"key\":\"ip_forward\",\"value\":2}"));
        out.add(c("module by name", "kernel_feature_enable", "{\"feature\":\"/tmp/evil.ko\"}"));
        // State: objects that exist but are not ours (the corpus runs after apb-net1 is created for NET).
        out.add(c("foreign owner delete", "bridge_delete", "{\"name\":\"apb-net1\",\"owner\":\"" + OTHER + "\"}", "not_ours"));
        out.add(c("foreign owner ensure", "bridge_ensure", "{\"name\":\"apb-net1\",\"owner\":\"" + OTHER + "\"}", "not_ours"));
        out.add(c("foreign owner member", "bridge_add_member", "{\"bridge\":\"apb-net1\",\"member\":\"apt-x\",\"owner\":\""
                + OTHER + "\"}", "not_ours"));
        out.add(c("missing bridge", "bridge_add_member", "{\"bridge\":\"apb-nope\",\"member\":\"apt-x\",\"owner\":\""
                + NET + "\"}", "conflict"));
        out.add(c("address in missing domain", "domain_address_add", "{\"owner\":\"" + OTHER
                + "\",\"iface\":\"apv-i\",\"address\":\"10.0.0.2/24\"}", "conflict"));
        out.addAll(GuestDiskHostileCorpus.all());
        out.addAll(ConfigDriveHostileCorpus.all());
        // Unknown operations: nothing outside the closed list is callable.
        for (String op : List.of("exec", "shell", "run_command", "bridge_ensure ", "BRIDGE_ENSURE", "__proto__",
                "host_facts;id", "bridge_ensure\\u0000", "../bridge_ensure", "system", "eval", "call", "popen", "")) {
            out.add(raw("op " + op, "{\"op\":\"" + op + "\",\"args\":{}}", op.isEmpty() || op.contains("\\u0000") ? "invalid_argument" : "unknown_op"));
        }
        // Unknown, duplicate and mistyped fields.
        for (String extra : List.of("\"cmd\":\"rm -rf /\"", "\"argv\":[\"/bin/sh\"]", "\"env\":{\"LD_PRELOAD\":\"x\"}",
                "\"path\":\"/etc\"", "\"Name\":\"apb-x\"", "\"owner \":\"x\"", "\"timeout\":0")) {
            out.add(raw("extra field " + extra, "{\"op\":\"bridge_ensure\",\"args\":{\"name\":\"apb-x\",\"owner\":\""
                    + NET + "\"," + extra + "}}", "invalid_argument"));
        }
        out.add(raw("duplicate key", "{\"op\":\"bridge_ensure\",\"args\":{\"name\":\"apb-x\",\"name\":\"eth0\","
                + "\"owner\":\"" + NET + "\"}}", "bad_frame"));
        out.add(raw("name as list", "{\"op\":\"bridge_ensure\",\"args\":{\"name\":[\"apb-x\"],\"owner\":\"" + NET + "\"}}",
                "invalid_argument"));
        out.add(raw("name as object", "{\"op\":\"bridge_ensure\",\"args\":{\"name\":{},\"owner\":\"" + NET + "\"}}",
                "invalid_argument"));
        out.add(raw("missing owner", "{\"op\":\"bridge_ensure\",\"args\":{\"name\":\"apb-x\"}}", "invalid_argument"));
        out.add(raw("null owner", "{\"op\":\"bridge_ensure\",\"args\":{\"name\":\"apb-x\",\"owner\":null}}",
                "invalid_argument"));
        out.add(raw("hostfacts with args", "{\"op\":\"host_facts\",\"args\":{\"x\":1}}", "invalid_argument"));
        // Envelope abuse.
        for (Map.Entry<String, String> e : Map.of(
                "not json", "bridge_ensure apb-x", "json array", "[\"bridge_ensure\"]", "json string", "\"x\"",
                "trailing garbage", "{\"op\":\"host_facts\",\"args\":{}} {\"op\":\"exec\"}",
                "comment", "{/*x*/\"op\":\"host_facts\",\"args\":{}}", "truncated json", "{\"op\":\"host_facts\",\"ar",
                "single quotes", "{'op':'host_facts','args':{}}", "nan", "{\"op\":\"host_facts\",\"args\":NaN}",
                "empty object", "{}", "number", "42").entrySet()) {
            String code = Map.of("empty object", "invalid_argument").getOrDefault(e.getKey(), "bad_frame");
            out.add(raw(e.getKey(), e.getValue(), code));
        }
        out.add(raw("missing args", "{\"op\":\"host_facts\"}", "invalid_argument"));
        out.add(raw("args list", "{\"op\":\"host_facts\",\"args\":[]}", "invalid_argument"));
        out.add(raw("op number", "{\"op\":7,\"args\":{}}", "invalid_argument"));
        out.add(raw("extra top-level", "{\"op\":\"host_facts\",\"args\":{},\"sudo\":true}", "invalid_argument"));
        out.add(raw("huge string", "{\"op\":\"bridge_ensure\",\"args\":{\"name\":\"" + "a".repeat(5000) + "\",\"owner\":\""
                + NET + "\"}}", "invalid_argument"));
        return out;
    }

    private static String dhcp(String hosts) {
        return "{\"owner\":\"" + NET + "\",\"iface\":\"apv-i\",\"leaseSeconds\":600,\"subnets\":[{\"id\":\"" + OTHER
                + "\",\"cidr\":\"10.0.0.0/24\"}],\"hosts\":[" + hosts + "]}";
    }

    private static Case c(String name, String op, String args) {
        return c(name, op, args, "invalid_argument");
    }

    private static Case c(String name, String op, String args, String code) {
        return raw(name, "{\"op\":\"" + op + "\",\"args\":" + args + "}", code);
    }

    private static Case raw(String name, String body, String code) {
        return new Case(name, body.getBytes(StandardCharsets.UTF_8), code);
    }
}
