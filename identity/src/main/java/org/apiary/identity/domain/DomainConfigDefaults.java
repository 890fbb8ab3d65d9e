package org.apiary.identity.domain;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The options a domain configuration may hold (Keystone's DomainConfigManager whitelisted and
 * sensitive options) and the defaults GET /v3/domains/config/.../default shows: Keystone 22's
 * keystone.conf defaults. Apiary has no LDAP driver, so for ldap these are what the options mean
 * when a domain configuration leaves them out; identity.driver is "sql", which is what Apiary runs.
 */
final class DomainConfigDefaults {
    /** Group → options that may be stored and shown, in Keystone's order. */
    static final Map<String, List<String>> WHITELISTED = new LinkedHashMap<>();
    /** Group → options that may be stored but are never shown. */
    static final Map<String, List<String>> SENSITIVE = Map.of("identity", List.of(), "ldap", List.of("password"));

    private static final Map<String, Object> VALUES = new HashMap<>();

    static {
        put("identity", "driver", "sql");
        put("identity", "list_limit", null);
        put("ldap", "url", "ldap://localhost");
        put("ldap", "user", null);
        put("ldap", "suffix", "cn=example,cn=com");
        put("ldap", "query_scope", "one");
        put("ldap", "page_size", 0);
        put("ldap", "alias_dereferencing", "default");
        put("ldap", "debug_level", null);
        put("ldap", "chase_referrals", null);
        put("ldap", "user_tree_dn", null);
        put("ldap", "user_filter", null);
        put("ldap", "user_objectclass", "inetOrgPerson");
        put("ldap", "user_id_attribute", "cn");
        put("ldap", "user_name_attribute", "sn");
        put("ldap", "user_mail_attribute", "mail");
        put("ldap", "user_description_attribute", "description");
        put("ldap", "user_pass_attribute", "userPassword");
        put("ldap", "user_enabled_attribute", "enabled");
        put("ldap", "user_enabled_invert", false);
        put("ldap", "user_enabled_mask", 0);
        put("ldap", "user_enabled_default", "True");
        put("ldap", "user_attribute_ignore", List.of("default_project_id"));
        put("ldap", "user_default_project_id_attribute", null);
        put("ldap", "user_enabled_emulation", false);
        put("ldap", "user_enabled_emulation_dn", null);
        put("ldap", "user_enabled_emulation_use_group_config", false);
        put("ldap", "user_additional_attribute_mapping", List.of());
        put("ldap", "group_tree_dn", null);
        put("ldap", "group_filter", null);
        put("ldap", "group_objectclass", "groupOfNames");
        put("ldap", "group_id_attribute", "cn");
        put("ldap", "group_name_attribute", "ou");
        put("ldap", "group_members_are_ids", false);
        put("ldap", "group_member_attribute", "member");
        put("ldap", "group_desc_attribute", "description");
        put("ldap", "group_attribute_ignore", List.of());
        put("ldap", "group_additional_attribute_mapping", List.of());
        put("ldap", "tls_cacertfile", null);
        put("ldap", "tls_cacertdir", null);
        put("ldap", "use_tls", false);
        put("ldap", "tls_req_cert", "demand");
        put("ldap", "use_pool", true);
        put("ldap", "pool_size", 10);
        put("ldap", "pool_retry_max", 3);
        put("ldap", "pool_retry_delay", 0.1);
        put("ldap", "pool_connection_timeout", -1);
        put("ldap", "pool_connection_lifetime", 600);
        put("ldap", "use_auth_pool", true);
        put("ldap", "auth_pool_size", 100);
        put("ldap", "auth_pool_connection_lifetime", 60);
    }

    private DomainConfigDefaults() {}

    static Object value(String group, String option) {
        return VALUES.get(group + "." + option);
    }

    private static void put(String group, String option, Object value) {
        WHITELISTED.computeIfAbsent(group, g -> new ArrayList<>()).add(option);
        VALUES.put(group + "." + option, value);
    }
}
