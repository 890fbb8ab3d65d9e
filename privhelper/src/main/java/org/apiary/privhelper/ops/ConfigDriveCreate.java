package org.apiary.privhelper.ops;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Base64;
import java.util.Collections;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apiary.privhelper.protocol.Args;
import org.apiary.privhelper.protocol.HelperException;
import org.apiary.privhelper.protocol.Printable;

/**
 * A config drive: an ISO 9660 image with volume id config-2 holding Nova's openstack/ tree, built
 * by the helper from a closed set of files. The agent sends file contents only (base64); which
 * files may exist, where they go and how the image is made are the helper's business.
 *
 * @param path  the image, under the disk root; an existing regular file there is replaced atomically
 * @param files relative path (one of {@link #FILE}) → content, standard base64 (RFC 4648, padded)
 */
public record ConfigDriveCreate(String path, Map<String, String> files) implements Op {
    /** Nova's layout for the two versions guests look for first: the newest ("latest") and the oldest. */
    public static final Pattern FILE = Pattern.compile("openstack/(latest|2012-08-10)/"
            + "(meta_data\\.json|user_data|network_data\\.json|vendor_data\\.json|vendor_data2\\.json)");
    public static final String META_DATA = "openstack/latest/meta_data.json";
    /** Nova limits user data to 65535 bytes; every other file to 64 KiB; the whole drive to 1 MiB. */
    public static final int MAX_USER_DATA_BYTES = 65_535, MAX_FILE_BYTES = 64 * 1024, MAX_TOTAL_BYTES = 1 << 20;

    public ConfigDriveCreate {
        files = Collections.unmodifiableMap(new TreeMap<>(files));
    }

    public static ConfigDriveCreate parse(Args a) {
        String path = Check.diskPath(a, "path");
        JsonNode node = a.object("files");
        a.done();
        if (path.startsWith("zvol/")) {
            throw HelperException.invalid("a config drive is a file; 'zvol/' names ZFS volumes");
        }
        Map<String, String> files = new TreeMap<>();
        long total = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String name = e.getKey();
            if (!FILE.matcher(name).matches()) {
                throw HelperException.invalid("files: '" + Printable.of(name, 60) + "' is not a config drive file "
                        + "(openstack/{latest,2012-08-10}/{meta_data.json,user_data,network_data.json,"
                        + "vendor_data.json,vendor_data2.json})");
            }
            if (!e.getValue().isTextual()) {
                throw HelperException.invalid("files." + name + " must be a base64 string");
            }
            int max = name.endsWith("/user_data") ? MAX_USER_DATA_BYTES : MAX_FILE_BYTES;
            total += decode(name, e.getValue().textValue(), max).length;
            files.put(name, e.getValue().textValue());
        }
        if (total > MAX_TOTAL_BYTES) {
            throw HelperException.invalid("files hold " + total + " bytes; at most " + MAX_TOTAL_BYTES);
        }
        if (!files.containsKey(META_DATA)) {
            throw HelperException.invalid("files must contain " + META_DATA);
        }
        return new ConfigDriveCreate(path, files);
    }

    /**
     * Strict base64: the alphabet of RFC 4648 section 4, padded, and canonical (re-encoding gives the
     * same text), so one content has exactly one spelling. The length is checked before decoding.
     */
    public static byte[] decode(String name, String base64, int maxBytes) {
        if (base64.length() > (maxBytes + 2) / 3 * 4) {
            throw HelperException.invalid("files." + name + " is larger than " + maxBytes + " bytes");
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw HelperException.invalid("files." + name + " is not base64: " + e.getMessage());
        }
        if (!Base64.getEncoder().encodeToString(bytes).equals(base64)) {
            throw HelperException.invalid("files." + name + " is not canonical padded base64");
        }
        if (bytes.length > maxBytes) {
            throw HelperException.invalid("files." + name + " has " + bytes.length + " bytes; at most " + maxBytes);
        }
        return bytes;
    }

    /** Decoded contents (the record was validated by {@link #parse} on the helper side). */
    public Map<String, byte[]> contents() {
        Map<String, byte[]> out = new TreeMap<>();
        files.forEach((name, b64) -> out.put(name, Base64.getDecoder().decode(b64)));
        return out;
    }

    /** The audit line shows names and sizes, never contents (user data may hold secrets). */
    @Override
    public String toString() {
        return "ConfigDriveCreate[path=" + path + ", files=" + files.entrySet().stream()
                .map(e -> e.getKey() + ":" + size(e.getValue()) + "B").collect(Collectors.joining(" ")) + "]";
    }

    private static int size(String b64) {
        return b64.length() / 4 * 3 - (b64.endsWith("==") ? 2 : b64.endsWith("=") ? 1 : 0);
    }
}
