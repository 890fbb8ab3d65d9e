package org.apiary.compute.store;

import java.util.List;
import java.util.Optional;
import org.apiary.compute.domain.ComputeNode;
import org.apiary.compute.domain.ComputeService;
import org.apiary.compute.rpc.HostReport;

/** Compute services and nodes, written by agents' heartbeats. */
public interface HostStore {
    /**
     * Creates or refreshes the host's nova-compute service (last_seen_up = now) and its node.
     * The node keeps its uuid across reports; a new node takes {@code newNodeUuid}.
     */
    ComputeNode report(HostReport report, String newNodeUuid, long now);

    List<ComputeService> services();

    Optional<ComputeService> service(String uuid);

    Optional<ComputeService> serviceByHost(String host);

    /** Sets disabled (with reason) and/or forced_down; null leaves a field alone. False when gone. */
    boolean updateService(String uuid, Boolean disabled, String disabledReason, Boolean forcedDown, long now);

    /** Deletes the service and the nodes of its host. */
    boolean deleteService(String uuid);

    List<ComputeNode> nodes();

    Optional<ComputeNode> node(String uuid);

    Optional<ComputeNode> nodeByHost(String host);
}
