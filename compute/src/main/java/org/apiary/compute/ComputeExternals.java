package org.apiary.compute;

import java.util.function.Function;
import org.apiary.compute.domain.external.ImageApi;
import org.apiary.compute.domain.external.NetworkApi;
import org.apiary.compute.domain.external.PlacementApi;
import org.apiary.compute.rpc.ComputeAgentRpc;

/**
 * What the servers API needs from outside the compute module: the other services, and a way to
 * reach a host's compute agent (a bus proxy on {@link ComputeAgentRpc#topic(String)}).
 */
public record ComputeExternals(PlacementApi placement, NetworkApi network, ImageApi image,
                               Function<String, ComputeAgentRpc> agents) {}
