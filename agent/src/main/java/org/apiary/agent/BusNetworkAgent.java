package org.apiary.agent;

import java.time.Duration;
import org.apiary.bus.Bus;
import org.apiary.bus.Notifications;
import org.apiary.bus.RpcClients;
import org.apiary.network.rpc.NetworkAgentRpc;
import org.apiary.network.rpc.NetworkChange;
import org.apiary.privhelper.client.PrivilegedHelper;

/**
 * The agent as it runs in a process: the controller reached through the bus proxy of
 * {@link NetworkAgentRpc}, and every {@link NetworkChange} fan-out turned into a (debounced) resync.
 */
public final class BusNetworkAgent implements AutoCloseable {
    private final NetworkAgent agent;
    private final Bus.Registration subscription;

    private BusNetworkAgent(NetworkAgent agent, Bus.Registration subscription) {
        this.agent = agent;
        this.subscription = subscription;
    }

    public static BusNetworkAgent start(Bus bus, AgentSettings settings, PrivilegedHelper helper,
            Duration rpcTimeout) {
        NetworkAgentRpc rpc = RpcClients.proxy(bus, NetworkAgentRpc.class, NetworkAgentRpc.TOPIC, rpcTimeout);
        NetworkAgent agent = new NetworkAgent(settings, helper, rpc);
        Bus.Registration sub = Notifications.subscribe(bus, NetworkChange.TOPIC, NetworkChange.class,
                change -> agent.requestResync(change.reason() + (change.networkId() == null ? ""
                        : " on " + change.networkId())));
        agent.start();
        return new BusNetworkAgent(agent, sub);
    }

    public NetworkAgent agent() {
        return agent;
    }

    @Override
    public void close() {
        subscription.close();
        agent.close();
    }
}
