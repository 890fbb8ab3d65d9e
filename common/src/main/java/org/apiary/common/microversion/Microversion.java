package org.apiary.common.microversion;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** An OpenStack API microversion such as 1.39 or 2.90. Ordered numerically, not as text. */
public record Microversion(int major, int minor) implements Comparable<Microversion> {
    private static final Pattern FORM = Pattern.compile("(\\d{1,4})\\.(\\d{1,4})");

    /** Parses "X.Y"; throws IllegalArgumentException for anything else. */
    public static Microversion parse(String text) {
        Matcher m = FORM.matcher(text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("invalid version string: " + text);
        }
        return new Microversion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
    }

    public static Microversion of(String text) {
        return parse(text);
    }

    public boolean atLeast(Microversion other) {
        return compareTo(other) >= 0;
    }

    public boolean atLeast(String other) {
        return atLeast(parse(other));
    }

    public boolean before(String other) {
        return compareTo(parse(other)) < 0;
    }

    @Override
    public int compareTo(Microversion o) {
        return major != o.major ? Integer.compare(major, o.major) : Integer.compare(minor, o.minor);
    }

    @Override
    public String toString() {
        return major + "." + minor;
    }
}
