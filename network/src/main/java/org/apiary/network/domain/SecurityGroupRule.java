package org.apiary.network.domain;

import java.time.Instant;

/**
 * One rule. {@code protocol} is stored as given (a name or a number), as Neutron does;
 * {@code remoteIpPrefix} is stored normalized.
 */
public record SecurityGroupRule(String id, String securityGroupId, String projectId, String direction,
                                String ethertype, String protocol, Integer portRangeMin, Integer portRangeMax,
                                String remoteIpPrefix, String remoteGroupId, String description, long revision,
                                Instant createdAt, Instant updatedAt) {}
