package org.apiary.common.policy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apiary.common.context.AuthContext;
import org.apiary.common.error.ServiceException;

/**
 * oslo.policy-compatible rule evaluation: defaults declared in code, overridden rule by rule
 * from a policy.yaml (or JSON) file, as operators of OpenStack services expect.
 */
public final class PolicyEngine {
    private final Map<String, Check> rules = new LinkedHashMap<>();
    private final Map<String, String> checkStrings = new LinkedHashMap<>();

    public PolicyEngine(Collection<RuleDefault> defaults) {
        for (RuleDefault d : defaults) {
            put(d.name(), d.checkString());
        }
    }

    /** Applies overrides from a policy.yaml file; a missing file means no overrides. */
    public PolicyEngine withOverrides(Path file) throws IOException {
        if (file == null || !Files.exists(file)) {
            return this;
        }
        Map<?, ?> map = new ObjectMapper(new YAMLFactory()).readValue(file.toFile(), Map.class);
        if (map != null) {
            map.forEach((k, v) -> put(String.valueOf(k), v == null ? "" : String.valueOf(v)));
        }
        return this;
    }

    public void put(String name, String checkString) {
        rules.put(name, CheckParser.parse(checkString));
        checkStrings.put(name, checkString);
    }

    public Map<String, String> checkStrings() {
        return java.util.Collections.unmodifiableMap(checkStrings);
    }

    /** True when the named rule allows the caller on this target. Unknown rules deny. */
    public boolean allows(String rule, Map<String, Object> target, AuthContext caller) {
        return evaluateRule(rule, target, credentials(caller));
    }

    /** Throws 403 unless the rule allows the caller. */
    public void enforce(String rule, Map<String, Object> target, AuthContext caller) {
        if (!allows(rule, target, caller)) {
            throw ServiceException.forbidden("You are not authorized to perform the requested action: " + rule + ".");
        }
    }

    boolean evaluateRule(String name, Map<String, Object> target, Map<String, Object> creds) {
        Check c = rules.get(name);
        return c != null && c.evaluate(target, creds, this);
    }

    /** The credential attributes check strings can name, as keystonemiddleware exposes them. */
    public static Map<String, Object> credentials(AuthContext a) {
        Map<String, Object> c = new java.util.HashMap<>();
        if (a == null) {
            return c;
        }
        c.put("user_id", a.userId());
        c.put("user_domain_id", a.userDomainId());
        c.put("roles", a.roles());
        if (a.projectId() != null) {
            c.put("project_id", a.projectId());
            c.put("project_domain_id", a.projectDomainId());
            c.put("token.project.id", a.projectId());
            c.put("token.project.domain.id", a.projectDomainId());
        }
        if (a.domainId() != null) {
            c.put("domain_id", a.domainId());
            c.put("token.domain.id", a.domainId());
        }
        if (a.systemScope()) {
            c.put("system_scope", "all");
            c.put("token.system.all", "True");
        }
        c.put("token.user.domain.id", a.userDomainId());
        return c;
    }
}
