package org.apiary.privhelper.ops;

import java.util.Locale;
import org.apiary.privhelper.protocol.HelperException;
import org.apiary.privhelper.protocol.Printable;

/** A unicast MAC address in colon form, normalised to lower case. */
public record Mac(String value) {
    public static Mac parse(String s) {
        String[] parts = s.split(":", -1);
        boolean ok = parts.length == 6;
        for (int i = 0; ok && i < 6; i++) {
            ok = parts[i].length() == 2 && parts[i].chars().allMatch(c -> Character.digit(c, 16) >= 0);
        }
        if (!ok) {
            throw HelperException.invalid("'" + Printable.of(s, 40) + "' is not a MAC address (xx:xx:xx:xx:xx:xx)");
        }
        if ((Integer.parseInt(parts[0], 16) & 1) != 0) {
            throw HelperException.invalid("'" + s + "' is a multicast MAC address");
        }
        return new Mac(s.toLowerCase(Locale.ROOT));
    }

    @com.fasterxml.jackson.annotation.JsonValue
    @Override
    public String toString() {
        return value;
    }
}
