package org.apiary.compute.scheduler;

import java.util.List;

/** The compute hosts the scheduler may choose from, as the service and node tables say now. */
public interface HostCatalog {
    /**
     * @param nodeUuid the compute node's uuid, which is its resource provider's
     * @param enabled  the nova-compute service is not disabled
     * @param up       the service reported within the service down time
     */
    record HostState(String host, String node, String nodeUuid, String zone, boolean enabled, boolean up) {}

    List<HostState> hosts();
}
