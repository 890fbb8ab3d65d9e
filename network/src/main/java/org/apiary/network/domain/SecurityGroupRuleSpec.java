package org.apiary.network.domain;

/** A rule as requested; null means "not given". */
public record SecurityGroupRuleSpec(String projectId, String securityGroupId, String direction, String ethertype,
                                    String protocol, Integer portRangeMin, Integer portRangeMax,
                                    String remoteIpPrefix, String remoteGroupId, String description) {}
