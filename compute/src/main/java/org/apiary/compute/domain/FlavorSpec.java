package org.apiary.compute.domain;

/** What a client asks for when creating a flavor; already validated for type and range. */
public record FlavorSpec(String flavorId, String name, int memoryMb, int vcpus, int rootGb, int ephemeralGb,
                         int swap, double rxtxFactor, boolean isPublic, String description) {}
