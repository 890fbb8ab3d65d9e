package org.apiary.host.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Config drive files for fixed inputs, compared with golden JSON in src/test/resources/configdrive/. */
class ConfigDriveContentTest {
    static final String VM = "0b0b0b0b-1111-4222-8333-444444444444";
    static final String PROJECT = "5c1ad5ef8d3b4c2e9a6b1f0e2d3c4b5a";
    static final String KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOkq user@host";

    /** A "random" source that always gives 0x2a bytes, so random_seed is fixed. */
    static final Random FIXED = new Random() {
        @Override
        public void nextBytes(byte[] bytes) {
            Arrays.fill(bytes, (byte) 0x2a);
        }
    };

    static GuestDefinition guest(GuestBootData boot, List<GuestNic> nics) {
        return new GuestDefinition(VM, "web 1", "web-1", PROJECT, 2, 1024, 10, 0, 0, "img", Map.of(), nics, boot);
    }

    static String decoded(Map<String, String> files, String name) {
        return new String(Base64.getDecoder().decode(files.get(name)), StandardCharsets.UTF_8);
    }

    static String golden(String name) throws Exception {
        try (InputStream in = ConfigDriveContentTest.class.getResourceAsStream("/configdrive/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        }
    }

    @Test
    void fullGuestMatchesTheGoldenFiles() throws Exception {
        String userData = "#cloud-config\nhostname: web-1\n";
        GuestBootData boot = new GuestBootData("mykey", KEY,
                Base64.getMimeEncoder().encodeToString(userData.getBytes(StandardCharsets.UTF_8)),
                Map.of("role", "web", "note", "caf\u00e9 \"quoted\"\n\\"), true, "zone-a", 1);
        List<GuestNic> nics = List.of(
                new GuestNic("3f2a1b4c-5d6e-4f70-8192-a3b4c5d6e7f8", "9e8d7c6b-5a49-4837-a261-504f3e2d1c0b",
                        "fa:16:3e:11:22:33", 1450, List.of("10.0.0.5")),
                new GuestNic("7a6b5c4d-3e2f-4a1b-9c8d-7e6f5a4b3c2d", "1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d",
                        "fa:16:3e:44:55:66", 0, List.of()));
        Map<String, String> files = ConfigDriveContent.files(guest(boot, nics), FIXED);

        assertThat(files.keySet()).containsExactly("openstack/latest/meta_data.json",
                "openstack/latest/network_data.json", "openstack/latest/user_data",
                "openstack/latest/vendor_data.json", "openstack/latest/vendor_data2.json");
        assertThat(decoded(files, ConfigDriveContent.META_DATA)).isEqualTo(golden("meta_data.json"));
        assertThat(decoded(files, ConfigDriveContent.NETWORK_DATA)).isEqualTo(golden("network_data.json"));
        assertThat(decoded(files, ConfigDriveContent.USER_DATA)).isEqualTo(userData);
        assertThat(files.get(ConfigDriveContent.USER_DATA)).doesNotContain("\n"); // re-encoded: the helper's strict form
        assertThat(decoded(files, ConfigDriveContent.VENDOR_DATA)).isEqualTo("{}");
        assertThat(decoded(files, ConfigDriveContent.VENDOR_DATA2)).isEqualTo("{}");
        files.values().forEach(v -> assertThat(Base64.getEncoder().encodeToString(Base64.getDecoder().decode(v)))
                .isEqualTo(v));
    }

    @Test
    void minimalGuestOmitsWhatNovaOmits() throws Exception {
        Map<String, String> files = ConfigDriveContent.files(guest(GuestBootData.NONE, List.of()), FIXED);
        assertThat(files).doesNotContainKey(ConfigDriveContent.USER_DATA);
        assertThat(decoded(files, ConfigDriveContent.META_DATA)).isEqualTo(golden("meta_data-minimal.json"));
        assertThat(decoded(files, ConfigDriveContent.NETWORK_DATA))
                .isEqualTo("{\"links\": [], \"networks\": [], \"services\": []}");
    }

    @Test
    void randomSeedIs512FreshBytes() {
        GuestDefinition def = guest(GuestBootData.NONE, List.of());
        String a = decoded(ConfigDriveContent.files(def), ConfigDriveContent.META_DATA);
        String b = decoded(ConfigDriveContent.files(def), ConfigDriveContent.META_DATA);
        String seedA = a.replaceAll(".*\"random_seed\": \"([^\"]+)\".*", "$1");
        String seedB = b.replaceAll(".*\"random_seed\": \"([^\"]+)\".*", "$1");
        assertThat(Base64.getDecoder().decode(seedA)).hasSize(512);
        assertThat(seedA).isNotEqualTo(seedB);
    }

    @Test
    void refusesWhatTheHelperWouldRefuse() {
        String tooBig = Base64.getEncoder().encodeToString(new byte[65_536]);
        GuestBootData big = new GuestBootData(null, null, tooBig, Map.of(), true, null, 0);
        assertThatThrownBy(() -> ConfigDriveContent.files(guest(big, List.of())))
                .hasMessage("user data has 65536 bytes; at most 65535");
        GuestBootData bad = new GuestBootData(null, null, "not base64!", Map.of(), true, null, 0);
        assertThatThrownBy(() -> ConfigDriveContent.files(guest(bad, List.of()))).hasMessageContaining("not base64");
        Map<String, String> huge = new java.util.HashMap<>();
        for (int i = 0; i < 128; i++) {
            huge.put("key-" + i, "\u00e9".repeat(255)); // escaped as \\u00e9: 6 bytes each
        }
        GuestBootData meta = new GuestBootData(null, null, null, huge, true, null, 0);
        assertThatThrownBy(() -> ConfigDriveContent.files(guest(meta, List.of())))
                .hasMessageContaining("openstack/latest/meta_data.json would have");
    }

    @Test
    void jsonEscapesLikePython() {
        assertThat(JsonText.write(Map.of("k", "a\"b\\c\u0001\u007f\u00e9\ud83d\ude00/\t")))
                .isEqualTo("{\"k\": \"a\\\"b\\\\c\\u0001\\u007f\\u00e9\\ud83d\\ude00/\\t\"}");
        assertThat(JsonText.write(java.util.Arrays.asList(1, null, true, List.of(), Map.of())))
                .isEqualTo("[1, null, true, [], {}]");
    }
}
