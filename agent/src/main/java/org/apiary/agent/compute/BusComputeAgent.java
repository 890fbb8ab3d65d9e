package org.apiary.agent.compute;

import java.time.Duration;
import org.apiary.bus.Bus;
import org.apiary.bus.RpcClients;
import org.apiary.bus.RpcServers;
import org.apiary.compute.rpc.ComputeAgentRpc;
import org.apiary.compute.rpc.ConductorRpc;
import org.apiary.host.spi.Hypervisor;
import org.apiary.host.spi.ImageSource;

/**
 * The compute agent as it runs in a process: it serves {@link ComputeAgentRpc} on this host's topic and
 * reaches the conductor through the bus proxy of {@link ConductorRpc}. The hypervisor stays the caller's.
 */
public final class BusComputeAgent implements AutoCloseable {
    private final ComputeAgent agent;
    private final Bus.Registration server;

    private BusComputeAgent(ComputeAgent agent, Bus.Registration server) {
        this.agent = agent;
        this.server = server;
    }

    /** An agent that cannot upload snapshots (createImage fails saying so); see the other factory. */
    public static BusComputeAgent start(Bus bus, ComputeAgentSettings settings, Hypervisor hypervisor,
            Duration rpcTimeout) {
        return start(bus, settings, hypervisor, null, rpcTimeout);
    }

    /** @param images where snapshots go (ImageSource.upload); null: nowhere */
    public static BusComputeAgent start(Bus bus, ComputeAgentSettings settings, Hypervisor hypervisor,
            ImageSource images, Duration rpcTimeout) {
        ConductorRpc conductor = RpcClients.proxy(bus, ConductorRpc.class, ConductorRpc.TOPIC, rpcTimeout);
        ComputeAgent agent = new ComputeAgent(settings, hypervisor, conductor, images);
        Bus.Registration server = RpcServers.serve(bus, ComputeAgentRpc.topic(settings.host()), ComputeAgentRpc.class,
                agent);
        agent.start();
        return new BusComputeAgent(agent, server);
    }

    public ComputeAgent agent() {
        return agent;
    }

    @Override
    public void close() {
        server.close();
        agent.close();
    }
}
