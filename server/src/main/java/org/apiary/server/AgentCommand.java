package org.apiary.server;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.apiary.agent.AgentSettings;
import org.apiary.agent.BusNetworkAgent;
import org.apiary.bus.Bus;
import org.apiary.bus.BusOptions;
import org.apiary.bus.Buses;
import org.apiary.common.config.Config;
import org.apiary.privhelper.HelperOptions;
import org.apiary.privhelper.client.SocketHelperClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * `apiary agent`: the host network agent alone, for a host that is not the controller. It reaches
 * the controller over RabbitMQ ([DEFAULT] transport_url) and the host only through the helper's socket.
 */
@Command(name = "agent", description = "Run the host network agent, talking to the controller over RabbitMQ.")
final class AgentCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Option(names = "--host", description = "This host's name (default: [agent] host, else the machine's host name).")
    String host;

    @Override
    public Integer call() throws Exception {
        Config config = common.load();
        if (host != null) {
            config.with(org.apiary.agent.AgentOptions.HOST, host);
        }
        AgentSettings settings = AgentSettings.from(config);
        Bus bus;
        try {
            bus = Buses.openRemote(config);
        } catch (IllegalArgumentException e) {
            System.err.println("apiary agent: " + e.getMessage());
            return 2;
        }
        Path socket = Path.of(config.get(HelperOptions.SOCKET_PATH));
        SocketHelperClient helper = new SocketHelperClient(socket);
        BusNetworkAgent agent = BusNetworkAgent.start(bus, settings, helper,
                Duration.ofSeconds(config.get(BusOptions.RPC_RESPONSE_TIMEOUT)));
        System.out.println("Apiary network agent for host '" + settings.host() + "' is running (helper: " + socket
                + ").");
        System.out.flush();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            agent.close();
            bus.close();
            helper.close();
            stopped.countDown();
        }, "apiary-agent-shutdown"));
        stopped.await();
        return 0;
    }
}
