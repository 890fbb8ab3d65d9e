package org.apiary.agent;

import static org.apiary.agent.ScriptedController.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apiary.bus.InProcessBus;
import org.apiary.bus.Notifications;
import org.apiary.bus.RpcServers;
import org.apiary.network.rpc.NetworkAgentRpc;
import org.apiary.network.rpc.NetworkChange;
import org.apiary.privhelper.client.RecordingHelper;
import org.apiary.privhelper.ops.BridgeDelete;
import org.apiary.privhelper.ops.DhcpReload;
import org.apiary.privhelper.ops.DhcpStart;
import org.apiary.privhelper.ops.ListTagged;
import org.apiary.privhelper.ops.Op;
import org.apiary.privhelper.protocol.Wire;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The agent as the all-in-one runs it: controller calls, reports and change notifications over the bus. */
class BusNetworkAgentTest {
    final InProcessBus bus = new InProcessBus();
    final ScriptedController controller = new ScriptedController();
    final RecordingHelper helper = new RecordingHelper(op -> op instanceof ListTagged
            ? Wire.MAPPER.createObjectNode() : Wire.MAPPER.createObjectNode().put("changed", true));

    @AfterEach
    void close() {
        bus.close();
    }

    @Test
    void startsSyncsReportsAndFollowsChangeNotifications() throws InterruptedException {
        RpcServers.serve(bus, NetworkAgentRpc.TOPIC, NetworkAgentRpc.class, controller);
        controller.put(network(ReconcilerTest.NET, "local", null, null, true,
                List.of(subnet(ReconcilerTest.SUB, "10.77.0.0/24", "10.77.0.1")), List.of(ReconcilerTest.vm1())));
        // Long intervals: everything after the first pass below happens because of a notification.
        AgentSettings settings = new AgentSettings(HOST, Map.of(), null, null, null, null, 86400,
                Duration.ofSeconds(3600), Duration.ofSeconds(3600), "nova");
        try (BusNetworkAgent agent = BusNetworkAgent.start(bus, settings, helper, Duration.ofSeconds(10))) {
            waitFor(() -> helper.calls().stream().anyMatch(op -> op instanceof DhcpStart), "first pass");
            waitFor(() -> controller.reports.size() >= 2, "first reports");
            assertThat(controller.reports).extracting(r -> r.agentType()).contains("DHCP agent", "Linux bridge agent");
            assertThat(controller.reports).allMatch(r -> r.startFlag() && r.host().equals(HOST));
            assertThat(controller.dhcpPorts).containsKey(ReconcilerTest.NET);

            controller.put(network(ReconcilerTest.NET, "local", null, null, true,
                    List.of(subnet(ReconcilerTest.SUB, "10.77.0.0/24", "10.77.0.1")), List.of(ReconcilerTest.vm1(),
                            port(ReconcilerTest.VM2, ReconcilerTest.NET, "fa:16:3e:00:00:02", "", "", ReconcilerTest.SUB,
                                    "10.77.0.11"))));
            // A burst of notifications is one pass.
            for (int i = 0; i < 5; i++) {
                Notifications.publish(bus, NetworkChange.TOPIC, new NetworkChange(ReconcilerTest.NET, "port.create"));
            }
            waitFor(() -> count(DhcpReload.class) == 1, "reload after port.create");
            Thread.sleep(2 * NetworkAgent.DEBOUNCE.toMillis());
            assertThat(count(DhcpReload.class)).isEqualTo(1);

            controller.remove(ReconcilerTest.NET);
            Notifications.publish(bus, NetworkChange.TOPIC, new NetworkChange(null, "network.delete"));
            waitFor(() -> count(BridgeDelete.class) == 1, "teardown after network.delete");
        }
    }

    long count(Class<? extends Op> type) {
        return helper.calls().stream().filter(type::isInstance).count();
    }

    static void waitFor(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(20);
        }
    }
}
