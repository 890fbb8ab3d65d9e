package org.apiary.placement.api;

import java.util.ArrayList;
import java.util.List;
import org.apiary.common.policy.RuleDefault;

/**
 * Placement's policy defaults (placement/policies/*.py) as Zed enforces them by default
 * (enforce_new_defaults=False): each new system-scoped rule OR its deprecated "role:admin", so an
 * admin of any scope may do everything and a system reader may read. The "service" role is
 * accepted beside admin so that Nova's service user needs no admin grant.
 */
public final class PlacementPolicies {
    private PlacementPolicies() {}

    static final String ADMIN = "rule:system_admin_api";
    static final String READER = "rule:system_reader_api";
    static final String PROJECT_OR_SYSTEM_READER = "rule:system_or_project_reader";

    public static final List<RuleDefault> DEFAULTS = defaults();

    private static List<RuleDefault> defaults() {
        List<RuleDefault> r = new ArrayList<>();
        r.add(new RuleDefault("admin_api", "role:admin", "Default rule for most placement APIs (deprecated)."));
        r.add(new RuleDefault("system_admin_api", "(role:admin and system_scope:all) or role:admin or role:service",
                "Default rule for System Admin APIs."));
        r.add(new RuleDefault("system_reader_api", "(role:reader and system_scope:all) or rule:system_admin_api",
                "Default rule for System level read only APIs."));
        r.add(new RuleDefault("project_reader_api", "(role:reader and project_id:%(project_id)s) or "
                + "rule:system_admin_api", "Default rule for Project level read only APIs."));
        r.add(new RuleDefault("system_or_project_reader", "rule:system_reader_api or rule:project_reader_api",
                "Default rule for System+Project read only APIs."));
        for (String rp : List.of("resource_providers", "resource_classes", "resource_providers:inventories")) {
            crud(r, "placement:" + rp);
        }
        r.add(rule("placement:resource_providers:aggregates:list", READER));
        r.add(rule("placement:resource_providers:aggregates:update", ADMIN));
        r.add(rule("placement:resource_providers:usages", READER));
        r.add(rule("placement:usages", PROJECT_OR_SYSTEM_READER));
        r.add(rule("placement:traits:list", READER));
        r.add(rule("placement:traits:show", READER));
        r.add(rule("placement:traits:update", ADMIN));
        r.add(rule("placement:traits:delete", ADMIN));
        r.add(rule("placement:resource_providers:traits:list", READER));
        r.add(rule("placement:resource_providers:traits:update", ADMIN));
        r.add(rule("placement:resource_providers:traits:delete", ADMIN));
        r.add(rule("placement:allocations:manage", ADMIN));
        r.add(rule("placement:allocations:list", READER));
        r.add(rule("placement:allocations:update", ADMIN));
        r.add(rule("placement:allocations:delete", ADMIN));
        r.add(rule("placement:resource_providers:allocations:list", READER));
        r.add(rule("placement:allocation_candidates:list", READER));
        r.add(rule("placement:reshaper:reshape", ADMIN));
        r.add(rule("placement:reset", "role:admin"));
        return List.copyOf(r);
    }

    private static void crud(List<RuleDefault> r, String prefix) {
        r.add(rule(prefix + ":list", READER));
        r.add(rule(prefix + ":create", ADMIN));
        r.add(rule(prefix + ":show", READER));
        r.add(rule(prefix + ":update", ADMIN));
        r.add(rule(prefix + ":delete", ADMIN));
    }

    private static RuleDefault rule(String name, String check) {
        return new RuleDefault(name, check, name);
    }
}
