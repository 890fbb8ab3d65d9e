package org.apiary.compute;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apiary.common.config.Config;
import org.apiary.common.microversion.Microversion;
import org.apiary.common.microversion.VersionNegotiation;
import org.apiary.common.policy.PolicyEngine;
import org.apiary.compute.api.Authz;
import org.apiary.compute.api.ComputePolicies;
import org.apiary.compute.api.ExtensionsResource;
import org.apiary.compute.api.FlavorExtrasResource;
import org.apiary.compute.api.FlavorsResource;
import org.apiary.compute.api.HostsResource;
import org.apiary.compute.api.KeypairsResource;
import org.apiary.compute.api.NovaErrors;
import org.apiary.compute.api.NovaRoutes;
import org.apiary.compute.api.ProjectVerifier;
import org.apiary.compute.api.QuotaClassSetsResource;
import org.apiary.compute.api.QuotaSetsResource;
import org.apiary.compute.api.RootResource;
import org.apiary.compute.api.ServerGroupsResource;
import org.apiary.compute.domain.ExtraSpecValidator;
import org.apiary.compute.domain.FlavorService;
import org.apiary.compute.domain.KeypairService;
import org.apiary.compute.domain.QuotaService;
import org.apiary.compute.domain.ServerGroupService;
import org.apiary.compute.store.sql.SqlFlavorStore;
import org.apiary.compute.store.sql.SqlKeypairStore;
import org.apiary.compute.store.sql.SqlQuotaStore;
import org.apiary.compute.store.sql.SqlServerGroupStore;
import org.apiary.http.ApiService;
import org.apiary.http.RouteTable;
import org.apiary.store.Database;

/**
 * Composition root of the compute API (Nova v2.1), part 1: flavors, keypairs, quotas and limits,
 * server groups, and the host-dependent lists. The database must have been migrated
 * ({@code db.migrate("compute")}).
 */
public final class ComputeModule {
    public static final Microversion MIN_VERSION = new Microversion(2, 1);
    public static final Microversion MAX_VERSION = new Microversion(2, 93);
    public static final String LEGACY_HEADER = "X-OpenStack-Nova-API-Version";

    private final Database database;
    private final RouteTable routes = new RouteTable();
    private final NovaErrors errors = new NovaErrors();
    private final PolicyEngine policy;
    private final ProjectVerifier projects = new ProjectVerifier();

    public ComputeModule(Config config, Database database) throws IOException {
        this.database = database;
        String policyFile = config.get(ComputeOptions.POLICY_FILE);
        this.policy = new PolicyEngine(ComputePolicies.DEFAULTS)
                .withOverrides(policyFile == null ? null : Path.of(policyFile));
        int maxLimit = config.get(ComputeOptions.MAX_LIMIT);
        SqlKeypairStore keypairStore = new SqlKeypairStore(database);
        SqlServerGroupStore groupStore = new SqlServerGroupStore(database);
        QuotaService quotas = new QuotaService(new SqlQuotaStore(database), keypairStore, groupStore,
                quotaDefaults(config));
        FlavorService flavors = new FlavorService(new SqlFlavorStore(database), ExtraSpecValidator.fromUpstreamTable());
        Authz authz = new Authz(policy);

        // The one route table (upstream nova/api/openstack/compute/routes.py), resource by resource.
        NovaRoutes table = new NovaRoutes(routes, errors);
        new RootResource(MIN_VERSION, MAX_VERSION).register(table);
        FlavorsResource flavorsResource = new FlavorsResource(flavors, authz, maxLimit);
        flavorsResource.register(table);
        new FlavorExtrasResource(flavors, flavorsResource, authz, projects).register(table);
        new KeypairsResource(new KeypairService(keypairStore), quotas, authz, maxLimit).register(table);
        new QuotaSetsResource(quotas, authz, projects).register(table);
        new QuotaClassSetsResource(quotas, authz).register(table);
        new ServerGroupsResource(new ServerGroupService(groupStore), quotas, authz, maxLimit).register(table);
        new HostsResource(authz).register(table);
        new ExtensionsResource(authz).register(table);
    }

    private static Map<String, Integer> quotaDefaults(Config c) {
        return Map.ofEntries(Map.entry("instances", c.get(ComputeOptions.QUOTA_INSTANCES)),
                Map.entry("cores", c.get(ComputeOptions.QUOTA_CORES)), Map.entry("ram", c.get(ComputeOptions.QUOTA_RAM)),
                Map.entry("metadata_items", c.get(ComputeOptions.QUOTA_METADATA_ITEMS)),
                Map.entry("injected_files", c.get(ComputeOptions.QUOTA_INJECTED_FILES)),
                Map.entry("injected_file_content_bytes", c.get(ComputeOptions.QUOTA_INJECTED_FILE_CONTENT_BYTES)),
                Map.entry("injected_file_path_bytes", c.get(ComputeOptions.QUOTA_INJECTED_FILE_PATH_LENGTH)),
                Map.entry("key_pairs", c.get(ComputeOptions.QUOTA_KEY_PAIRS)),
                Map.entry("server_groups", c.get(ComputeOptions.QUOTA_SERVER_GROUPS)),
                Map.entry("server_group_members", c.get(ComputeOptions.QUOTA_SERVER_GROUP_MEMBERS)),
                // Nova's network-era quotas are still reported before 2.36, with its defaults.
                Map.entry("fixed_ips", -1), Map.entry("floating_ips", 10), Map.entry("security_groups", 10),
                Map.entry("security_group_rules", 20));
    }

    /**
     * The compute API for the shared HTTP server. {@code authenticateUri} is Keystone's v3 URL:
     * project ids in flavor access and quota calls are checked against it, as Nova does.
     */
    public ApiService service(String authenticateUri) {
        projects.useKeystone(authenticateUri);
        return new ApiService("compute", routes, errors,
                List.of(() -> database.ping() ? Optional.empty() : Optional.of("database unreachable")),
                authenticateUri, new VersionNegotiation("compute", MIN_VERSION, MAX_VERSION, LEGACY_HEADER));
    }

    public PolicyEngine policy() {
        return policy;
    }
}
