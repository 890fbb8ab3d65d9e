package org.apiary.host.spi;

import java.util.List;
import java.util.Map;

/**
 * The little JSON writer the config drive needs (this module has no dependencies). Output matches
 * Python's json.dumps defaults, which Nova uses: ", " and ": " separators, non-ASCII escaped as
 * \\uXXXX. Maps keep their iteration order; give ordered maps (LinkedHashMap, TreeMap).
 */
final class JsonText {
    private JsonText() {}

    static String write(Object value) {
        StringBuilder b = new StringBuilder();
        write(b, value);
        return b.toString();
    }

    private static void write(StringBuilder b, Object v) {
        switch (v) {
            case null -> b.append("null");
            case String s -> string(b, s);
            case Boolean x -> b.append(x);
            case Integer n -> b.append(n);
            case Long n -> b.append(n);
            case Map<?, ?> m -> {
                b.append('{');
                String sep = "";
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    b.append(sep);
                    string(b, (String) e.getKey());
                    b.append(": ");
                    write(b, e.getValue());
                    sep = ", ";
                }
                b.append('}');
            }
            case List<?> l -> {
                b.append('[');
                for (int i = 0; i < l.size(); i++) {
                    b.append(i == 0 ? "" : ", ");
                    write(b, l.get(i));
                }
                b.append(']');
            }
            default -> throw new IllegalArgumentException("not a JSON value: " + v.getClass());
        }
    }

    private static void string(StringBuilder b, String s) {
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                case '\b' -> b.append("\\b");
                case '\f' -> b.append("\\f");
                default -> {
                    if (c < 0x20 || c > 0x7e) {
                        b.append(String.format("\\u%04x", (int) c)); // UTF-16 units, as json.dumps does
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        b.append('"');
    }
}
