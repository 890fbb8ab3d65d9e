package org.apiary.image.inspect;

/**
 * What the inspector found in an image's bytes.
 *
 * @param format the disk format the content is in ("raw" when no known signature matched)
 * @param virtualSize the guest-visible size in bytes, 0 when unknown
 * @param problem why the content must be refused (unsafe or malformed), or null
 */
public record Inspection(String format, long virtualSize, String problem) {}
