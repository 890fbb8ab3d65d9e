package org.apiary.common.policy;

import java.util.ArrayList;
import java.util.List;

/**
 * Parses oslo.policy check strings: {@code rule:}, {@code role:}, generic {@code key:value},
 * {@code @}, {@code !}, {@code not}, {@code and}, {@code or} and parentheses. An empty string
 * always passes, as in oslo.policy.
 */
public final class CheckParser {
    private final List<String> tokens;
    private int pos;

    private CheckParser(List<String> tokens) {
        this.tokens = tokens;
    }

    static Check parse(String text) {
        if (text == null || text.isBlank()) {
            return new Check.Always(true);
        }
        CheckParser p = new CheckParser(tokenize(text));
        Check c = p.orExpr();
        if (p.pos != p.tokens.size()) {
            throw new IllegalArgumentException("unexpected '" + p.tokens.get(p.pos) + "' in policy: " + text);
        }
        return c;
    }

    private Check orExpr() {
        List<Check> parts = new ArrayList<>(List.of(andExpr()));
        while (peek("or")) {
            pos++;
            parts.add(andExpr());
        }
        return parts.size() == 1 ? parts.get(0) : new Check.Or(parts);
    }

    private Check andExpr() {
        List<Check> parts = new ArrayList<>(List.of(notExpr()));
        while (peek("and")) {
            pos++;
            parts.add(notExpr());
        }
        return parts.size() == 1 ? parts.get(0) : new Check.And(parts);
    }

    private Check notExpr() {
        if (peek("not")) {
            pos++;
            return new Check.Not(notExpr());
        }
        return atom();
    }

    private Check atom() {
        if (pos >= tokens.size()) {
            throw new IllegalArgumentException("policy ends too early");
        }
        String t = tokens.get(pos++);
        if (t.equals("(")) {
            Check c = orExpr();
            if (!peek(")")) {
                throw new IllegalArgumentException("missing ')' in policy");
            }
            pos++;
            return c;
        }
        return check(t);
    }

    private static Check check(String t) {
        if (t.equals("@")) {
            return new Check.Always(true);
        }
        if (t.equals("!")) {
            return new Check.Always(false);
        }
        int colon = t.indexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("not a policy check: '" + t + "'");
        }
        String kind = t.substring(0, colon);
        String value = t.substring(colon + 1);
        return switch (kind) {
            case "rule" -> new Check.RuleRef(value);
            case "role" -> new Check.Role(value);
            default -> new Check.Generic(kind, value);
        };
    }

    private boolean peek(String word) {
        return pos < tokens.size() && tokens.get(pos).equalsIgnoreCase(word);
    }

    private static List<String> tokenize(String text) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean inSubstitution = false; // inside %(...)s, parentheses are part of the token
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (inSubstitution) {
                cur.append(c);
                inSubstitution = c != ')';
            } else if (c == '(' && !cur.isEmpty() && cur.charAt(cur.length() - 1) == '%') {
                cur.append(c);
                inSubstitution = true;
            } else if (c == '(' || c == ')') {
                flush(cur, out);
                out.add(String.valueOf(c));
            } else if (Character.isWhitespace(c)) {
                flush(cur, out);
            } else {
                cur.append(c);
            }
        }
        flush(cur, out);
        return out;
    }

    private static void flush(StringBuilder cur, List<String> out) {
        if (!cur.isEmpty()) {
            out.add(cur.toString());
            cur.setLength(0);
        }
    }
}
