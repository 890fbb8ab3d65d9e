package org.apiary.network.domain;

/**
 * The one segment of a network (provider attributes).
 *
 * @param physicalNetwork null for vxlan and local
 * @param segmentationId  VNI or VLAN id; null for flat and local
 */
public record Segment(String networkType, String physicalNetwork, Integer segmentationId) {}
