package org.apiary.privhelper.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Strict reader over one operation's "args" object. Every getter names the field it reads; {@link
 * #done()} then refuses any field nobody read, so a typo or an injected extra field is an error,
 * never silently ignored. No coercion: "5" is not an integer, 5.0 is not an integer, null is
 * missing.
 */
public final class Args {
    public static final int MAX_STRING = 1024;

    private final ObjectNode node;
    private final String context;
    private final Set<String> read = new HashSet<>();

    public Args(ObjectNode node, String context) {
        this.node = node;
        this.context = context;
    }

    public String string(String field) {
        return string(field, MAX_STRING);
    }

    public String string(String field, int maxLength) {
        JsonNode v = required(field);
        if (!v.isTextual()) {
            throw wrongType(field, "a string");
        }
        String s = v.textValue();
        if (s.isEmpty() || s.length() > maxLength) {
            throw HelperException.invalid(where(field) + " must be 1.." + maxLength + " characters");
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                throw HelperException.invalid(where(field) + " contains a control character");
            }
        }
        return s;
    }

    public String optionalString(String field, int maxLength) {
        return has(field) ? string(field, maxLength) : null;
    }

    public long integer(String field, long min, long max) {
        JsonNode v = required(field);
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            throw wrongType(field, "an integer");
        }
        long n = v.longValue();
        if (n < min || n > max) {
            throw HelperException.invalid(where(field) + " must be in " + min + ".." + max + ", got " + n);
        }
        return n;
    }

    public boolean bool(String field) {
        JsonNode v = required(field);
        if (!v.isBoolean()) {
            throw wrongType(field, "a boolean");
        }
        return v.booleanValue();
    }

    /** A bounded list whose elements are each parsed by {@code element} (given a per-element Args or value). */
    public <T> List<T> list(String field, int maxSize, Function<JsonNode, T> element) {
        JsonNode v = required(field);
        if (!v.isArray()) {
            throw wrongType(field, "a list");
        }
        if (v.size() > maxSize) {
            throw HelperException.invalid(where(field) + " has " + v.size() + " entries; at most " + maxSize);
        }
        List<T> out = new ArrayList<>(v.size());
        for (int i = 0; i < v.size(); i++) {
            out.add(element.apply(v.get(i)));
        }
        return out;
    }

    /** A JSON object field (for string maps whose keys the caller checks against its own allow-list). */
    public ObjectNode object(String field) {
        JsonNode v = required(field);
        if (!v.isObject()) {
            throw wrongType(field, "an object");
        }
        return (ObjectNode) v;
    }

    /** Args over a nested object, for list elements that are objects. */
    public static Args nested(JsonNode v, String context) {
        if (v == null || !v.isObject()) {
            throw HelperException.invalid(context + " must be an object");
        }
        return new Args((ObjectNode) v, context);
    }

    public static String text(JsonNode v, String context, int maxLength) {
        if (v == null || !v.isTextual() || v.textValue().isEmpty() || v.textValue().length() > maxLength) {
            throw HelperException.invalid(context + " must be a string of 1.." + maxLength + " characters");
        }
        return v.textValue();
    }

    public boolean has(String field) {
        read.add(field);
        JsonNode v = node.get(field);
        return v != null && !v.isNull();
    }

    /** Refuses fields that were not read; call after the last getter. */
    public void done() {
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!read.contains(name)) {
                throw HelperException.invalid(context + ": unknown field '" + Printable.of(name, 40) + "'");
            }
        }
    }

    private JsonNode required(String field) {
        read.add(field);
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            throw HelperException.invalid(where(field) + " is required");
        }
        return v;
    }

    private HelperException wrongType(String field, String expected) {
        return HelperException.invalid(where(field) + " must be " + expected);
    }

    private String where(String field) {
        return context + "." + field;
    }
}
