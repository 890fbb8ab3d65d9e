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
import org.apiary.compute.api.AggregatesResource;
import org.apiary.compute.api.AvailabilityZonesResource;
import org.apiary.compute.api.HypervisorsResource;
import org.apiary.compute.api.MigrationsResource;
import org.apiary.compute.api.ServicesResource;
import org.apiary.compute.api.InstanceUsageAuditLogResource;
import org.apiary.compute.api.SimpleTenantUsageResource;
import org.apiary.compute.api.KeypairsResource;
import org.apiary.compute.api.NovaErrors;
import org.apiary.compute.api.NovaRoutes;
import org.apiary.compute.api.ProjectVerifier;
import org.apiary.compute.api.QuotaClassSetsResource;
import org.apiary.compute.api.QuotaSetsResource;
import org.apiary.compute.api.RootResource;
import org.apiary.compute.api.ServerGroupsResource;
import org.apiary.compute.api.ServerResources;
import org.apiary.compute.domain.AggregateService;
import org.apiary.compute.domain.ExtraSpecValidator;
import org.apiary.compute.domain.Flavor;
import org.apiary.compute.domain.FlavorService;
import org.apiary.compute.domain.HostService;
import org.apiary.compute.domain.KeypairService;
import org.apiary.compute.domain.MigrationListing;
import org.apiary.compute.domain.QuotaService;
import org.apiary.compute.domain.SecurityGroupProxy;
import org.apiary.compute.domain.ServerGroupService;
import org.apiary.compute.domain.ServerTags;
import org.apiary.compute.domain.TenantUsageService;
import org.apiary.compute.domain.UsageAuditLog;
import org.apiary.compute.store.sql.SqlUsageStore;
import org.apiary.compute.store.sql.SqlAggregateStore;
import org.apiary.compute.store.sql.SqlConsoleStore;
import org.apiary.compute.store.sql.SqlFlavorStore;
import org.apiary.compute.store.sql.SqlHostStore;
import org.apiary.compute.store.sql.SqlHostedServers;
import org.apiary.compute.store.sql.SqlKeypairStore;
import org.apiary.compute.store.sql.SqlMigrationStore;
import org.apiary.compute.store.sql.SqlQuotaStore;
import org.apiary.compute.store.sql.SqlServerGroupStore;
import org.apiary.compute.store.sql.SqlServerStore;
import org.apiary.compute.store.sql.SqlSnapshotStore;
import org.apiary.compute.store.sql.SqlActionStore;
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
    private final HostService hosts;
    private final ServerRuntime runtime;
    private final FlavorService flavorService;

    /** Without servers: flavors, keypairs, quotas, groups and hosts only (tests of those APIs). */
    public ComputeModule(Config config, Database database) throws IOException {
        this(config, database, null);
    }

    /** With servers when {@code externals} is given: the scheduler and conductor run in this process. */
    public ComputeModule(Config config, Database database, ComputeExternals externals) throws IOException {
        this.database = database;
        String policyFile = config.get(ComputeOptions.POLICY_FILE);
        this.policy = new PolicyEngine(ComputePolicies.DEFAULTS)
                .withOverrides(policyFile == null ? null : Path.of(policyFile));
        int maxLimit = config.get(ComputeOptions.MAX_LIMIT);
        SqlKeypairStore keypairStore = new SqlKeypairStore(database);
        SqlServerStore serverStore = new SqlServerStore(database);
        SqlServerGroupStore groupStore = new SqlServerGroupStore(database);
        QuotaService quotas = new QuotaService(new SqlQuotaStore(database), keypairStore, groupStore, serverStore,
                quotaDefaults(config));
        SqlFlavorStore flavorStore = new SqlFlavorStore(database);
        FlavorService flavors = new FlavorService(flavorStore, ExtraSpecValidator.fromUpstreamTable());
        SqlMigrationStore migrationStore = new SqlMigrationStore(database);
        SqlHostedServers hosted = new SqlHostedServers(database);
        SqlHostStore hostStore = new SqlHostStore(database);
        SqlAggregateStore aggregateStore = new SqlAggregateStore(database);
        this.hosts = new HostService(hostStore, migrationStore,
                new HostService.Lookups(hosted::any, hosted::on, host -> hostUsage(serverStore, host)),
                new HostService.Settings(config.get(ComputeOptions.SERVICE_DOWN_TIME),
                        config.get(ComputeOptions.DEFAULT_AVAILABILITY_ZONE), controllerHost()),
                System::currentTimeMillis, aggregateStore::zonesByHost);
        AggregateService aggregates = new AggregateService(aggregateStore, hostStore, hosted::any,
                externals == null ? null : externals.placement(), System::currentTimeMillis);
        Authz authz = new Authz(policy);
        this.flavorService = flavors;
        ServerGroupService groups = new ServerGroupService(groupStore);
        KeypairService keypairs = new KeypairService(keypairStore);
        this.runtime = externals == null ? null : new ServerRuntime(config, externals, serverStore,
                new SqlActionStore(database), migrationStore, new SqlSnapshotStore(database), hosts, quotas, flavors,
                keypairs, groups,
                new SqlConsoleStore(database));

        // The one route table (upstream nova/api/openstack/compute/routes.py), resource by resource.
        NovaRoutes table = new NovaRoutes(routes, errors);
        new RootResource(MIN_VERSION, MAX_VERSION).register(table);
        FlavorsResource flavorsResource = new FlavorsResource(flavors, authz, maxLimit);
        flavorsResource.register(table);
        new FlavorExtrasResource(flavors, flavorsResource, authz, projects).register(table);
        new KeypairsResource(keypairs, quotas, authz, maxLimit).register(table);
        new QuotaSetsResource(quotas, authz, projects).register(table);
        new QuotaClassSetsResource(quotas, authz).register(table);
        new ServerGroupsResource(groups, quotas, authz, maxLimit).register(table);
        if (runtime != null) {
            ServerResources.register(table, runtime.servers(), new ServerTags(serverStore), hosts, runtime.consoles(),
                    new SecurityGroupProxy(externals.network()), authz, maxLimit);
        }
        new AvailabilityZonesResource(hosts, authz).register(table);
        new AggregatesResource(aggregates, authz).register(table);
        new HypervisorsResource(hosts, authz, maxLimit).register(table);
        new ServicesResource(hosts, authz).register(table);
        new MigrationsResource(new MigrationListing(migrationStore), hosts,
                flavorId -> flavorStore.find(flavorId).map(Flavor::id).orElse(null), authz, maxLimit).register(table);
        new SimpleTenantUsageResource(new TenantUsageService(new SqlUsageStore(database), java.time.Instant::now),
                authz, maxLimit).register(table);
        new InstanceUsageAuditLogResource(new UsageAuditLog(hosts,
                () -> java.time.LocalDateTime.now(java.time.ZoneOffset.UTC)), authz).register(table);
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
                authenticateUri, new VersionNegotiation("compute", MIN_VERSION, MAX_VERSION, LEGACY_HEADER))
                .withRequestIdAlias("x-compute-request-id");
    }

    /** What the servers on a host use, from their flavors (os-hypervisors *_used). */
    private static HostService.Usage hostUsage(SqlServerStore servers, String host) {
        int vcpus = 0;
        long ram = 0;
        long disk = 0;
        var onHost = servers.onHost(host);
        for (var s : onHost) {
            vcpus += s.flavor().vcpus();
            ram += s.flavor().memoryMb();
            disk += s.flavor().rootGb() + s.flavor().ephemeralGb();
        }
        // Nova's current_workload: servers with a task in progress.
        int busy = (int) onHost.stream().filter(s -> s.taskState() != null).count();
        return new HostService.Usage(vcpus, ram, disk, busy);
    }

    public FlavorService flavors() {
        return flavorService;
    }

    /** The servers runtime (scheduler, conductor, agents' endpoint), or null when built without servers. */
    public ServerRuntime servers() {
        return runtime;
    }

    /** Compute services and nodes: the conductor's heartbeat handler calls {@link HostService#report}. */
    public HostService hosts() {
        return hosts;
    }

    /** The controller's own services (scheduler, conductor) are listed under this machine's name. */
    private static String controllerHost() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            return "localhost";
        }
    }

    public PolicyEngine policy() {
        return policy;
    }
}
