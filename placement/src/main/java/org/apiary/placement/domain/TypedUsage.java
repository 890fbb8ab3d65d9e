package org.apiary.placement.domain;

import java.util.Map;

/** Usages of one consumer type in a project (GET /usages at 1.38+). */
public record TypedUsage(String consumerType, Map<String, Long> resources, long consumerCount) {}
