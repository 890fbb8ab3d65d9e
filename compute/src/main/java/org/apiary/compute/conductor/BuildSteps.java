package org.apiary.compute.conductor;

import static org.apiary.compute.domain.VmStates.Task;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.apiary.compute.domain.ActionRecord;
import org.apiary.compute.domain.RequestedNetwork;
import org.apiary.compute.domain.Server;
import org.apiary.compute.domain.ServerChange;
import org.apiary.compute.domain.TaskExpectation;
import org.apiary.compute.domain.Vif;
import org.apiary.compute.domain.VmStates;
import org.apiary.compute.domain.external.NetworkApi;
import org.apiary.compute.domain.external.PlacementApi;
import org.apiary.compute.rpc.ComputeAgentRpc;
import org.apiary.compute.rpc.GuestStatus;
import org.apiary.compute.rpc.PowerState;
import org.apiary.compute.scheduler.HostCatalog;
import org.apiary.compute.scheduler.Scheduler;
import org.apiary.compute.store.MigrationStore;
import org.apiary.compute.store.ServerStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Build and delete, step by step: scheduling (claim) → networking (ports) → spawning (the host)
 * → active; deleting tears down in the reverse order. Each step can run twice safely.
 */
public final class BuildSteps {
    private static final Logger LOG = LoggerFactory.getLogger(BuildSteps.class);

    private final ServerStore servers;
    private final Events events;
    private final MigrationStore migrations;
    private final Scheduler scheduler;
    private final PlacementApi placement;
    private final NetworkApi networks;
    private final HostCatalog hosts;
    private final Function<String, ComputeAgentRpc> agents;

    public BuildSteps(ServerStore servers, Events events, MigrationStore migrations, Scheduler scheduler,
                      PlacementApi placement, NetworkApi networks, HostCatalog hosts,
                      Function<String, ComputeAgentRpc> agents) {
        this.servers = servers;
        this.events = events;
        this.migrations = migrations;
        this.scheduler = scheduler;
        this.placement = placement;
        this.networks = networks;
        this.hosts = hosts;
        this.agents = agents;
    }

    boolean schedule(Server s) {
        events.start(s, "conductor_schedule_and_build_instances");
        PlacementApi.Holding held = placement.allocations(s.uuid());
        String host;
        String node;
        String zone;
        if (!held.allocations().isEmpty()) {
            // A previous run claimed before it could record the host: keep that claim.
            HostCatalog.HostState h = hostOfProviders(held.allocations().keySet());
            host = h.host();
            node = h.node();
            zone = h.zone();
        } else {
            Scheduler.Selection sel = scheduler.select(s, s.flavor(), s.uuid(), null, List.of());
            host = sel.host();
            node = sel.node();
            zone = sel.zone();
        }
        // As Nova, the server records the zone it landed in and keeps it: later moves stay in that zone.
        if (s.availabilityZone() != null) {
            zone = s.availabilityZone();
        }
        ActionRecord scheduled = events.succeeded(s, "conductor_schedule_and_build_instances", false);
        // The ports follow at once and are recorded in the same write as the host: one write fewer per
        // build. A restart in between finds the claim (above) and the ports (portsOf) and carries on.
        events.start(s, "compute_build_and_run_instance", host);
        List<Vif> vifs = ports(s, host, zone);
        return moved(s, ServerChange.of().host(host).node(node).availabilityZone(zone).networkInfo(vifs)
                .taskState(Task.SPAWNING), scheduled, true);
    }

    private HostCatalog.HostState hostOfProviders(Set<String> providers) {
        for (HostCatalog.HostState h : hosts.hosts()) {
            if (providers.contains(h.nodeUuid())) {
                return h;
            }
        }
        throw new StepFailed("The server's allocation is on a provider no compute host reports.");
    }

    /** Servers recorded by an older conductor between scheduling and ports (task_state networking). */
    boolean plug(Server s) {
        events.start(s, "compute_build_and_run_instance");
        return moved(s, ServerChange.of().networkInfo(ports(s, s.host(), zone(s))).taskState(Task.SPAWNING));
    }

    private List<Vif> ports(Server s, String host, String zone) {
        List<Vif> existing = networks.portsOf(s.uuid());
        Set<String> used = new HashSet<>();
        List<Vif> vifs = new ArrayList<>();
        for (RequestedNetwork r : s.requestSpec().networks()) {
            Vif vif;
            if (r.portId() != null) {
                vif = existing.stream().filter(v -> v.portId().equals(r.portId())).findFirst()
                        .orElseGet(() -> networks.bindPort(r.portId(), s.uuid(), host, zone, r.tag()));
                vif = asUsers(vif);
            } else {
                vif = existing.stream()
                        .filter(v -> v.networkId().equals(r.networkId()) && !used.contains(v.portId())
                                && !isUserPort(s, v.portId()))
                        .findFirst()
                        .orElseGet(() -> networks.createPort(s.uuid(), s.projectId(), r.networkId(), r.fixedIp(),
                                s.requestSpec().securityGroups(), host, zone, r.tag()));
            }
            used.add(vif.portId());
            vifs.add(vif);
        }
        return vifs;
    }

    private static Vif asUsers(Vif v) {
        return new Vif(v.portId(), v.networkId(), v.networkName(), v.macAddress(), v.mtu(), v.ips(), false, v.tag());
    }

    private static boolean isUserPort(Server s, String portId) {
        return s.requestSpec().networks().stream().anyMatch(r -> portId.equals(r.portId()));
    }

    boolean spawn(Server s) {
        GuestStatus status = agents.apply(s.host()).spawn(GuestSpecs.of(s));
        if (status.powerState() != PowerState.RUNNING) {
            throw new StepFailed("The host could not start the guest: "
                    + (status.detail() == null ? status.powerState() : status.detail()));
        }
        return moved(s, ServerChange.of().vmState(VmStates.ACTIVE).taskState(null)
                .powerState(PowerState.RUNNING.code()).launchedAt(System.currentTimeMillis()),
                events.succeeded(s, "compute_build_and_run_instance", true), false);
    }

    boolean delete(Server s) {
        events.start(s, "compute_terminate_instance");
        if (s.host() != null) {
            destroyGuest(s);
        }
        releasePorts(s);
        placement.release(s.uuid());
        migrations.list(s.uuid()).forEach(m -> placement.release(m.uuid()));
        long now = System.currentTimeMillis();
        moved(s, ServerChange.of().vmState(VmStates.DELETED).taskState(null).powerState(0).terminatedAt(now)
                .deletedAt(now), events.succeeded(s, "compute_terminate_instance", true), false);
        return false;
    }

    /**
     * A host that is down cannot answer; the server is deleted locally as Nova does, and the host's
     * agent removes the guest when it comes back (it destroys guests no server is assigned to).
     */
    private void destroyGuest(Server s) {
        boolean up = hosts.hosts().stream().anyMatch(h -> h.host().equals(s.host()) && h.up());
        if (!up) {
            LOG.info("host {} of server {} is down: deleting locally", s.host(), s.uuid());
            return;
        }
        agents.apply(s.host()).destroy(s.uuid());
    }

    /** Ports compute created go; ports the user gave are unbound and stay. */
    private void releasePorts(Server s) {
        for (Vif v : networks.portsOf(s.uuid())) {
            if (isUserPort(s, v.portId())) {
                networks.unbindPort(v.portId());
            } else {
                networks.deletePort(v.portId());
            }
        }
    }

    /** A build that failed gives back what it took: the guest, the ports, the claim. Best effort, logged. */
    void abandon(Server s) {
        try {
            if (s.host() != null) {
                destroyGuest(s);
            }
        } catch (RuntimeException e) {
            LOG.warn("server {}: could not remove the guest of a failed build: {}", s.uuid(), e.toString());
        }
        try {
            releasePorts(s);
        } catch (RuntimeException e) {
            LOG.warn("server {}: could not release the ports of a failed build: {}", s.uuid(), e.toString());
        }
        placement.release(s.uuid());
    }

    private static String zone(Server s) {
        return s.availabilityZone() == null ? "nova" : s.availabilityZone();
    }

    /** Moves the task on if nobody else did (a delete may have overtaken the build). */
    private boolean moved(Server s, ServerChange change) {
        return moved(s, change, null, false);
    }

    /**
     * Moves the task on and records the step's {@code event} in the same write; when the move does
     * not apply, the event is written alone if {@code evenIfNotMoved} (the step's work was done).
     */
    private boolean moved(Server s, ServerChange change, ActionRecord event, boolean evenIfNotMoved) {
        if (servers.apply(s.uuid(), TaskExpectation.of(s.taskState()), change, event)) {
            return true;
        }
        if (evenIfNotMoved) {
            events.write(s, event);
        }
        return false;
    }
}
