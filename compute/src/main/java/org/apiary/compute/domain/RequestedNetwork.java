package org.apiary.compute.domain;

/**
 * One entry of a create request's {@code networks}: a network (optionally with a fixed IP) or an
 * existing port; exactly one of {@code networkId} and {@code portId} is set.
 *
 * @param tag the device tag (2.32+), or null
 */
public record RequestedNetwork(String networkId, String portId, String fixedIp, String tag) {}
