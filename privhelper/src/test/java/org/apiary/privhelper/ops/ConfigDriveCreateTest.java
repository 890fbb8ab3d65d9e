package org.apiary.privhelper.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apiary.privhelper.client.RecordingHelper;
import org.apiary.privhelper.protocol.ErrorCode;
import org.apiary.privhelper.protocol.HelperException;
import org.apiary.privhelper.protocol.Wire;
import org.junit.jupiter.api.Test;

/** configdrive_create: the allow-list of file names, strict base64, the size limits, the disk path rules. */
class ConfigDriveCreateTest {
    static final String META = ConfigDriveCreate.META_DATA;

    static String b64(byte[] b) {
        return Base64.getEncoder().encodeToString(b);
    }

    static String b64(String s) {
        return b64(s.getBytes(StandardCharsets.UTF_8));
    }

    static ConfigDriveCreate parse(String path, Map<String, String> files) {
        return (ConfigDriveCreate) Wire.parseRequest(Wire.request(new ConfigDriveCreate(path, files)));
    }

    static void invalid(String path, Map<String, String> files, String message) {
        assertThatThrownBy(() -> parse(path, files)).isInstanceOfSatisfying(HelperException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
            assertThat(e.getMessage()).contains(message);
        });
    }

    @Test
    void everyNovaFileOfBothVersionsRoundTripsThroughTheWire() {
        Map<String, String> files = new LinkedHashMap<>();
        for (String version : new String[] {"latest", "2012-08-10"}) {
            for (String name : new String[] {"meta_data.json", "user_data", "network_data.json", "vendor_data.json",
                    "vendor_data2.json"}) {
                files.put("openstack/" + version + "/" + name, b64("{\"v\": \"" + version + "/" + name + "\"}"));
            }
        }
        files.put("openstack/latest/user_data", ""); // empty user data is a valid (empty) file
        RecordingHelper helper = new RecordingHelper();
        helper.call(new ConfigDriveCreate("vm1/disk.config", files));
        ConfigDriveCreate op = (ConfigDriveCreate) helper.calls().get(0);
        assertThat(op.path()).isEqualTo("vm1/disk.config");
        assertThat(op.files()).isEqualTo(files).hasSize(10);
        assertThat(new String(op.contents().get("openstack/2012-08-10/vendor_data2.json"), StandardCharsets.UTF_8))
                .isEqualTo("{\"v\": \"2012-08-10/vendor_data2.json\"}");
        assertThat(op.contents().get("openstack/latest/user_data")).isEmpty();
        assertThat(OpCatalog.nameOf(op)).isEqualTo("configdrive_create");
    }

    @Test
    void theAuditLineShowsNamesAndSizesNeverContents() {
        ConfigDriveCreate op = new ConfigDriveCreate("vm1/disk.config", Map.of(META, b64("{}"),
                "openstack/latest/user_data", b64("#!/bin/sh\necho secret-password\n")));
        assertThat(op.toString()).isEqualTo("ConfigDriveCreate[path=vm1/disk.config, files="
                + "openstack/latest/meta_data.json:2B openstack/latest/user_data:31B]");
        assertThat(op.toString()).doesNotContain("secret", b64("#!/bin/sh\necho secret-password\n"));
    }

    @Test
    void sizeLimitsAreExact() {
        parse("a.iso", Map.of(META, b64(new byte[64 * 1024]), "openstack/latest/user_data", b64(new byte[65_535])));
        invalid("a.iso", Map.of(META, b64("{}"), "openstack/latest/user_data", b64(new byte[65_536])),
                "openstack/latest/user_data is larger than 65535 bytes");
        invalid("a.iso", Map.of(META, b64(new byte[64 * 1024 + 1])), "meta_data.json has 65537 bytes; at most 65536");
        invalid("a.iso", Map.of(META, "A".repeat(200_000)), "larger than 65536 bytes");
        // Ten files of 64 KiB are 640 KiB: the total limit (1 MiB) holds by construction, and is still checked.
        Map<String, String> all = new LinkedHashMap<>();
        for (String v : new String[] {"latest", "2012-08-10"}) {
            for (String n : new String[] {"meta_data.json", "network_data.json", "vendor_data.json", "vendor_data2.json"}) {
                all.put("openstack/" + v + "/" + n, b64(new byte[64 * 1024]));
            }
            all.put("openstack/" + v + "/user_data", b64(new byte[65_535]));
        }
        assertThat(parse("a.iso", all).contents().values().stream().mapToInt(b -> b.length).sum())
                .isEqualTo(8 * 65_536 + 2 * 65_535);
    }

    @Test
    void onlyTheNovaLayoutIsAccepted() {
        for (String name : new String[] {"openstack/latest/../../../etc/shadow", "openstack/latest/evil",
                "/openstack/latest/meta_data.json", "openstack/latest/meta_data.json/", "openstack//latest/user_data",
                "openstack/2013-10-17/meta_data.json", "ec2/latest/meta-data.json", "OPENSTACK/LATEST/USER_DATA",
                "openstack/latest/meta_data.json\u0000", "openstack/latest/./user_data", "openstack/latest",
                "openstack/latest/user_data ", "openstack\\latest\\user_data", "openstack/content/0000", ""}) {
            invalid("a.iso", Map.of(META, b64("{}"), name, b64("x")), "is not a config drive file");
        }
        invalid("a.iso", Map.of("openstack/2012-08-10/meta_data.json", b64("{}")),
                "files must contain openstack/latest/meta_data.json");
        invalid("a.iso", Map.of(), "files must contain openstack/latest/meta_data.json");
    }

    @Test
    void base64IsStrictAndCanonical() {
        for (String bad : new String[] {"!!!!", "e30=\n", "e3 0=", "e30", "e31=", "e30==", "e30=e30=", "ZXhhbXBsZQ",
                "-_-_", "e30=\r\n"}) {
            assertThatThrownBy(() -> ConfigDriveCreate.decode("f", bad, 100)).as(bad)
                    .isInstanceOfSatisfying(HelperException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT));
        }
        assertThat(ConfigDriveCreate.decode("f", "e30=", 100)).isEqualTo("{}".getBytes(StandardCharsets.UTF_8));
        assertThat(ConfigDriveCreate.decode("f", "ZXhhbXBsZQ==", 100)).isEqualTo("example".getBytes());
    }

    @Test
    void pathsFollowTheDiskRules() {
        for (String p : new String[] {"../x.iso", "a/../../x.iso", "a b.iso", "a;id", ".hidden", "-rf", "a//b",
                "$(id).iso", "file=/etc/passwd,if=none"}) {
            invalid(p, Map.of(META, b64("{}")), "is not a plain path");
        }
        invalid("zvol/vm1", Map.of(META, b64("{}")), "a config drive is a file");
    }

    @Test
    void wrongShapesAreRefused() {
        for (String args : new String[] {"{\"path\":\"a.iso\"}", "{\"path\":\"a.iso\",\"files\":[]}",
                "{\"path\":\"a.iso\",\"files\":\"e30=\"}",
                "{\"path\":\"a.iso\",\"files\":{\"" + META + "\":7}}",
                "{\"path\":\"a.iso\",\"files\":{\"" + META + "\":{\"x\":1}}}",
                "{\"path\":\"a.iso\",\"files\":{\"" + META + "\":null}}",
                "{\"path\":\"a.iso\",\"files\":{\"" + META + "\":\"e30=\"},\"label\":\"x\"}",
                "{\"files\":{\"" + META + "\":\"e30=\"}}"}) {
            byte[] body = ("{\"op\":\"configdrive_create\",\"args\":" + args + "}").getBytes(StandardCharsets.UTF_8);
            assertThatThrownBy(() -> Wire.parseRequest(body)).as(args).isInstanceOfSatisfying(HelperException.class,
                    e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT));
        }
    }
}
