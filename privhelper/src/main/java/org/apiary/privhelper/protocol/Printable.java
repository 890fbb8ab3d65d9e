package org.apiary.privhelper.protocol;

/** Makes peer-supplied text safe to echo in an error or a log line: bounded, no control characters. */
public final class Printable {
    private Printable() {}

    public static String of(String s, int max) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length() && b.length() < max; i++) {
            char c = s.charAt(i);
            b.append(c < 0x20 || c == 0x7f || c > 0x7e ? '?' : c);
        }
        if (s.length() > max) {
            b.append("...");
        }
        return b.toString();
    }
}
