package org.apiary.compute;

import java.util.List;
import org.apiary.common.config.Config;
import org.apiary.compute.conductor.ActionSteps;
import org.apiary.compute.conductor.BuildSteps;
import org.apiary.compute.conductor.ConductorEndpoint;
import org.apiary.compute.conductor.ConductorService;
import org.apiary.compute.conductor.Events;
import org.apiary.compute.conductor.SnapshotSteps;
import org.apiary.compute.domain.ConsoleService;
import org.apiary.compute.domain.FlavorService;
import org.apiary.compute.domain.HostService;
import org.apiary.compute.domain.KeypairService;
import org.apiary.compute.domain.QuotaService;
import org.apiary.compute.domain.ServerGroup;
import org.apiary.compute.domain.ServerGroupService;
import org.apiary.compute.domain.ServerService;
import org.apiary.compute.scheduler.HostCatalog;
import org.apiary.compute.scheduler.Scheduler;
import org.apiary.compute.store.ActionStore;
import org.apiary.compute.store.ConsoleStore;
import org.apiary.compute.store.MigrationStore;
import org.apiary.compute.store.ServerStore;
import org.apiary.compute.store.SnapshotStore;

/**
 * The servers half of the compute service, assembled: scheduler, conductor, the API's
 * ServerService, and the endpoint agents call. {@link #start()} resumes servers a previous
 * process left mid-task.
 */
public final class ServerRuntime implements AutoCloseable {
    private final ServerService servers;
    private final ConductorService conductor;
    private final ConductorEndpoint endpoint;
    private final ConsoleService consoles;

    ServerRuntime(Config config, ComputeExternals ext, ServerStore serverStore, ActionStore actionStore,
                  MigrationStore migrationStore, SnapshotStore snapshotStore, HostService hosts, QuotaService quotas,
                  FlavorService flavors, KeypairService keypairs, ServerGroupService groups, ConsoleStore consoleStore) {
        HostCatalog catalog = () -> hosts.nodesWithState().stream()
                .map(e -> new HostCatalog.HostState(e.getKey().host(), e.getKey().hypervisorHostname(),
                        e.getKey().uuid(), e.getValue().zone(), !e.getValue().service().disabled(), e.getValue().up()))
                .toList();
        Scheduler.GroupView groupView = new Scheduler.GroupView() {
            @Override
            public ServerGroup group(String groupUuid) {
                try {
                    return groups.get(groupUuid);
                } catch (RuntimeException e) {
                    return null;
                }
            }

            @Override
            public List<String> memberHosts(String groupUuid, String exceptServer) {
                return serverStore.groupMembers(groupUuid).stream().filter(u -> !u.equals(exceptServer))
                        .map(serverStore::find).flatMap(java.util.Optional::stream)
                        .map(s -> s.host()).filter(h -> h != null).toList();
            }
        };
        Scheduler scheduler = new Scheduler(ext.placement(), catalog, groupView,
                config.get(ComputeOptions.SCHEDULER_MAX_ATTEMPTS));
        Events events = new Events(actionStore);
        BuildSteps build = new BuildSteps(serverStore, events, migrationStore, scheduler, ext.placement(),
                ext.network(), catalog, ext.agents());
        ActionSteps steps = new ActionSteps(serverStore, events, migrationStore, scheduler, ext.placement(),
                ext.network(), ext.agents(), config.get(ComputeOptions.ALLOW_RESIZE_TO_SAME_HOST));
        SnapshotSteps snapshots = new SnapshotSteps(serverStore, actionStore, events, snapshotStore, ext.image(),
                ext.agents());
        this.conductor = new ConductorService(serverStore, actionStore, events, build, steps, snapshots,
                ext.agents());
        this.servers = new ServerService(serverStore, actionStore, migrationStore, quotas, flavors, keypairs, groups,
                ext.image(), ext.network(), conductor, snapshotStore, hosts);
        this.consoles = new ConsoleService(consoleStore, serverStore,
                java.time.Duration.ofSeconds(config.get(ComputeOptions.CONSOLE_TOKEN_TTL)), System::currentTimeMillis);
        this.endpoint = new ConductorEndpoint(hosts, ext.placement(), serverStore, consoles, snapshots);
    }

    public ServerService servers() {
        return servers;
    }

    /** Serial console tokens and the hosts' console proxies. */
    public ConsoleService consoles() {
        return consoles;
    }

    /** What agents call over the bus (serve it on ConductorRpc.TOPIC). */
    public ConductorEndpoint endpoint() {
        return endpoint;
    }

    /** Resumes servers left mid-task; returns how many. */
    public int start() {
        return conductor.recover();
    }

    @Override
    public void close() {
        conductor.close();
    }
}
