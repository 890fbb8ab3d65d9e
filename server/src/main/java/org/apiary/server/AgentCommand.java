package org.apiary.server;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.apiary.agent.AgentSettings;
import org.apiary.agent.BusNetworkAgent;
import org.apiary.agent.compute.BusComputeAgent;
import org.apiary.agent.compute.ComputeAgentSettings;
import org.apiary.agent.compute.Hypervisors;
import org.apiary.agent.console.ConsoleProxy;
import org.apiary.agent.console.ConsoleProxySettings;
import org.apiary.agent.images.ImageServiceSettings;
import org.apiary.bus.Bus;
import org.apiary.bus.BusOptions;
import org.apiary.bus.Buses;
import org.apiary.common.config.Config;
import org.apiary.common.config.ConfigException;
import org.apiary.host.linux.HelperConfigDrives;
import org.apiary.host.spi.Hypervisor;
import org.apiary.host.spi.ImageSource;
import org.apiary.privhelper.HelperOptions;
import org.apiary.privhelper.client.SocketHelperClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * `apiary agent`: the host agents of a host that is not the controller, network and compute, under one
 * host name. They reach the controller over RabbitMQ ([DEFAULT] transport_url); the network agent reaches
 * the host only through the helper's socket, the compute agent through its hypervisor driver ([compute] driver).
 */
@Command(name = "agent", description = "Run the host agents (network and compute), talking to the controller over "
        + "RabbitMQ.")
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
        ComputeAgentSettings computeSettings;
        ConsoleProxySettings consoleSettings;
        Optional<ImageServiceSettings> imageService;
        Bus bus;
        try {
            computeSettings = ComputeAgentSettings.from(config);
            consoleSettings = ConsoleProxySettings.from(config);
            imageService = ImageServiceSettings.from(config);
            bus = Buses.openRemote(config);
        } catch (IllegalArgumentException | ConfigException e) {
            System.err.println("apiary agent: " + e.getMessage());
            return 2;
        }
        Path socket = Path.of(config.get(HelperOptions.SOCKET_PATH));
        SocketHelperClient helper = new SocketHelperClient(socket);
        Duration rpcTimeout = Duration.ofSeconds(config.get(BusOptions.RPC_RESPONSE_TIMEOUT));
        BusNetworkAgent agent = BusNetworkAgent.start(bus, settings, helper, rpcTimeout);
        System.out.println("Apiary network agent for host '" + settings.host() + "' is running (helper: " + socket
                + ").");
        // qemu and bhyve reach the host through the same helper; images come from the Image API when [glance]
        // names a service user, else from what is already in the cache directory (logged either way).
        ImageSource hostImages = Hypervisors.hostImages(computeSettings, imageService);
        Hypervisor hypervisor = Hypervisors.create(computeSettings, helper, new HelperConfigDrives(helper), hostImages);
        BusComputeAgent compute = BusComputeAgent.start(bus, computeSettings, hypervisor, hostImages, rpcTimeout);
        Optional<ConsoleProxy> consoles = ConsoleProxy.start(bus, consoleSettings, computeSettings.host(), hypervisor,
                rpcTimeout);
        consoles.ifPresent(p -> System.out.println("Serial console proxy at " + p.baseUrl() + " (token required)."));
        System.out.println("Apiary compute agent for host '" + computeSettings.host() + "' is running (driver: "
                + hypervisor.type() + (hypervisor.simulated() ? "; guests are simulated in memory, nothing runs"
                : "") + ").");
        System.out.flush();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            consoles.ifPresent(ConsoleProxy::close);
            compute.close();
            hypervisor.close();
            agent.close();
            bus.close();
            helper.close();
            stopped.countDown();
        }, "apiary-agent-shutdown"));
        stopped.await();
        return 0;
    }
}
