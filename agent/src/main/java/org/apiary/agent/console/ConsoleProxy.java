package org.apiary.agent.console;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apiary.bus.Bus;
import org.apiary.bus.RpcClients;
import org.apiary.compute.rpc.ConductorRpc;
import org.apiary.compute.rpc.ConsoleTarget;
import org.apiary.host.spi.Hypervisor;
import org.apiary.host.spi.SerialConsole;
import org.apiary.http.WebSocketRelay;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This host's serial console proxy (Nova's nova-serialproxy, run by the agent): a WebSocket listener on
 * {@code [serial_console] serialproxy_host:serialproxy_port} that lets a client through only with a token the
 * controller vouches for ({@link ConductorRpc#validateConsoleToken}) for a serial console on this very host, and
 * then relays the guest's console, reached through the driver ({@link Hypervisor#serialConsole}), both ways. The
 * proxy registers {@code [serial_console] base_url} with the controller at start and every
 * {@link #REGISTER_INTERVAL}, so the API can build console URLs for this host's servers.
 */
public final class ConsoleProxy implements AutoCloseable {
    static final Duration REGISTER_INTERVAL = Duration.ofSeconds(60);
    private static final Logger LOG = LoggerFactory.getLogger(ConsoleProxy.class);

    private final String host;
    private final Hypervisor hypervisor;
    private final ConductorRpc conductor;
    private final WebSocketRelay relay;
    private final ScheduledExecutorService registration;
    private final String baseUrl;

    private ConsoleProxy(ConsoleProxySettings settings, String host, Hypervisor hypervisor, ConductorRpc conductor) {
        this.host = host;
        this.hypervisor = hypervisor;
        this.conductor = conductor;
        this.relay = WebSocketRelay.start(settings.listenHost(), settings.listenPort(), "serial console proxy",
                this::open);
        this.registration = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "console-proxy-registration");
            t.setDaemon(true);
            return t;
        });
        this.baseUrl = settings.baseUrlFor(relay.port());
        registration.scheduleWithFixedDelay(() -> register(baseUrl), 0, REGISTER_INTERVAL.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /**
     * Starts the proxy of {@code host}; empty when {@code [serial_console] enabled} is false or the driver has no
     * serial consoles (the fake driver).
     */
    public static Optional<ConsoleProxy> start(ConsoleProxySettings settings, String host, Hypervisor hypervisor,
            ConductorRpc conductor) {
        if (!settings.enabled()) {
            LOG.info("[serial_console] enabled = false: no console proxy on host {}", host);
            return Optional.empty();
        }
        if (!hypervisor.offersSerialConsoles()) {
            // No proxy registered: the API then answers "Unavailable console type serial." for this host's servers.
            LOG.info("the {} driver has no serial consoles: no console proxy on host {}", hypervisor.type(), host);
            return Optional.empty();
        }
        return Optional.of(new ConsoleProxy(settings, host, hypervisor, conductor));
    }

    /** The same over the bus: the conductor is reached through its RPC proxy. */
    public static Optional<ConsoleProxy> start(Bus bus, ConsoleProxySettings settings, String host,
            Hypervisor hypervisor, Duration rpcTimeout) {
        return start(settings, host, hypervisor,
                RpcClients.proxy(bus, ConductorRpc.class, ConductorRpc.TOPIC, rpcTimeout));
    }

    public int port() {
        return relay.port();
    }

    /** The base URL registered with the controller. */
    public String baseUrl() {
        return baseUrl;
    }

    private void register(String baseUrl) {
        try {
            conductor.registerConsoleProxy(host, baseUrl);
        } catch (RuntimeException e) {
            LOG.warn("cannot register the console proxy of host {} ({}): {}; retrying in {} s", host, baseUrl,
                    e.getMessage(), REGISTER_INTERVAL.toSeconds());
        }
    }

    /** The token's console, if the controller vouches for it and it is a running guest of this host. */
    private WebSocketRelay.Stream open(Map<String, String> query) throws WebSocketRelay.Refused {
        String token = query.get("token");
        if (token == null || token.isEmpty()) {
            throw new WebSocketRelay.Refused("no token");
        }
        ConsoleTarget target;
        try {
            target = conductor.validateConsoleToken(token);
        } catch (RuntimeException e) {
            throw new WebSocketRelay.Refused("the controller could not validate the token: " + e.getMessage());
        }
        if (target == null) {
            throw new WebSocketRelay.Refused("invalid or expired token");
        }
        if (!host.equals(target.host())) {
            throw new WebSocketRelay.Refused("the token is for a console on host " + target.host());
        }
        if (!"serial".equals(target.consoleType())) {
            throw new WebSocketRelay.Refused("the token is for a " + target.consoleType() + " console");
        }
        SerialConsole console;
        try {
            console = hypervisor.serialConsole(target.instanceUuid()).orElseThrow(() ->
                    new WebSocketRelay.Refused("guest " + target.instanceUuid() + " has no console to open (not "
                            + "running)"));
        } catch (RuntimeException e) {
            throw new WebSocketRelay.Refused("guest " + target.instanceUuid() + ": " + e.getMessage());
        }
        try {
            UnixConsoleStream stream = UnixConsoleStream.connect(console.socket());
            LOG.info("console session to guest {} ({})", target.instanceUuid(), console.backing());
            return stream;
        } catch (IOException e) {
            throw new WebSocketRelay.Refused("cannot connect to guest " + target.instanceUuid() + "'s console "
                    + console.socket() + ": " + e.getMessage());
        }
    }

    @Override
    public void close() {
        registration.shutdownNow();
        relay.close();
    }
}
