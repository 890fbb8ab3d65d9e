package org.apiary.compute.api;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Python's datetime.strptime with the formats the usage APIs accept (%Y-%m-%d, then "T" or " ",
 * %H:%M:%S, optionally .%f), and datetime.isoformat()/str() for their answers: naive UTC.
 */
final class PyDateTimes {
    private PyDateTimes() {}

    private static final Pattern FORMAT = Pattern.compile(
            "(\\d{4})-(\\d{1,2})-(\\d{1,2})([T ])(\\d{1,2}):(\\d{1,2}):(\\d{1,2})(?:\\.(\\d{1,6}))?");

    /**
     * Parses {@code s}; {@code separator} is the date/time separator the format has ('T' or ' '),
     * {@code fraction} whether the format ends in .%f (null: with or without).
     */
    static Optional<LocalDateTime> parse(String s, char separator, Boolean fraction) {
        Matcher m = FORMAT.matcher(s);
        if (!m.matches() || m.group(4).charAt(0) != separator
                || (fraction != null && fraction != (m.group(8) != null))) {
            return Optional.empty();
        }
        try {
            String f = m.group(8) == null ? "0" : (m.group(8) + "00000").substring(0, 6);
            return Optional.of(LocalDateTime.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                    Integer.parseInt(m.group(3)), Integer.parseInt(m.group(5)), Integer.parseInt(m.group(6)),
                    Integer.parseInt(m.group(7)), Integer.parseInt(f) * 1000));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    /** datetime.isoformat() of a naive UTC time: microseconds only when not zero. */
    static String iso(Instant t) {
        return t == null ? null : format(LocalDateTime.ofInstant(t, ZoneOffset.UTC), 'T');
    }

    /** str(datetime). */
    static String str(LocalDateTime t) {
        return format(t, ' ');
    }

    private static String format(LocalDateTime t, char separator) {
        String s = String.format("%04d-%02d-%02d%c%02d:%02d:%02d", t.getYear(), t.getMonthValue(),
                t.getDayOfMonth(), separator, t.getHour(), t.getMinute(), t.getSecond());
        int micros = t.getNano() / 1000;
        return micros == 0 ? s : s + String.format(".%06d", micros);
    }
}
