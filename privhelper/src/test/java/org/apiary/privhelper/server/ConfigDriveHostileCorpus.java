package org.apiary.privhelper.server;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.apiary.privhelper.server.HostileCorpus.Case;

/** Hostile configdrive_create requests: paths out of the disk root, foreign file names, oversize or bad base64. */
final class ConfigDriveHostileCorpus {
    static final String META = "openstack/latest/meta_data.json";
    static final String EMPTY = "e30="; // "{}"

    static final List<String> BAD_NAMES = List.of("openstack/latest/../../../etc/shadow", "../openstack/latest/user_data",
            "/openstack/latest/meta_data.json", "/etc/cron.d/x", "openstack/latest/evil.sh", "openstack/latest/",
            "openstack/latest/user_data/x", "openstack/2013-10-17/meta_data.json", "openstack/LATEST/user_data",
            "ec2/latest/meta-data.json", "openstack/latest/user_data;id", "openstack/latest/$(id)",
            "openstack/latest/user_data\\u0000.iso", "openstack/latest/user_data\\n", "openstack\\\\latest\\\\user_data",
            "openstack//latest/user_data", "openstack/./latest/user_data", "", " ", "meta_data.json");
    static final List<String> BAD_BASE64 = List.of("!!!!", "e30", "e30==", "e31=", "e3 0=", "e30=\\n", "-_-_",
            "e30=e30=", "\\u00e9\\u00e9\\u00e9\\u00e9");

    static List<Case> all() {
        List<Case> out = new ArrayList<>();
        for (String p : GuestDiskHostileCorpus.BAD_PATHS) {
            out.add(c("configdrive path " + p, "{\"path\":\"" + p + "\",\"files\":{\"" + META + "\":\"" + EMPTY + "\"}}"));
        }
        out.add(c("configdrive on a zvol", "{\"path\":\"zvol/x\",\"files\":{\"" + META + "\":\"" + EMPTY + "\"}}"));
        for (String n : BAD_NAMES) {
            out.add(c("configdrive file " + n, files("\"" + META + "\":\"" + EMPTY + "\",\"" + n + "\":\"" + EMPTY + "\"")));
        }
        for (String b : BAD_BASE64) {
            out.add(c("configdrive base64 " + b, files("\"" + META + "\":\"" + b + "\"")));
        }
        String big = Base64.getEncoder().encodeToString(new byte[65_536]);
        out.add(c("configdrive user_data 65536 bytes", files("\"" + META + "\":\"" + EMPTY
                + "\",\"openstack/latest/user_data\":\"" + big + "\"")));
        out.add(c("configdrive meta_data 65537 bytes", files("\"" + META + "\":\""
                + Base64.getEncoder().encodeToString(new byte[65_537]) + "\"")));
        out.add(c("configdrive huge value", files("\"" + META + "\":\"" + "A".repeat(400_000) + "\"")));
        for (String v : List.of("7", "true", "[]", "{}", "null", "[\"e30=\"]")) {
            out.add(c("configdrive value " + v, files("\"" + META + "\":" + v)));
        }
        out.add(c("configdrive without meta_data", files("\"openstack/latest/user_data\":\"" + EMPTY + "\"")));
        out.add(c("configdrive no files", files("")));
        out.add(c("configdrive files as list", "{\"path\":\"a.iso\",\"files\":[\"" + META + "\"]}"));
        out.add(c("configdrive files as text", "{\"path\":\"a.iso\",\"files\":\"" + EMPTY + "\"}"));
        out.add(c("configdrive missing files", "{\"path\":\"a.iso\"}"));
        for (String extra : List.of("\"label\":\"x\"", "\"argv\":[\"-V\",\"x\"]", "\"tool\":\"/bin/sh\"",
                "\"mode\":511", "\"dir\":\"/etc\"")) {
            out.add(c("configdrive extra " + extra, "{\"path\":\"a.iso\",\"files\":{\"" + META + "\":\"" + EMPTY
                    + "\"}," + extra + "}"));
        }
        out.add(raw("configdrive duplicate file", "{\"op\":\"configdrive_create\",\"args\":{\"path\":\"a.iso\","
                + "\"files\":{\"" + META + "\":\"" + EMPTY + "\",\"" + META + "\":\"" + EMPTY + "\"}}}", "bad_frame"));
        return out;
    }

    private static String files(String entries) {
        return "{\"path\":\"a.iso\",\"files\":{" + entries + "}}";
    }

    private static Case c(String name, String args) {
        return raw(name, "{\"op\":\"configdrive_create\",\"args\":" + args + "}", "invalid_argument");
    }

    private static Case raw(String name, String body, String code) {
        return new Case(name, body.getBytes(StandardCharsets.UTF_8), code);
    }
}
