package org.apiary.compute.conductor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apiary.compute.domain.ComputeNode;
import org.apiary.compute.domain.ConsoleService;
import org.apiary.compute.domain.HostService;
import org.apiary.compute.domain.Server;
import org.apiary.compute.domain.ServerChange;
import org.apiary.compute.domain.TaskExpectation;
import org.apiary.compute.domain.VmStates;
import org.apiary.compute.domain.external.PlacementApi;
import org.apiary.compute.rpc.AssignedGuest;
import org.apiary.compute.rpc.ConductorRpc;
import org.apiary.compute.rpc.ConsoleTarget;
import org.apiary.compute.rpc.GuestStatus;
import org.apiary.compute.rpc.HostReport;
import org.apiary.compute.rpc.PowerState;
import org.apiary.compute.rpc.SnapshotProgress;
import org.apiary.compute.rpc.SnapshotProgress;
import org.apiary.compute.store.ServerStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The controller's side of the agents' calls: heartbeats keep the service/node rows and the
 * node's resource provider (inventory with reserved amounts and allocation ratios, driver traits),
 * start-up reconciliation gets the host's servers, and power changes behind the API's back are
 * synced as Nova's _sync_instance_power_state does (a guest that stopped by itself → SHUTOFF).
 */
public final class ConductorEndpoint implements ConductorRpc {
    private static final Logger LOG = LoggerFactory.getLogger(ConductorEndpoint.class);

    private final HostService hosts;
    private final PlacementApi placement;
    private final ServerStore servers;
    private final ConsoleService consoles;
    private final SnapshotSteps snapshots;

    public ConductorEndpoint(HostService hosts, PlacementApi placement, ServerStore servers, ConsoleService consoles,
                             SnapshotSteps snapshots) {
        this.hosts = hosts;
        this.placement = placement;
        this.servers = servers;
        this.consoles = consoles;
        this.snapshots = snapshots;
    }

    @Override
    public boolean snapshotProgress(String host, SnapshotProgress progress) {
        return snapshots.progress(host, progress);
    }

    @Override
    public String reportHost(HostReport report) {
        ComputeNode node = hosts.report(report);
        placement.syncProvider(node.uuid(), report.hypervisorHostname(), inventory(report), report.traits());
        return node.uuid();
    }

    /** Placement inventory of a host, as Nova's resource tracker builds it. */
    static Map<String, PlacementApi.Inventory> inventory(HostReport r) {
        Map<String, PlacementApi.Inventory> inv = new LinkedHashMap<>();
        if (r.vcpus() > 0) {
            inv.put("VCPU", new PlacementApi.Inventory(r.vcpus(), Math.min(r.reservedVcpus(), r.vcpus()), 1,
                    r.vcpus(), 1, r.cpuAllocationRatio()));
        }
        if (r.memoryMb() > 0) {
            inv.put("MEMORY_MB", new PlacementApi.Inventory(r.memoryMb(), Math.min(r.reservedMemoryMb(),
                    r.memoryMb()), 1, r.memoryMb(), 1, r.ramAllocationRatio()));
        }
        if (r.diskGb() > 0) {
            inv.put("DISK_GB", new PlacementApi.Inventory(r.diskGb(), Math.min(r.reservedDiskGb(), r.diskGb()), 1,
                    r.diskGb(), 1, r.diskAllocationRatio()));
        }
        return inv;
    }

    @Override
    public List<AssignedGuest> assignedGuests(String host) {
        List<AssignedGuest> out = new ArrayList<>();
        for (Server s : servers.onHost(host)) {
            if (VmStates.BUILDING.equals(s.vmState()) && s.networkInfo().isEmpty()
                    && !VmStates.Task.SPAWNING.equals(s.taskState())) {
                continue; // not spawned yet; the conductor will
            }
            boolean running = switch (s.vmState()) {
                case VmStates.ACTIVE, VmStates.RESIZED -> s.powerState() == PowerState.RUNNING.code()
                        || VmStates.Task.POWERING_OFF.equals(s.taskState());
                case VmStates.BUILDING -> true;
                default -> false;
            };
            if (VmStates.ERROR.equals(s.vmState()) && s.powerState() == PowerState.RUNNING.code()) {
                running = true;
            }
            out.add(new AssignedGuest(GuestSpecs.of(s), running));
        }
        return out;
    }

    @Override
    public void guestChanged(String host, GuestStatus status) {
        servers.find(status.uuid()).filter(s -> !s.deleted() && host.equals(s.host())).ifPresent(s -> {
            if (s.taskState() != null) {
                return; // a task is changing it on purpose; its step records the outcome
            }
            ServerChange change = ServerChange.of().powerState(status.powerState().code());
            if (VmStates.ACTIVE.equals(s.vmState()) && status.powerState() != PowerState.RUNNING) {
                change.vmState(status.powerState() == PowerState.CRASHED ? VmStates.ERROR : VmStates.STOPPED);
                LOG.info("server {} is {} on {} without being asked: now {}", s.uuid(), status.powerState(), host,
                        status.powerState() == PowerState.CRASHED ? "ERROR" : "SHUTOFF");
            }
            servers.update(s.uuid(), TaskExpectation.idle(), change);
        });
    }

    @Override
    public void registerConsoleProxy(String host, String baseUrl) {
        consoles.registerProxy(host, baseUrl);
    }

    @Override
    public ConsoleTarget validateConsoleToken(String token) {
        return consoles.validate(token).map(a -> new ConsoleTarget(a.instanceUuid(), a.host(), a.consoleType()))
                .orElse(null);
    }
}
