package org.apiary.compute.domain;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apiary.common.error.ServiceException;
import org.apiary.compute.store.KeypairStore;
import org.apiary.compute.store.QuotaStore;
import org.apiary.compute.store.ServerGroupStore;
import org.apiary.compute.store.ServerStore;

/**
 * Nova's DB quota driver: defaults from configuration, project limits over them, user limits
 * over the project's; usage counted from the resources themselves. Servers do not exist yet in
 * this part of the service, so instances, cores, ram and group members are used 0.
 */
public final class QuotaService {
    /** Every resource Nova's QuotaEngine knows, in its (sorted) order. */
    public static final List<String> RESOURCES = List.of("cores", "fixed_ips", "floating_ips",
            "injected_file_content_bytes", "injected_file_path_bytes", "injected_files", "instances", "key_pairs",
            "metadata_items", "ram", "security_group_rules", "security_groups", "server_group_members",
            "server_groups");

    /** One resource's limit and use, as the detail view shows it. */
    public record Usage(int limit, int inUse, int reserved) {}

    private final QuotaStore store;
    private final KeypairStore keypairs;
    private final ServerGroupStore groups;
    private final ServerStore servers;
    private final Map<String, Integer> defaults;

    public QuotaService(QuotaStore store, KeypairStore keypairs, ServerGroupStore groups, ServerStore servers,
                        Map<String, Integer> defaults) {
        this.store = store;
        this.keypairs = keypairs;
        this.groups = groups;
        this.servers = servers;
        this.defaults = new TreeMap<>(defaults);
    }

    /** The configured defaults, overridden by the quota class named "default". */
    public Map<String, Integer> defaults() {
        Map<String, Integer> m = new TreeMap<>(defaults);
        m.putAll(store.classLimits("default"));
        return m;
    }

    /** A quota class: the configured defaults overridden by the class's own limits. */
    public Map<String, Integer> classLimits(String className) {
        Map<String, Integer> m = new TreeMap<>(defaults);
        m.putAll(store.classLimits(className));
        return m;
    }

    public void updateClass(String className, Map<String, Integer> limits) {
        limits.forEach((r, v) -> store.setClassLimit(className, r, v));
    }

    /** The project's limits, or one user's in it when {@code userId} is set. */
    public Map<String, Integer> limits(String projectId, String userId) {
        Map<String, Integer> m = defaults();
        m.putAll(store.limits(projectId, ""));
        if (userId != null) {
            m.putAll(store.limits(projectId, userId));
        }
        return m;
    }

    public int limit(String projectId, String userId, String resource) {
        return limits(projectId, userId).get(resource);
    }

    public Map<String, Usage> usages(String projectId, String userId) {
        Map<String, Usage> out = new LinkedHashMap<>();
        limits(projectId, userId).forEach((r, l) -> out.put(r, new Usage(l, inUse(projectId, userId, r), 0)));
        return out;
    }

    /**
     * Key pairs are counted per user: a project-wide view shows none in use, as upstream. Servers,
     * cores and RAM are counted from the servers not deleted (of the user when one is given).
     */
    public int inUse(String projectId, String userId, String resource) {
        return switch (resource) {
            case "key_pairs" -> userId == null ? 0 : keypairs.count(userId);
            case "server_groups" -> groups.count(projectId);
            case "instances" -> servers.usage(projectId, userId).instances();
            case "cores" -> (int) servers.usage(projectId, userId).cores();
            case "ram" -> (int) servers.usage(projectId, userId).ramMb();
            default -> 0;
        };
    }

    /**
     * Sets limits; unless {@code force}, each must be at least what is in use and, for a user,
     * at most the project's limit (-1 is unlimited on both sides).
     */
    public void update(String projectId, String userId, Map<String, Integer> requested, boolean force) {
        Map<String, Integer> project = limits(projectId, null);
        for (Map.Entry<String, Integer> e : requested.entrySet()) {
            String r = e.getKey();
            int value = e.getValue();
            if (!force) {
                int minimum = inUse(projectId, userId, r);
                int maximum = userId == null ? -1 : project.get(r);
                if (inf(value) < inf(minimum)) {
                    throw ServiceException.badRequest("Quota limit " + value + " for " + r + " must be greater than "
                            + "or equal to already used and reserved " + minimum + ".");
                }
                if (inf(value) > inf(maximum)) {
                    throw ServiceException.badRequest("Quota limit " + value + " for " + r + " must be less than or "
                            + "equal to " + maximum + ".");
                }
            }
        }
        requested.forEach((r, v) -> store.setLimit(projectId, userId == null ? "" : userId, r, v));
    }

    public void delete(String projectId, String userId) {
        store.delete(projectId, userId == null ? "" : userId);
    }

    private static double inf(int v) {
        return v == -1 ? Double.POSITIVE_INFINITY : v;
    }
}
