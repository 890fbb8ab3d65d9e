package org.apiary.privhelper.freebsd.sim;

import static org.apiary.privhelper.freebsd.sim.FreeBsdSim.need;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * makefs(8) as FreeBSD documents it: "makefs [-DxZ] [-B endian] [-b free-blocks] [-d debug-mask]
 * [-F mtree-specfile] [-f free-files] [-M minimum-size] [-m maximum-size] [-N userdb-dir] [-O offset]
 * [-o fs-options] [-R roundup-size] [-S sector-size] [-s image-size] [-T timestamp] [-t fs-type]
 * image-file directory | manifest [extra-directory ...]". Only what a config drive needs is
 * modelled beyond the grammar: -o is parsed by the file system type chosen so far (ffs by
 * default, as in makefs.c), so a cd9660 option before -t cd9660 is an error; the cd9660 keywords
 * are those of "CD9660-specific options"; label is at most 32 characters of the cd9660 character
 * set (upper-cased). The image is a real file: a header line ("cd9660 label=CONFIG-2 rockridge"),
 * then one line per file of the tree.
 */
final class SimMakefs {
    private static final Set<String> FLAGS = Set.of("-D", "-x", "-Z", "-p");
    private static final Set<String> WITH_ARG = Set.of("-B", "-b", "-d", "-F", "-f", "-M", "-m", "-N", "-O", "-o",
            "-R", "-S", "-s", "-T", "-t");
    private static final Set<String> TYPES = Set.of("ffs", "cd9660", "msdos", "zfs");
    /** cd9660 keywords without a value, and those that take one (makefs(8) CD9660-specific options). */
    private static final Set<String> CD9660_FLAGS = Set.of("allow-deep-trees", "allow-illegal-chars",
            "allow-lowercase", "allow-max-name", "allow-multidot", "chrp-boot", "hard-disk-boot", "keep-bad-images",
            "no-boot", "no-emul-boot", "no-trailing-padding", "omit-trailing-period", "rockridge", "verbose");
    private static final Set<String> CD9660_VALUES = Set.of("applicationid", "bootimagedir", "boot-load-segment",
            "bootimage", "generic-bootimage", "isolevel", "label", "platformid", "preparer", "publisher", "volumeid");

    String run(List<String> a) {
        String type = "ffs";
        String label = "";
        boolean rockridge = false;
        int i = 1;
        for (; i < a.size() && a.get(i).startsWith("-"); i++) {
            String opt = a.get(i);
            if (FLAGS.contains(opt)) {
                continue;
            }
            need(WITH_ARG.contains(opt), "makefs: illegal option -- " + opt.substring(1));
            need(i + 1 < a.size(), "makefs: option requires an argument -- " + opt.substring(1));
            String val = a.get(++i);
            if (opt.equals("-t")) {
                need(TYPES.contains(val), "makefs: Unknown fs type `" + val + "'");
                type = val;
            } else if (opt.equals("-o")) {
                for (String kw : val.split(",", -1)) {
                    need(!kw.isEmpty(), "makefs: Empty option");
                    need(type.equals("cd9660"), "makefs: `" + kw + "' is not an option of " + type
                            + " (give -t before -o)");
                    String key = kw.contains("=") ? kw.substring(0, kw.indexOf('=')) : kw;
                    String v = kw.contains("=") ? kw.substring(kw.indexOf('=') + 1) : null;
                    if (CD9660_FLAGS.contains(key)) {
                        need(v == null, "makefs: option `" + key + "' takes no value");
                        rockridge |= key.equals("rockridge");
                    } else {
                        need(CD9660_VALUES.contains(key) && v != null, "makefs: Option `" + key
                                + "' doesn't contain a value or is unknown");
                        if (key.equals("label")) {
                            need(v.length() <= 32 && v.chars().allMatch(c -> c >= 0x20 && c < 0x7f),
                                    "makefs: error: The Disk Label must be at most 32 characters long");
                            label = v.toUpperCase(java.util.Locale.ROOT);
                        }
                    }
                }
            }
        }
        List<String> rest = a.subList(i, a.size());
        need(rest.size() >= 2, "usage: makefs [options] image-file directory | manifest [extra-directory ...]");
        Path image = Path.of(rest.get(0)), dir = Path.of(rest.get(1));
        need(image.isAbsolute() && dir.isAbsolute(), "makefs: the helper passes absolute paths");
        need(Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS), "makefs: " + dir + ": not a directory");
        need(Files.isDirectory(image.getParent()), "makefs: Can't open `" + image + "' for writing");
        need(!image.startsWith(dir), "makefs: the image must not be inside the tree it is made from");
        List<String> listing = new ArrayList<>();
        try (Stream<Path> files = Files.walk(dir)) {
            files.filter(Files::isRegularFile).sorted().forEach(p -> listing.add(dir.relativize(p).toString()));
            need(!listing.isEmpty(), "makefs: cd9660_makefs: converted directory is empty");
            String header = type + " label=" + label + (rockridge ? " rockridge" : "");
            Files.write(image, (header + "\n" + String.join("\n", listing) + "\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new FreeBsdSim.SimError("makefs: " + e.getMessage());
        }
        return "";
    }
}
