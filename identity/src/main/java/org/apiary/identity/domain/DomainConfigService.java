package org.apiary.identity.domain;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apiary.common.error.ServiceException;
import org.apiary.identity.store.DomainConfigStore;

/**
 * Domain-specific configuration with Keystone's rules (resource/core.py DomainConfigManager):
 * only the identity and ldap groups and their listed options may be stored, the LDAP password is
 * stored but never shown, group/option updates must name exactly the option they target and
 * only change what exists, and rule violations are 403 "Invalid domain specific configuration".
 * Apiary has no domain-specific identity drivers, so the configuration is kept for clients and
 * tools; it does not change how this domain's users authenticate.
 */
public final class DomainConfigService {
    static final String IDENTITY = "identity";
    static final String LDAP = "ldap";
    static final String SECURITY_COMPLIANCE = "security_compliance";
    private static final Set<String> READABLE_COMPLIANCE = Set.of("password_regex", "password_regex_description");

    /** The result of a PUT: whether it replaced an existing configuration, and what is now shown. */
    public record Created(boolean replaced, Map<String, Object> config) {}

    private final DomainConfigStore store;
    private final ProjectService projects;

    public DomainConfigService(DomainConfigStore store, ProjectService projects) {
        this.store = store;
        this.projects = projects;
    }

    /** PUT: replaces the whole configuration. */
    public Created create(String domainId, Map<String, Object> config) {
        projects.getDomain(domainId);
        requireValidConfig(config);
        boolean replaced = !store.list(domainId).isEmpty();
        store.replace(domainId, toOptions(config));
        return new Created(replaced, render(whitelisted(domainId, null, null), null));
    }

    /** GET of the whole configuration, a group or one option; only whitelisted options are shown. */
    public Map<String, Object> get(String domainId, String group, String option) {
        projects.getDomain(domainId);
        requireValidGroupAndOption(group, option);
        List<DomainConfigOption> shown = whitelisted(domainId, group, option);
        if (shown.isEmpty()) {
            throw notFound(domainId, group, option);
        }
        return render(shown, option);
    }

    /**
     * PATCH: merges {@code config} into the stored configuration. With a group (and option) in the
     * path, the body must hold exactly that group (option), which must already exist.
     */
    @SuppressWarnings("unchecked")
    public Map<String, Object> update(String domainId, String group, String option, Map<String, Object> config) {
        projects.getDomain(domainId);
        Map<String, Object> update = option != null ? Map.of(group, config) : config;
        requireValidConfig(update);
        requireValidGroupAndOption(group, option);
        if (group != null) {
            Object groupValue = update.get(group);
            if (update.size() != 1 || (option != null && ((Map<String, Object>) groupValue).size() != 1)) {
                throw invalid(option != null
                        ? "Trying to update option " + option + " in group " + group + ", so that, and only that, "
                                + "option must be specified  in the config"
                        : "Trying to update group " + group + ", so that, and only that, group must be specified in "
                                + "the config");
            }
            if (groupValue == null) {
                throw invalid("request to update group " + group + ", but config provided contains group "
                        + update.keySet().iterator().next() + " instead");
            }
            Map<String, Object> options = (Map<String, Object>) groupValue;
            if (option != null && !options.containsKey(option)) {
                throw invalid("Trying to update option " + option + " in group " + group + ", but config provided "
                        + "contains option " + options.keySet().iterator().next() + " instead");
            }
            if (stored(domainId, group, option).isEmpty()) {
                throw notFound(domainId, group, option);
            }
        }
        store.upsert(domainId, toOptions(update));
        return get(domainId, null, null);
    }

    /** DELETE of the whole configuration (always succeeds), or of a group or option that must exist. */
    public void delete(String domainId, String group, String option) {
        projects.getDomain(domainId);
        requireValidGroupAndOption(group, option);
        if (group != null && stored(domainId, group, option).isEmpty()) {
            throw notFound(domainId, group, option);
        }
        store.delete(domainId, group, option);
    }

    /** Drops the configuration of a deleted domain. */
    public void forgetDomain(String domainId) {
        store.delete(domainId, null, null);
    }

    /** The defaults of the whitelisted options (sensitive ones have none to show). */
    public Map<String, Object> defaults(String group, String option) {
        requireValidGroupAndOption(group, option);
        if (option != null) {
            if (!DomainConfigDefaults.WHITELISTED.get(group).contains(option)) {
                throw invalid("Reading the default for option " + option + " in group " + group + " is not supported");
            }
            Map<String, Object> one = new LinkedHashMap<>();
            one.put(option, DomainConfigDefaults.value(group, option));
            return one;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (String g : DomainConfigDefaults.WHITELISTED.keySet()) {
            if (group == null || group.equals(g)) {
                Map<String, Object> options = new LinkedHashMap<>();
                DomainConfigDefaults.WHITELISTED.get(g).forEach(o -> options.put(o, DomainConfigDefaults.value(g, o)));
                out.put(g, options);
            }
        }
        return out;
    }

    /**
     * The security_compliance group, readable for the default domain only. Apiary enforces no
     * password regex, so both readable options are null, as in an unconfigured Keystone.
     */
    public Map<String, Object> securityCompliance(String domainId, String option) {
        if (!Project.DEFAULT_DOMAIN.equals(domainId)) {
            throw invalid("Reading security compliance information for any domain other than the default domain is "
                    + "not allowed or supported.");
        }
        if (option != null && !READABLE_COMPLIANCE.contains(option)) {
            throw invalid("Reading security compliance values other than password_regex and "
                    + "password_regex_description is not allowed.");
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (String o : List.of("password_regex", "password_regex_description")) {
            if (option == null || option.equals(o)) {
                values.put(o, null);
            }
        }
        if (option != null) {
            return values;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put(SECURITY_COMPLIANCE, values);
        return out;
    }

    public static boolean isSecurityCompliance(String group) {
        return SECURITY_COMPLIANCE.equals(group);
    }

    private List<DomainConfigOption> stored(String domainId, String group, String option) {
        return store.list(domainId).stream()
                .filter(o -> group == null || group.equals(o.group()))
                .filter(o -> option == null || option.equals(o.option()))
                .toList();
    }

    private List<DomainConfigOption> whitelisted(String domainId, String group, String option) {
        return stored(domainId, group, option).stream().filter(o -> !o.sensitive()).toList();
    }

    /** {group: {option: value}}, or {option: value} when one option was asked for. */
    private static Map<String, Object> render(List<DomainConfigOption> options, String option) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (option != null) {
            options.forEach(o -> out.put(o.option(), o.value()));
            return out;
        }
        for (DomainConfigOption o : options) {
            @SuppressWarnings("unchecked")
            Map<String, Object> g = (Map<String, Object>) out.computeIfAbsent(o.group(), k -> new LinkedHashMap<>());
            g.put(o.option(), o.value());
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static List<DomainConfigOption> toOptions(Map<String, Object> config) {
        List<DomainConfigOption> out = new ArrayList<>();
        config.forEach((group, options) -> ((Map<String, Object>) options).forEach((option, value) ->
                out.add(new DomainConfigOption(group, option, value,
                        DomainConfigDefaults.SENSITIVE.get(group).contains(option)))));
        return out;
    }

    /** Something must be given, each group must be a non-empty object, and every option supported. */
    private static void requireValidConfig(Map<String, Object> config) {
        if (config == null || config.isEmpty()) {
            throw invalid("No options specified");
        }
        config.forEach((group, options) -> {
            if (!(options instanceof Map<?, ?> m) || m.isEmpty()) {
                throw invalid("The value of group " + group + " specified in the config should be a dictionary of "
                        + "options");
            }
            m.keySet().forEach(option -> requireValidGroupAndOption(group, (String) option));
        });
    }

    private static void requireValidGroupAndOption(String group, String option) {
        if (group == null) {
            return;
        }
        if (!DomainConfigDefaults.WHITELISTED.containsKey(group)) {
            throw invalid("Group " + group + " is not supported for domain specific configurations");
        }
        if (option != null && !DomainConfigDefaults.WHITELISTED.get(group).contains(option)
                && !DomainConfigDefaults.SENSITIVE.get(group).contains(option)) {
            throw invalid("Option " + option + " in group " + group + " is not supported for domain specific "
                    + "configurations");
        }
    }

    private static ServiceException invalid(String reason) {
        return ServiceException.forbidden("Invalid domain specific configuration: " + reason + ".");
    }

    private static ServiceException notFound(String domainId, String group, String option) {
        String what = option != null ? "option " + option + " in group " + group
                : group != null ? "group " + group : "any options";
        return ServiceException.notFound("Could not find " + what + " in domain configuration for domain "
                + domainId + ".");
    }
}
