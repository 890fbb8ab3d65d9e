package org.apiary.agent;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.apiary.network.rpc.AgentReport;
import org.apiary.network.rpc.HostNetworkState;
import org.apiary.network.rpc.NetworkAgentRpc;
import org.apiary.network.rpc.NetworkState;
import org.apiary.privhelper.client.PrivilegedHelper;
import org.apiary.privhelper.ops.ListTagged;
import org.apiary.privhelper.protocol.HelperException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The host network agent: pulls this host's desired state from the controller and has the helper
 * realize it, on start (after removing orphans), every resync interval and shortly after each
 * change notification (several notifications in a burst make one pass). Passes run one at a time
 * on one thread; state reports run on another so a slow pass never makes the agent look dead.
 * Failures are logged and retried; they never stop the agent.
 */
public final class NetworkAgent implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(NetworkAgent.class);
    /** How long a change notification waits for the ones that follow it before a pass starts. */
    static final Duration DEBOUNCE = Duration.ofMillis(300);
    /** A pass with failures is retried this soon (or at the resync interval, whichever comes first). */
    static final Duration RETRY = Duration.ofSeconds(10);

    private final AgentSettings settings;
    private final PrivilegedHelper helper;
    private final NetworkAgentRpc rpc;
    private final Reconciler reconciler;
    private final ScheduledExecutorService passes = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("network-agent").daemon().factory());
    private final ScheduledExecutorService reports = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("network-agent-report").daemon().factory());
    private final AtomicBoolean pending = new AtomicBoolean();
    private volatile boolean started, adopted, firstReport = true;
    private volatile Reconciler.Pass lastPass = new Reconciler.Pass(0, 0, 0, 0, 0, 0, java.util.List.of());

    public NetworkAgent(AgentSettings settings, PrivilegedHelper helper, NetworkAgentRpc rpc) {
        this.settings = settings;
        this.helper = helper;
        this.rpc = rpc;
        this.reconciler = new Reconciler(helper, settings);
    }

    /** Starts the first pass (with orphan removal), the periodic resync and the state reports. */
    public void start() {
        started = true;
        LOG.info("network agent for host '{}' starting (report every {} s, resync every {} s)", settings.host(),
                settings.reportInterval().toSeconds(), settings.resyncInterval().toSeconds());
        reports.scheduleAtFixedRate(this::reportSafely, 0, settings.reportInterval().toMillis(), TimeUnit.MILLISECONDS);
        passes.execute(this::passSafely);
        passes.scheduleWithFixedDelay(() -> requestResync("periodic resync"), settings.resyncInterval().toMillis(),
                settings.resyncInterval().toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Asks for a pass soon; requests that arrive while one is already waiting are merged into it. */
    public void requestResync(String reason) {
        if (pending.compareAndSet(false, true)) {
            LOG.debug("resync requested: {}", reason);
            try {
                passes.schedule(() -> {
                    pending.set(false);
                    passSafely();
                }, DEBOUNCE.toMillis(), TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                pending.set(false); // closing
            }
        }
    }

    /** Runs one pass on the caller's thread (tests, and the first pass); not concurrently with the agent's own. */
    public synchronized Reconciler.Pass syncNow() {
        HostNetworkState desired = rpc.syncState(settings.host());
        if (!adopted) {
            adoptHost(desired);
        }
        Reconciler.Pass pass = reconciler.reconcile(desired, networkId -> rpc.ensureDhcpPort(settings.host(), networkId));
        lastPass = pass;
        pass.notes().forEach(n -> LOG.warn("{}", n));
        LOG.info("sync: {} networks, {} serving DHCP ({} subnets, {} leases), {} compute ports bound here, {} failures",
                pass.networks(), pass.dhcpNetworks(), pass.subnets(), pass.ports(), pass.computePorts(),
                pass.failures());
        return pass;
    }

    private void adoptHost(HostNetworkState desired) {
        Set<String> ids = desired.networks().stream().map(NetworkState::id).collect(Collectors.toSet());
        Set<String> boundHere = desired.networks().stream().flatMap(n -> n.ports().stream())
                .filter(p -> Reconciler.isComputePortOf(p, settings.host()))
                .map(org.apiary.network.rpc.PortState::id).collect(Collectors.toSet());
        try {
            reconciler.adopt(TaggedInventory.parse(helper.call(new ListTagged())), ids, boundHere);
        } catch (HelperException e) {
            LOG.warn("cannot list tagged host objects ({}: {}); orphans stay until the next start", e.code().wire(),
                    e.getMessage());
        }
        adopted = true;
    }

    private void passSafely() {
        try {
            Reconciler.Pass pass = syncNow();
            if (pass.failures() > 0) {
                retrySoon();
            }
        } catch (RuntimeException e) {
            LOG.warn("sync with the controller failed: {}; retrying", e.toString());
            retrySoon();
        }
    }

    private void retrySoon() {
        if (!started) {
            return;
        }
        long delay = Math.min(RETRY.toMillis(), settings.resyncInterval().toMillis());
        try {
            passes.schedule(() -> requestResync("retry after failure"), delay, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException ignored) {
            // closing
        }
    }

    private void reportSafely() {
        try {
            for (AgentReport r : reports()) {
                rpc.reportState(r);
            }
            firstReport = false;
        } catch (RuntimeException e) {
            LOG.warn("state report failed: {}", e.toString());
        }
    }

    /** Two rows in `openstack network agent list`, as Neutron shows a DHCP agent and an L2 agent per host. */
    java.util.List<AgentReport> reports() {
        Reconciler.Pass p = lastPass;
        Map<String, Object> dhcp = new LinkedHashMap<>();
        dhcp.put("dhcp_driver", "dnsmasq");
        dhcp.put("dhcp_lease_duration", settings.leaseSeconds());
        dhcp.put("networks", p.dhcpNetworks());
        dhcp.put("subnets", p.subnets());
        dhcp.put("ports", p.ports());
        dhcp.put("isolation", isFreeBsd() ? "vnet jail + epair" : "network namespace + veth");
        Map<String, Object> l2 = new LinkedHashMap<>();
        l2.put("interface_mappings", new TreeMap<>(settings.physicalInterfaces()));
        l2.put("tunnel_types", settings.localIp() == null ? java.util.List.of() : java.util.List.of("vxlan"));
        if (settings.localIp() == null) {
            l2.put("vxlan", "no [agent] local_ip: VXLAN networks are realized as local bridges only");
        } else {
            l2.put("local_ip", settings.localIp());
        }
        l2.put("networks", p.networks());
        l2.put("devices", p.computePorts());
        l2.put("last_sync_failures", p.failures());
        if (!p.notes().isEmpty()) {
            l2.put("notes", p.notes());
        }
        boolean start = firstReport;
        return java.util.List.of(
                new AgentReport(settings.host(), "DHCP agent", "apiary-dhcp-agent", "dhcp_agent",
                        settings.availabilityZone(), dhcp, start),
                new AgentReport(settings.host(), isFreeBsd() ? "FreeBSD bridge agent" : "Linux bridge agent",
                        "apiary-bridge-agent", "N/A", null, l2, start));
    }

    private static boolean isFreeBsd() {
        return System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("freebsd");
    }

    /** Ports bound to this host with a compute: owner (for the compute agent). */
    public Map<String, org.apiary.network.rpc.PortState> computePorts() {
        return reconciler.computePorts();
    }

    /** Stops the loops. Host objects stay: a restarted agent adopts them (as Neutron's agents do). */
    @Override
    public void close() {
        started = false;
        passes.shutdownNow();
        reports.shutdownNow();
        try {
            passes.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
