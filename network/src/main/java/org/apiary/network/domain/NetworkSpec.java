package org.apiary.network.domain;

import java.util.List;

/** The attributes a create or update request gave; null means "not given". */
public record NetworkSpec(String projectId, String name, String description, Boolean adminStateUp, Boolean shared,
                          Boolean external, Boolean isDefault, Integer mtu, Boolean portSecurityEnabled,
                          List<String> availabilityZoneHints, String dnsDomain, String networkType,
                          String physicalNetwork, Integer segmentationId, boolean providerGiven) {}
