package org.apiary.image.inspect;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * VMware VMDK, single-file sparse variants only (monolithicSparse, streamOptimized): a 512-byte
 * little-endian header "KDMV" followed by a text descriptor. The descriptor is parsed line by
 * line as Glance does and anything unexpected is refused, as are extents that name another file
 * by path, descriptors of other create types (their data lives in other files) and descriptors
 * that name a parent disk (a backing file).
 */
final class VmdkInspector extends FormatInspector {
    private static final int DESC_OFFSET = 0x200;
    private static final int DESC_MAX_SIZE = (1 << 20) - 1;
    private static final long GD_AT_END = 0xffffffffffffffffL;
    private static final List<String> SINGLE_FILE_TYPES = List.of("monolithicsparse", "streamoptimized");

    VmdkInspector() {
        addRegion("header", 0, 512);
    }

    @Override
    public String name() {
        return "vmdk";
    }

    @Override
    public boolean formatMatch() {
        return matchDecided() && Bytes.startsWith(region("header").data(), 0, "KDMV");
    }

    @Override
    protected void postProcess() {
        if (!formatMatch() || hasRegion("descriptor")) {
            return;
        }
        byte[] h = region("header").data();
        long version = Bytes.u32le(h, 4);
        if (version < 1 || version > 3) {
            throw new FormatError("Unsupported VMDK format version " + version);
        }
        if (Bytes.u64le(h, 56) == GD_AT_END) {
            // The real header is in a footer at the end, which a stream cannot trust in advance.
            throw new FormatError("Unsupported VMDK footer");
        }
        long descSector = Bytes.u64le(h, 28);
        long descCount = Bytes.u64le(h, 36);
        if (descSector * 512 != DESC_OFFSET) {
            throw new FormatError("Wrong VMDK descriptor location");
        }
        if (descCount <= 0) {
            throw new FormatError("VMDK has no descriptor");
        }
        addRegion("descriptor", DESC_OFFSET, (int) Math.min(descCount * 512, DESC_MAX_SIZE));
    }

    @Override
    public long virtualSize() {
        if (!hasRegion("descriptor") || !region("descriptor").complete()) {
            return 0;
        }
        return Bytes.u64le(region("header").data(), 12) * 512;
    }

    @Override
    public String safetyProblem() {
        if (!formatMatch()) {
            return null;
        }
        if (!hasRegion("descriptor") || !region("descriptor").complete()) {
            return "VMDK descriptor is incomplete";
        }
        String text;
        try {
            text = StandardCharsets.US_ASCII.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(trimNul(region("descriptor").data()))).toString()
                    .toLowerCase(Locale.ROOT);
        } catch (CharacterCodingException e) {
            return "VMDK descriptor is not ASCII text";
        }
        List<String> extents = new ArrayList<>();
        String createType = null;
        for (String raw : text.split("\n")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith("ddb")) {
                continue;
            }
            int eq = line.indexOf('=');
            String first = line.split(" ", 2)[0];
            if (eq > 0 && !line.substring(0, eq).contains(" ")) {
                String key = line.substring(0, eq).strip();
                String value = line.substring(eq + 1).strip().replace("\"", "");
                if (key.equals("createtype")) {
                    createType = value;
                } else if (key.equals("parentfilenamehint")) {
                    return "VMDK descriptor names a parent disk (" + abbreviate(value) + ")";
                }
            } else if (first.equals("rw") || first.equals("rdonly") || first.equals("noaccess")) {
                extents.add(line);
            } else {
                return "VMDK descriptor has an unsupported line: " + abbreviate(line);
            }
        }
        if (createType == null || !SINGLE_FILE_TYPES.contains(createType)) {
            return "VMDK create type " + (createType == null ? "(none)" : abbreviate(createType))
                    + " is not supported; only monolithicSparse and streamOptimized are";
        }
        if (extents.isEmpty()) {
            return "VMDK descriptor has no extents";
        }
        for (String e : extents) {
            if (e.contains("/")) {
                return "VMDK extent refers to a file outside the image: " + abbreviate(e);
            }
        }
        return null;
    }

    private static byte[] trimNul(byte[] d) {
        int end = d.length;
        while (end > 0 && d[end - 1] == 0) {
            end--;
        }
        return java.util.Arrays.copyOf(d, end);
    }

    private static String abbreviate(String s) {
        return s.length() > 64 ? s.substring(0, 61) + "..." : s;
    }
}
