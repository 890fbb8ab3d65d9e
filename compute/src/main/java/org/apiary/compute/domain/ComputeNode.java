package org.apiary.compute.domain;

import org.apiary.compute.rpc.HostReport;

/** A hypervisor (os-hypervisors); its uuid is also its Placement resource provider's. {@code report} is the last heartbeat. */
public record ComputeNode(long id, String uuid, String host, String hypervisorHostname, String hypervisorType,
                          long hypervisorVersion, String hostIp, HostReport report, long createdAt, Long updatedAt) {}
