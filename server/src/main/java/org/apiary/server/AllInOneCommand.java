package org.apiary.server;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.apiary.common.Ids;
import org.apiary.common.config.Config;
import org.apiary.http.ApiServer;
import org.apiary.http.HttpOptions;
import org.apiary.identity.IdentityModule;
import org.apiary.identity.IdentityOptions;
import org.apiary.identity.domain.Bootstrapper;
import org.apiary.image.ImageModule;
import org.apiary.image.ImageOptions;
import org.apiary.network.NetworkModule;
import org.apiary.network.NetworkOptions;
import org.apiary.network.rpc.NetworkChange;
import org.apiary.network.rpc.NetworkAgentRpc;
import org.apiary.agent.AgentSettings;
import org.apiary.agent.BusNetworkAgent;
import org.apiary.bus.BusOptions;
import org.apiary.bus.Bus;
import org.apiary.bus.Buses;
import org.apiary.bus.InProcessBus;
import org.apiary.bus.Notifications;
import org.apiary.bus.RpcServers;
import java.time.Duration;
import org.apiary.placement.PlacementModule;
import org.apiary.compute.ComputeModule;
import org.apiary.compute.ComputeExternals;
import org.apiary.compute.ComputeOptions;
import org.apiary.compute.rpc.ConductorRpc;
import org.apiary.agent.compute.BusComputeAgent;
import org.apiary.agent.console.ConsoleProxy;
import org.apiary.agent.console.ConsoleProxySettings;
import org.apiary.agent.compute.ComputeAgentSettings;
import org.apiary.agent.compute.Hypervisors;
import org.apiary.host.spi.Hypervisor;
import org.apiary.server.compute.AgentProxies;
import org.apiary.server.compute.InProcessImages;
import org.apiary.server.compute.InProcessNetwork;
import org.apiary.server.compute.InProcessPlacement;
import org.apiary.server.compute.LocalImageCache;
import org.apiary.host.linux.HelperConfigDrives;
import org.apiary.placement.PlacementOptions;
import org.apiary.store.Database;
import org.apiary.store.DatabaseUrl;
import org.apiary.store.StoreOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Every API in one process on an embedded database: a whole cloud on one machine. */
@Command(name = "all-in-one", description = "Run every Apiary service in one process on this machine.")
final class AllInOneCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(AllInOneCommand.class);

    @Mixin
    CommonOptions common;

    @Option(names = "--host", description = "Address to listen on (default: [DEFAULT] bind_host, 127.0.0.1).")
    String host;

    @Option(names = "--identity-port", description = "Keystone port (default: [identity] port, 5000; 0 = any free).")
    Integer identityPort;

    @Option(names = "--image-port", description = "Glance port (default: [image] port, 9292; 0 = any free).")
    Integer imagePort;

    @Override
    public Integer call() throws Exception {
        Path dir = common.dataDir.toAbsolutePath();
        Files.createDirectories(dir);
        restrict(dir, "rwx------");
        Config config = common.load();
        if (host != null) {
            config.with(HttpOptions.BIND_HOST, host);
        }
        if (identityPort != null) {
            config.with(IdentityOptions.PORT, identityPort.toString());
        }
        if (imagePort != null) {
            config.with(ImageOptions.PORT, imagePort.toString());
        }
        String bind = config.get(HttpOptions.BIND_HOST);
        LOG.info("database: {}", DatabaseUrl.redact(config.get(StoreOptions.CONNECTION)));

        List<AutoCloseable> open = new ArrayList<>();
        Database db = CommonOptions.openDatabase(config);
        open.add(db);
        CommonOptions.migrate(db);
        var keys = CommonOptions.keys(config);
        keys.initializeIfEmpty();
        IdentityModule identity = new IdentityModule(config, db, keys);
        open.add(identity);
        ImageModule imageModule = new ImageModule(config, db);
        open.add(imageModule);
        PlacementModule placement = new PlacementModule(config, db);
        // Controller and agent talk over the bus even in one process: JSON both ways, as over RabbitMQ.
        // With [DEFAULT] transport_url set, over that broker, so agents on other hosts can join.
        Bus bus = config.isSet(BusOptions.TRANSPORT_URL) ? Buses.openRemote(config) : new InProcessBus();
        open.add(bus);
        NetworkModule network = new NetworkModule(config, db,
                change -> Notifications.publish(bus, NetworkChange.TOPIC, change));
        RpcServers.serve(bus, NetworkAgentRpc.TOPIC, NetworkAgentRpc.class, network.agentRpc());
        Duration rpcTimeout = Duration.ofSeconds(config.get(BusOptions.RPC_RESPONSE_TIMEOUT));
        ComputeModule compute = new ComputeModule(config, db, new ComputeExternals(new InProcessPlacement(placement),
                new InProcessNetwork(network), new InProcessImages(imageModule), AgentProxies.of(bus, rpcTimeout)));
        open.add(0, compute.servers());
        RpcServers.serve(bus, ConductorRpc.TOPIC, ConductorRpc.class, compute.servers().endpoint());

        ServerFactory servers = new ServerFactory(config, identity.tokenValidator());
        String advertised = advertisedHost(bind);
        String configuredPublic = config.get(IdentityOptions.PUBLIC_ENDPOINT);
        int keystonePort = config.get(IdentityOptions.PORT);
        String authUri = (configuredPublic != null ? configuredPublic : "http://" + advertised + ":" + keystonePort) + "/v3";

        // Every API this process serves; a new service adds one line here.
        List<HostedApi> apis = new ArrayList<>();
        apis.add(new HostedApi("identity (Keystone v3)", "identity", "keystone", keystonePort, "/v3",
                identity.service(authUri)));
        apis.add(new HostedApi("image (Glance v2)", "image", "glance", config.get(ImageOptions.PORT), "",
                imageModule.service(authUri)));
        apis.add(new HostedApi("placement", "placement", "placement", config.get(PlacementOptions.PORT), "",
                placement.service(authUri)));
        apis.add(new HostedApi("network (Neutron v2.0)", "network", "neutron", config.get(NetworkOptions.PORT), "",
                network.service(authUri)));
        apis.add(new HostedApi("compute (Nova v2.1)", "compute", "nova", config.get(ComputeOptions.PORT), "/v2.1",
                compute.service(authUri)));

        Map<String, Bootstrapper.Endpoints> catalog = new LinkedHashMap<>();
        Map<String, String> listening = new LinkedHashMap<>();
        String identityUrl = null;
        for (HostedApi api : apis) {
            ApiServer server = servers.start(api.type(), api.service(), bind, api.port());
            open.add(0, server);
            boolean isIdentity = api.type().equals("identity");
            String url = (isIdentity && configuredPublic != null ? configuredPublic
                    : "http://" + advertised + ":" + server.port()) + api.urlSuffix();
            if (isIdentity) {
                identityUrl = url;
            }
            catalog.put(api.type(), new Bootstrapper.Endpoints(api.catalogName(), url));
            listening.put(api.label(), url);
        }

        String password = adminPassword(dir);
        identity.bootstrapper().run(new Bootstrapper.Request(password, "admin", "admin",
                config.get(IdentityOptions.REGION), catalog));
        ClientFiles.write(dir, identityUrl, "admin", password, "admin", config.get(IdentityOptions.REGION));

        System.out.println("Apiary all-in-one is running. Data directory: " + dir);
        listening.forEach((name, url) -> System.out.printf("  %-24s %s%n", name, url));
        System.out.println("  credentials: source " + dir.resolve("openrc") + "  or  export OS_CLIENT_CONFIG_FILE="
                + dir.resolve("clouds.yaml") + " OS_CLOUD=apiary");
        // The privileged helper (root only); the host agent will take this client.
        // The helper's directories for this cloud, so the compute agent names the same ones.
        HelperLauncher.defaultDirectories(config, dir);
        var helper = HelperLauncher.start(config, dir, open);
        if (helper.isPresent()) {
            AgentSettings agentSettings = AgentSettings.from(config);
            open.add(0, BusNetworkAgent.start(bus, agentSettings, helper.get(), rpcTimeout));
            System.out.println("  network agent            host '" + agentSettings.host()
                    + "': bridges, DHCP namespaces and dnsmasq through the helper");
        } else {
            System.out.println("No network agent runs: networks are stored but not realized on this host.");
        }
        ComputeAgentSettings computeSettings = ComputeAgentSettings.from(config);
        // With the QEMU driver, images come straight from this process's image service into the
        // host's cache, and config drives are made by the helper.
        LocalImageCache hostImages = new LocalImageCache(imageModule, computeSettings.imageCacheDir());
        Hypervisor hypervisor = Hypervisors.create(computeSettings, helper.orElse(null),
                helper.map(HelperConfigDrives::new).orElse(null), hostImages);
        open.add(0, hypervisor);
        // Snapshots (createImage) go back through the same in-process image service.
        open.add(0, BusComputeAgent.start(bus, computeSettings, hypervisor, hostImages, rpcTimeout));
        System.out.println("  compute agent            host '" + computeSettings.host() + "', driver "
                + hypervisor.type() + (hypervisor.simulated()
                ? ": guests are simulated in memory (no virtual machine runs)" : ""));
        // The host's serial console proxy: token holders only, the guest's console reached through the driver.
        ConsoleProxy.start(bus, ConsoleProxySettings.from(config), computeSettings.host(), hypervisor, rpcTimeout)
                .ifPresent(p -> {
                    open.add(0, p);
                    System.out.println("  serial console proxy     " + p.baseUrl() + " (consoles of host '"
                            + computeSettings.host() + "', token required)");
                });
        int resumed = compute.servers().start();
        if (resumed > 0) {
            System.out.println("  conductor                resuming " + resumed + " server(s) left mid-task");
        }
        System.out.flush();

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("shutting down");
            for (AutoCloseable c : open) {
                try {
                    c.close();
                } catch (Exception e) {
                    LOG.warn("error while stopping: {}", e.toString());
                }
            }
            stopped.countDown();
        }, "apiary-shutdown"));
        stopped.await();
        return 0;
    }

    private static String advertisedHost(String bind) {
        return bind.equals("0.0.0.0") || bind.equals("::") ? "127.0.0.1" : bind;
    }

    /** APIARY_ADMIN_PASSWORD, else the one stored in the data directory, else a new random one. */
    private static String adminPassword(Path dir) throws Exception {
        String env = System.getenv("APIARY_ADMIN_PASSWORD");
        if (env != null && !env.isEmpty()) {
            return env;
        }
        Path file = dir.resolve("admin-password");
        if (Files.exists(file)) {
            return Files.readString(file).strip();
        }
        String generated = Ids.secret(18);
        Files.writeString(file, generated + "\n");
        restrict(file, "rw-------");
        return generated;
    }

    static void restrict(Path p, String perms) {
        try {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(perms));
        } catch (UnsupportedOperationException | java.io.IOException ignored) {
            // Not a POSIX file system.
        }
    }
}
