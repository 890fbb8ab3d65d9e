package org.apiary.privhelper.freebsd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apiary.privhelper.freebsd.sim.FreeBsdSim;
import org.apiary.privhelper.host.Command;
import org.apiary.privhelper.host.HelperSettings;
import org.apiary.privhelper.host.ProcessRunner;
import org.apiary.privhelper.ops.ConfigDriveCreate;
import org.apiary.privhelper.protocol.ErrorCode;
import org.apiary.privhelper.protocol.HelperException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * configdrive_create on FreeBSD: makefs(8) argv, accepted by the simulator's makefs grammar, the
 * staging directory, atomic replacement; and the same argv run by a real makefs where one is
 * installed (Debian's package is NetBSD's makefs, which FreeBSD's derives from, at /usr/sbin/makefs).
 */
class FreeBsdConfigDriveTest {
    static final String META = "{\"uuid\": \"0b0b0b0b-1111-4222-8333-444444444444\", \"name\": \"vm1\"}";

    @TempDir
    Path tmp;

    final FreeBsdSim sim = new FreeBsdSim();

    static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void argvFollowsMakefs8() {
        assertThat(FreeBsdBackend.isoArgv(Path.of("/d/.configdrive-1/config-2.iso"), Path.of("/d/.configdrive-1/root")))
                .containsExactly("/usr/sbin/makefs", "-t", "cd9660", "-o", "rockridge", "-o", "label=config-2",
                        "/d/.configdrive-1/config-2.iso", "/d/.configdrive-1/root");
    }

    @Test
    void buildsReplacesAndCleansUp() throws Exception {
        FreeBsdBackend b = sim.backend(new HelperSettings(tmp.resolve("state"), Set.of(), tmp.resolve("disks"),
                tmp.resolve("guests"), null, null));
        Map<String, String> files = Map.of(ConfigDriveCreate.META_DATA, b64(META),
                "openstack/latest/user_data", b64("#cloud-config\n"), "openstack/latest/vendor_data.json", b64("{}"));
        JsonNode r = b.apply(new ConfigDriveCreate("vm1/disk.config", files));
        Path disks = tmp.resolve("disks").toRealPath();
        Path image = disks.resolve("vm1/disk.config");
        assertThat(r.get("path").asText()).isEqualTo(image.toString());
        assertThat(r.get("replaced").asBoolean()).isFalse();
        assertThat(Files.readAllLines(image)).containsExactly("cd9660 label=CONFIG-2 rockridge",
                "openstack/latest/meta_data.json", "openstack/latest/user_data", "openstack/latest/vendor_data.json");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(image))).isEqualTo("rw-r-----");
        String makefs = sim.log().stream().filter(l -> l.startsWith("/usr/sbin/makefs ")).findFirst().orElseThrow();
        assertThat(makefs).matches("/usr/sbin/makefs -t cd9660 -o rockridge -o label=config-2 "
                + disks.resolve("vm1") + "/\\.configdrive-[0-9]+/config-2\\.iso " + disks.resolve("vm1")
                + "/\\.configdrive-[0-9]+/root");
        assertThat(siblings(image)).containsExactly("disk.config"); // the staging directory is gone

        JsonNode again = b.apply(new ConfigDriveCreate("vm1/disk.config", Map.of(ConfigDriveCreate.META_DATA,
                b64("{}"), "openstack/2012-08-10/meta_data.json", b64("{}"))));
        assertThat(again.get("replaced").asBoolean()).isTrue();
        assertThat(Files.readAllLines(image)).containsExactly("cd9660 label=CONFIG-2 rockridge",
                "openstack/2012-08-10/meta_data.json", "openstack/latest/meta_data.json");
        assertThat(siblings(image)).containsExactly("disk.config");

        // Never through a link, never over a directory; nothing is run for either.
        int commands = sim.log().size();
        Files.createSymbolicLink(disks.resolve("escape"), Path.of("/etc"));
        Files.createDirectories(disks.resolve("vm2/disk.config"));
        refused(() -> b.apply(new ConfigDriveCreate("escape/x.iso", files)), ErrorCode.INVALID_ARGUMENT);
        refused(() -> b.apply(new ConfigDriveCreate("vm2/disk.config", files)), ErrorCode.INVALID_ARGUMENT);
        Files.createSymbolicLink(disks.resolve("vm1/link.iso"), Path.of("/etc/passwd"));
        refused(() -> b.apply(new ConfigDriveCreate("vm1/link.iso", files)), ErrorCode.INVALID_ARGUMENT);
        assertThat(sim.log()).hasSize(commands);
        assertThat(sim.violations()).isEmpty();
    }

    /** FreeBSD's argv, run by a real makefs (NetBSD's, from Debian) and read back with isoinfo. */
    @Test
    void realMakefsWritesAReadableConfigDrive() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/sbin/makefs")) && Files.isExecutable(Path.of("/usr/bin/isoinfo")),
                "needs makefs (Debian package makefs) and isoinfo (genisoimage)");
        Path root = Files.createDirectories(tmp.resolve("root/openstack/latest")).getParent().getParent();
        Files.writeString(root.resolve("openstack/latest/meta_data.json"), META);
        Path image = tmp.resolve("config-2.iso");
        var r = new ProcessRunner().run(Command.of(FreeBsdBackend.isoArgv(image, root)));
        assertThat(r.ok()).as(r.stderr()).isTrue();
        String info = run("/usr/bin/isoinfo", "-d", "-i", image.toString());
        assertThat(info).contains("Volume id: CONFIG-2", "Rock Ridge signatures version");
        assertThat(run("/usr/bin/isoinfo", "-R", "-i", image.toString(), "-x", "/openstack/latest/meta_data.json"))
                .isEqualTo(META);
    }

    private static List<String> siblings(Path p) throws Exception {
        try (Stream<Path> s = Files.list(p.getParent())) {
            return s.filter(x -> !Files.isSymbolicLink(x) && Files.exists(x, LinkOption.NOFOLLOW_LINKS))
                    .map(x -> x.getFileName().toString()).filter(n -> !n.equals("link.iso")).sorted().toList();
        }
    }

    private static String run(String... argv) throws Exception {
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        return out;
    }

    private static void refused(Runnable r, ErrorCode code) {
        assertThatThrownBy(r::run).isInstanceOfSatisfying(HelperException.class,
                e -> assertThat(e.code()).as(e.getMessage()).isEqualTo(code));
    }
}
