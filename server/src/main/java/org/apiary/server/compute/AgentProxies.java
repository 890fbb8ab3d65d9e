package org.apiary.server.compute;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.apiary.bus.Bus;
import org.apiary.bus.RpcClients;
import org.apiary.compute.rpc.ComputeAgentRpc;

/** One bus proxy per compute host, made on first use: how the conductor reaches a host's agent. */
public final class AgentProxies {
    private AgentProxies() {}

    public static Function<String, ComputeAgentRpc> of(Bus bus, Duration timeout) {
        Map<String, ComputeAgentRpc> byHost = new ConcurrentHashMap<>();
        return host -> byHost.computeIfAbsent(host,
                h -> RpcClients.proxy(bus, ComputeAgentRpc.class, ComputeAgentRpc.topic(h), timeout));
    }
}
