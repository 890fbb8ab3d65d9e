package org.apiary.image.domain;

import java.util.List;

/**
 * The operator's limits and choices for images.
 *
 * @param storageQuota bytes of image data one project may hold; 0 = unlimited
 * @param sizeCap largest single image in bytes
 * @param memberQuota, propertyQuota, tagQuota per image; negative = unlimited
 */
public record ImageLimits(long storageQuota, long sizeCap, int memberQuota, int propertyQuota, int tagQuota,
                          List<String> diskFormats, List<String> containerFormats, List<String> importMethods,
                          boolean requireFormatMatch) {

    /** Parses Glance's size strings: a number with an optional B, KB, MB, GB or TB suffix (powers of 1024). */
    public static long parseSize(String text) {
        String t = text.trim().toUpperCase(java.util.Locale.ROOT);
        long unit = 1;
        String[][] units = {{"TB", "1099511627776"}, {"GB", "1073741824"}, {"MB", "1048576"}, {"KB", "1024"},
            {"B", "1"}};
        for (String[] u : units) {
            if (t.endsWith(u[0])) {
                unit = Long.parseLong(u[1]);
                t = t.substring(0, t.length() - u[0].length()).trim();
                break;
            }
        }
        long n = Long.parseLong(t);
        if (n < 0) {
            throw new IllegalArgumentException("negative size");
        }
        return Math.multiplyExact(n, unit);
    }
}
