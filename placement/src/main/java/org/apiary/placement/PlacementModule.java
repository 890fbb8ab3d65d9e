package org.apiary.placement;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.apiary.common.config.Config;
import org.apiary.common.microversion.Microversion;
import org.apiary.common.microversion.VersionNegotiation;
import org.apiary.common.policy.PolicyEngine;
import org.apiary.http.ApiService;
import org.apiary.http.RouteTable;
import org.apiary.placement.api.AggregatesResource;
import org.apiary.placement.api.AllocationCandidatesResource;
import org.apiary.placement.api.AllocationsResource;
import org.apiary.placement.api.Authz;
import org.apiary.placement.api.InventoriesResource;
import org.apiary.placement.api.PlacementErrors;
import org.apiary.placement.api.PlacementPolicies;
import org.apiary.placement.api.ReshaperResource;
import org.apiary.placement.api.ResetResource;
import org.apiary.placement.api.ResourceClassesResource;
import org.apiary.placement.api.ResourceProvidersResource;
import org.apiary.placement.api.RootResource;
import org.apiary.placement.api.Routes;
import org.apiary.placement.api.TraitsResource;
import org.apiary.placement.api.UsagesResource;
import org.apiary.placement.domain.AllocationService;
import org.apiary.placement.domain.CachedProviderSource;
import org.apiary.placement.domain.CatalogService;
import org.apiary.placement.domain.InventoryService;
import org.apiary.placement.domain.ProviderService;
import org.apiary.placement.domain.UsageService;
import org.apiary.placement.domain.candidates.ProviderSource;
import org.apiary.placement.store.sql.SqlAllocationStore;
import org.apiary.placement.store.sql.SqlCatalogStore;
import org.apiary.placement.store.sql.SqlInventoryStore;
import org.apiary.placement.store.sql.SqlProviderStore;
import org.apiary.placement.store.sql.SqlSnapshotStore;
import org.apiary.placement.store.sql.SqlUsageStore;
import org.apiary.store.Database;

/**
 * Composition root of Placement: stores → domain services → resources, one route table. The
 * database must have been migrated ({@code db.migrate("placement")}).
 */
public final class PlacementModule {
    public static final Microversion MIN_VERSION = new Microversion(1, 0);
    public static final Microversion MAX_VERSION = new Microversion(1, 39);

    private final Database database;
    private final RouteTable routes = new RouteTable();
    private final PlacementErrors errors = new PlacementErrors(MIN_VERSION, MAX_VERSION);
    private final ProviderSource providerSource;
    private final PolicyEngine policy;
    private final ProviderService providers;
    private final InventoryService inventories;
    private final CatalogService catalog;
    private final AllocationService allocations;

    public PlacementModule(Config config, Database database) throws IOException {
        this.database = database;
        String policyFile = config.get(PlacementOptions.POLICY_FILE);
        this.policy = new PolicyEngine(PlacementPolicies.DEFAULTS)
                .withOverrides(policyFile == null ? null : Path.of(policyFile));
        Authz authz = new Authz(policy);
        SqlSnapshotStore snapshots = new SqlSnapshotStore(database);
        this.providerSource = new CachedProviderSource(snapshots);
        SqlCatalogStore catalogStore = new SqlCatalogStore(database);
        this.providers = new ProviderService(new SqlProviderStore(database));
        this.inventories = new InventoryService(new SqlInventoryStore(database));
        this.catalog = new CatalogService(catalogStore);
        this.allocations = new AllocationService(new SqlAllocationStore(database), catalogStore,
                config.get(PlacementOptions.INCOMPLETE_CONSUMER_PROJECT_ID),
                config.get(PlacementOptions.INCOMPLETE_CONSUMER_USER_ID));

        // The one route table (upstream handler.py ROUTE_DECLARATIONS), resource by resource.
        Routes table = new Routes(routes, errors);
        new RootResource(MIN_VERSION, MAX_VERSION).register(table);
        new ResourceProvidersResource(providers, authz).register(table);
        new InventoriesResource(inventories, providers, authz).register(table);
        new UsagesResource(new UsageService(new SqlUsageStore(database)), providers, authz).register(table);
        new AggregatesResource(providers, authz).register(table);
        new AllocationsResource(allocations, authz).register(table);
        // The candidates engine reads the cached snapshot, never the database directly.
        new AllocationCandidatesResource(providerSource, policy).register(routes);
        new ResourceClassesResource(catalog, authz).register(table);
        new TraitsResource(catalog, providers, authz).register(table);
        new ReshaperResource(allocations, authz).register(table);
        if (config.get(PlacementOptions.ALLOW_RESET)) {
            new ResetResource(snapshots::reset, authz).register(table);
        }
        table.install();
    }

    /** The Placement API for the shared HTTP server. */
    public ApiService service(String authenticateUri) {
        return new ApiService("placement", routes, errors,
                List.of(() -> database.ping() ? Optional.empty() : Optional.of("database unreachable")),
                authenticateUri, new VersionNegotiation("placement", MIN_VERSION, MAX_VERSION, null));
    }

    /** The in-memory, change-counter-checked view of all providers the candidates engine reads. */
    public ProviderSource providerSource() {
        return providerSource;
    }

    public PolicyEngine policy() {
        return policy;
    }

    // The domain services, for in-process callers (the compute bridges in the server module).

    public ProviderService providers() {
        return providers;
    }

    public InventoryService inventories() {
        return inventories;
    }

    public CatalogService catalog() {
        return catalog;
    }

    public AllocationService allocations() {
        return allocations;
    }
}
