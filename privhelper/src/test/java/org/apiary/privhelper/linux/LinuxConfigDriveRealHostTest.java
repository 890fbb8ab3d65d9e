package org.apiary.privhelper.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apiary.privhelper.host.HelperSettings;
import org.apiary.privhelper.host.ProcessRunner;
import org.apiary.privhelper.ops.ConfigDriveCreate;
import org.apiary.privhelper.protocol.ErrorCode;
import org.apiary.privhelper.protocol.HelperException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * configdrive_create on Linux: the genisoimage argv (Nova's flags), and a real image built by the
 * backend, checked with isoinfo(1): volume id config-2, Rock Ridge and Joliet, files read back.
 * The real part is skipped unless genisoimage and isoinfo (Debian package genisoimage) are there.
 */
class LinuxConfigDriveRealHostTest {
    static final String META = "{\"uuid\": \"0b0b0b0b-1111-4222-8333-444444444444\", \"hostname\": \"vm1\"}";
    static final String USER_DATA = "#cloud-config\nruncmd:\n - [touch, /tmp/ü]\n";

    @TempDir
    Path tmp;

    @Test
    void argvIsNovas() {
        LinuxBinaries bin = new LinuxBinaries("/usr/sbin/ip", "", "", "", "", "", "", "", "/usr/bin/genisoimage");
        assertThat(LinuxBackend.isoArgv(bin, Path.of("/d/.configdrive-1/config-2.iso"), Path.of("/d/.configdrive-1/root")))
                .containsExactly("/usr/bin/genisoimage", "-o", "/d/.configdrive-1/config-2.iso", "-ldots",
                        "-allow-lowercase", "-allow-multidot", "-l", "-publisher", "Apiary", "-quiet", "-J", "-r",
                        "-V", "config-2", "/d/.configdrive-1/root");
    }

    @Test
    void buildsARealConfigDrive() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/genisoimage")) && Files.isExecutable(Path.of("/usr/bin/isoinfo")),
                "needs genisoimage and isoinfo (Debian package genisoimage)");
        LinuxBackend b = new LinuxBackend(new ProcessRunner(), LinuxBinaries.detect(), new HelperSettings(
                tmp.resolve("state"), Set.of(), tmp.resolve("disks"), tmp.resolve("guests"), null, null));
        Map<String, String> files = Map.of(ConfigDriveCreate.META_DATA, b64(META), "openstack/latest/user_data",
                b64(USER_DATA), "openstack/latest/network_data.json", b64("{\"links\": [], \"networks\": [], "
                        + "\"services\": []}"), "openstack/2012-08-10/meta_data.json", b64(META));
        JsonNode r = b.apply(new ConfigDriveCreate("0b0b0b0b-1111-4222-8333-444444444444/disk.config", files));
        Path image = Path.of(r.get("path").asText());
        assertThat(image).isEqualTo(tmp.resolve("disks").toRealPath()
                .resolve("0b0b0b0b-1111-4222-8333-444444444444/disk.config"));
        assertThat(r.get("bytes").asLong()).isEqualTo(Files.size(image)).isPositive();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(image))).isEqualTo("rw-r-----");

        String info = isoinfo("-d", "-i", image.toString());
        assertThat(info).contains("Volume id: config-2", "Publisher id: Apiary", "Rock Ridge signatures",
                "Joliet with UCS level");
        assertThat(isoinfo("-R", "-i", image.toString(), "-x", "/openstack/latest/meta_data.json")).isEqualTo(META);
        assertThat(isoinfo("-R", "-i", image.toString(), "-x", "/openstack/latest/user_data")).isEqualTo(USER_DATA);
        assertThat(isoinfo("-J", "-i", image.toString(), "-x", "/openstack/2012-08-10/meta_data.json")).isEqualTo(META);
        assertThat(isoinfo("-R", "-f", "-i", image.toString()).lines().sorted()).containsExactly("/openstack",
                "/openstack/2012-08-10", "/openstack/2012-08-10/meta_data.json", "/openstack/latest",
                "/openstack/latest/meta_data.json", "/openstack/latest/network_data.json", "/openstack/latest/user_data");
        assertThat(isoinfo("-R", "-l", "-i", image.toString())).contains("-r--r--r--", "dr-xr-xr-x")
                .doesNotContain("rwx------");

        // Replaced atomically (the old inode stays whole for a reader that has it open); no staging left.
        long before = (Long) Files.getAttribute(image, "unix:ino");
        JsonNode again = b.apply(new ConfigDriveCreate("0b0b0b0b-1111-4222-8333-444444444444/disk.config",
                Map.of(ConfigDriveCreate.META_DATA, b64("{}"))));
        assertThat(again.get("replaced").asBoolean()).isTrue();
        assertThat((Long) Files.getAttribute(image, "unix:ino")).isNotEqualTo(before);
        assertThat(isoinfo("-R", "-i", image.toString(), "-x", "/openstack/latest/meta_data.json")).isEqualTo("{}");
        try (Stream<Path> s = Files.list(image.getParent())) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactly("disk.config");
        }
        Files.createSymbolicLink(tmp.resolve("disks/escape"), Path.of("/etc"));
        assertThatThrownBy(() -> b.apply(new ConfigDriveCreate("escape/x.iso", files)))
                .isInstanceOfSatisfying(HelperException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT));
        assertThat(Path.of("/etc/x.iso")).doesNotExist();
    }

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    private static String isoinfo(String... args) throws Exception {
        String[] argv = new String[args.length + 1];
        argv[0] = "/usr/bin/isoinfo";
        System.arraycopy(args, 0, argv, 1, args.length);
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        return out;
    }
}
