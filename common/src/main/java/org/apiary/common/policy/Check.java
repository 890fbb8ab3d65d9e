package org.apiary.common.policy;

import java.util.List;
import java.util.Map;

/** A parsed oslo.policy check expression. */
sealed interface Check {

    boolean evaluate(Map<String, Object> target, Map<String, Object> creds, PolicyEngine engine);

    record Always(boolean value) implements Check {
        public boolean evaluate(Map<String, Object> target, Map<String, Object> creds, PolicyEngine engine) {
            return value;
        }
    }

    record Not(Check inner) implements Check {
        public boolean evaluate(Map<String, Object> target, Map<String, Object> creds, PolicyEngine engine) {
            return !inner.evaluate(target, creds, engine);
        }
    }

    record And(List<Check> parts) implements Check {
        public boolean evaluate(Map<String, Object> target, Map<String, Object> creds, PolicyEngine engine) {
            for (Check c : parts) {
                if (!c.evaluate(target, creds, engine)) {
                    return false;
                }
            }
            return true;
        }
    }

    record Or(List<Check> parts) implements Check {
        public boolean evaluate(Map<String, Object> target, Map<String, Object> creds, PolicyEngine engine) {
            for (Check c : parts) {
                if (c.evaluate(target, creds, engine)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** {@code rule:name}: another named rule. */
    record RuleRef(String name) implements Check {
        public boolean evaluate(Map<String, Object> target, Map<String, Object> creds, PolicyEngine engine) {
            return engine.evaluateRule(name, target, creds);
        }
    }

    /** {@code role:name}: the caller holds the role (case-insensitive, as oslo.policy does). */
    record Role(String role) implements Check {
        public boolean evaluate(Map<String, Object> target, Map<String, Object> creds, PolicyEngine engine) {
            String wanted = Generic.substitute(role, target);
            if (wanted == null) {
                return false;
            }
            Object roles = creds.get("roles");
            if (roles instanceof Iterable<?> it) {
                for (Object r : it) {
                    if (String.valueOf(r).equalsIgnoreCase(wanted)) {
                        return true;
                    }
                }
            }
            return false;
        }
    }

    /**
     * {@code key:value}: a credential attribute equals a literal or a {@code %(target.attr)s}
     * substitution from the target.
     */
    record Generic(String key, String match) implements Check {
        public boolean evaluate(Map<String, Object> target, Map<String, Object> creds, PolicyEngine engine) {
            String expected = substitute(match, target);
            if (expected == null) {
                return false;
            }
            String literal = literal(key);
            if (literal != null) {
                // oslo.policy: a literal on the left ("None:%(target.role.domain_id)s") is compared as text.
                return literal.equals(expected);
            }
            Object actual = creds.get(key);
            if (actual == null) {
                return false;
            }
            if (actual instanceof Iterable<?> it) {
                for (Object a : it) {
                    if (String.valueOf(a).equals(expected)) {
                        return true;
                    }
                }
                return false;
            }
            if (actual instanceof Boolean b) {
                return b.toString().equalsIgnoreCase(expected) || (b && expected.equals("1"));
            }
            return String.valueOf(actual).equals(expected);
        }

        /**
         * Resolves {@code %(name)s} from the target as Python's %-formatting would: a key present
         * with a null value reads "None"; a missing key fails the check (null).
         */
        static String substitute(String match, Map<String, Object> target) {
            if (match.startsWith("%(") && match.endsWith(")s")) {
                String name = match.substring(2, match.length() - 2);
                if (!target.containsKey(name)) {
                    return null;
                }
                Object v = target.get(name);
                return v == null ? "None" : v instanceof Boolean b ? (b ? "True" : "False") : String.valueOf(v);
            }
            String lit = literal(match);
            return lit != null ? lit : match;
        }

        /** The text of a Python literal (None, True, False, a number, a quoted string), else null. */
        static String literal(String s) {
            if (s.equals("None") || s.equals("True") || s.equals("False") || s.matches("-?\\d+(\\.\\d+)?")) {
                return s;
            }
            if (s.length() >= 2 && (s.startsWith("'") && s.endsWith("'") || s.startsWith("\"") && s.endsWith("\""))) {
                return s.substring(1, s.length() - 1);
            }
            return null;
        }
    }
}
