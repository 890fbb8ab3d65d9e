package org.apiary.identity.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apiary.common.error.ServiceException;
import org.apiary.common.json.Fields;

/**
 * The "options" member of a user body, checked against Keystone's user option registry: known
 * names only, booleans except multi_factor_auth_rules (a list of distinct, non-empty lists of
 * distinct strings). A null value means "remove this option".
 */
final class UserOptions {
    private static final Set<String> BOOLEAN_OPTIONS = Set.of("ignore_change_password_upon_first_use",
            "ignore_password_expiry", "ignore_lockout_failure_attempts", "lock_password", "ignore_user_inactivity",
            "multi_factor_auth_enabled");
    private static final String MFA_RULES = "multi_factor_auth_rules";

    private UserOptions() {}

    /** The options given, with null values kept as removals; null when the body has none. */
    static Map<String, Object> parse(ObjectNode body) {
        JsonNode n = body.get("options");
        if (n == null) {
            return null;
        }
        if (!n.isObject()) {
            throw Fields.typeError("options", n, "object");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        n.fields().forEachRemaining(e -> {
            String name = e.getKey();
            JsonNode v = e.getValue();
            String field = "options/" + name;
            if (BOOLEAN_OPTIONS.contains(name)) {
                if (!v.isNull() && !v.isBoolean()) {
                    throw Fields.typeError(field, v, "boolean");
                }
                out.put(name, v.isNull() ? null : v.booleanValue());
            } else if (name.equals(MFA_RULES)) {
                out.put(name, v.isNull() ? null : mfaRules(field, v));
            } else {
                throw ServiceException.badRequest("Invalid input for field 'options': Additional properties are not "
                        + "allowed ('" + name + "' was unexpected)");
            }
        });
        return out;
    }

    private static List<List<String>> mfaRules(String field, JsonNode v) {
        if (!v.isArray()) {
            throw Fields.typeError(field, v, "array");
        }
        List<List<String>> rules = new ArrayList<>();
        for (JsonNode rule : v) {
            if (!rule.isArray()) {
                throw Fields.typeError(field + "/" + rules.size(), rule, "array");
            }
            if (rule.isEmpty()) {
                throw ServiceException.badRequest("Invalid input for field '" + field + "/" + rules.size()
                        + "': [] is too short");
            }
            List<String> methods = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            for (JsonNode m : rule) {
                if (!m.isTextual()) {
                    throw Fields.typeError(field + "/" + rules.size(), m, "string");
                }
                if (!seen.add(m.textValue())) {
                    throw ServiceException.badRequest("Invalid input for field '" + field + "/" + rules.size() + "': "
                            + rule + " has non-unique elements");
                }
                methods.add(m.textValue());
            }
            if (rules.contains(methods)) {
                throw ServiceException.badRequest("Invalid input for field '" + field + "': " + v
                        + " has non-unique elements");
            }
            rules.add(methods);
        }
        return rules;
    }
}
