package org.apiary.compute.domain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.nio.charset.StandardCharsets;
import org.apiary.common.error.ServiceException;
import org.apiary.compute.rpc.HostReport;
import org.apiary.compute.store.HostStore;
import org.apiary.compute.store.MigrationStore;

/**
 * Compute hosts as the API shows them: services (os-services) with their up/down state, compute
 * nodes (os-hypervisors) with their capacity and use, and availability zones. Rows come from the
 * agents' heartbeats ({@link #report}); the scheduler and conductor run inside the controller, so
 * they are shown as services of the controller's host, always up while this process runs.
 */
public final class HostService {
    public static final String COMPUTE = "nova-compute";
    public static final String INTERNAL_ZONE = "internal";
    /** In-process services, with fixed negative ids (pre-2.53) that no database row can take. */
    private static final List<String> CONTROLLER_BINARIES = List.of("nova-scheduler", "nova-conductor");
    /** Migration statuses that are over (nova/objects/migration.py get_in_progress_by_host_and_node). */
    private static final Set<String> FINISHED_MIGRATION = Set.of("confirmed", "reverted", "error", "failed",
            "completed", "cancelled", "done");

    /** What servers on a host use (flavor sums) and how many have a task in progress. */
    public record Usage(int vcpus, long memoryMb, long diskGb, int workload) {
        public static final Usage NONE = new Usage(0, 0, 0, 0);
    }

    public record HostedServer(String uuid, String name) {}

    /**
     * Answers only the server side knows; the composition root wires them.
     *
     * @param usage null until wired: nothing counts as used but the host's reserved share
     */
    public record Lookups(Predicate<String> hostHasServers, Function<String, List<HostedServer>> serversOnHost,
                          Function<String, Usage> usage) {}

    /** [DEFAULT] service_down_time, default_availability_zone, and this controller's host name. */
    public record Settings(int serviceDownTimeSeconds, String defaultZone, String controllerHost) {}

    /** A service row (or an in-process controller service) with its zone and whether it is up. */
    public record ServiceState(ComputeService service, String zone, boolean up, boolean controller) {
        public boolean isCompute() {
            return COMPUTE.equals(service.binary());
        }
    }

    /** A compute node with its service and what its servers use. */
    public record Hypervisor(ComputeNode node, ServiceState service, Usage usage) {
        public HostReport report() {
            return node.report();
        }

        public int vcpusUsed() {
            return report().reservedVcpus() + usage.vcpus();
        }

        public long memoryMbUsed() {
            return report().reservedMemoryMb() + usage.memoryMb();
        }

        public long localGbUsed() {
            return report().reservedDiskGb() + usage.diskGb();
        }

        public long freeRamMb() {
            return report().memoryMb() - memoryMbUsed();
        }

        public long freeDiskGb() {
            return report().diskGb() - localGbUsed();
        }
    }

    /** Sums over the enabled compute services' nodes (os-hypervisors/statistics). */
    public record Statistics(int count, long vcpus, long memoryMb, long localGb, long vcpusUsed, long memoryMbUsed,
                             long localGbUsed, long freeRamMb, long freeDiskGb, long currentWorkload, long runningVms,
                             long diskAvailableLeast) {}

    /** An availability zone; {@code hosts} (host → its enabled services) only for available zones. */
    public record Zone(String name, boolean available, Map<String, List<ServiceState>> hosts) {}

    private final HostStore store;
    private final MigrationStore migrations;
    private final Lookups lookups;
    private final Settings settings;
    private final LongSupplier clock;
    private final Supplier<Map<String, Set<String>>> aggregateZones;

    /** Every compute host in the default zone (no aggregates). */
    public HostService(HostStore store, MigrationStore migrations, Lookups lookups, Settings settings,
                       LongSupplier clock) {
        this(store, migrations, lookups, settings, clock, Map::of);
    }

    /**
     * @param aggregateZones each host in an aggregate with an availability zone → those zones; a compute
     *                       host is in them (joined with ',' as Nova shows a host in several), else in
     *                       the default zone
     */
    public HostService(HostStore store, MigrationStore migrations, Lookups lookups, Settings settings,
                       LongSupplier clock, Supplier<Map<String, Set<String>>> aggregateZones) {
        this.store = store;
        this.migrations = migrations;
        this.lookups = lookups;
        this.settings = settings;
        this.clock = clock;
        this.aggregateZones = aggregateZones;
    }

    /** An agent's heartbeat: keeps the service and node rows; a new node gets a new uuid. */
    public ComputeNode report(HostReport report) {
        if (report.host() == null || report.host().isBlank() || report.hypervisorHostname() == null
                || report.hypervisorHostname().isBlank() || report.hypervisorType() == null) {
            throw new IllegalArgumentException("a host report needs host, hypervisor hostname and type");
        }
        return store.report(report, UUID.randomUUID().toString(), clock.getAsLong());
    }

    // ---- services

    public List<ServiceState> services() {
        List<ServiceState> out = new ArrayList<>(controllerServices());
        Map<String, Set<String>> zones = aggregateZones.get();
        for (ComputeService s : store.services()) {
            out.add(state(s, zones));
        }
        return out;
    }

    /** By uuid (2.53 and later). */
    public ServiceState service(String uuid) {
        return controllerServices().stream().filter(s -> s.service().uuid().equals(uuid)).findFirst()
                .or(() -> store.service(uuid).map(this::state))
                .orElseThrow(() -> serviceNotFound(uuid));
    }

    /** By integer id (before 2.53). */
    public ServiceState serviceById(long id) {
        return services().stream().filter(s -> s.service().id() == id).findFirst()
                .orElseThrow(() -> serviceNotFound(String.valueOf(id)));
    }

    /** The legacy PUT's (host, binary): only nova-compute services can be updated. */
    public ServiceState serviceByHostAndBinary(String host, String binary) {
        requireCompute(binary);
        return store.serviceByHost(host).map(this::state).orElseThrow(() -> ServiceException.notFound(
                "Could not find binary " + binary + " on host " + host + "."));
    }

    /**
     * Enables or disables (with an optional reason) and/or forces down; null leaves a field as is.
     * Returns the service as it now is.
     */
    public ServiceState update(ServiceState s, Boolean disabled, String disabledReason, Boolean forcedDown) {
        requireUpdatable(s);
        if (!store.updateService(s.service().uuid(), disabled, disabled == null ? null : disabledReason, forcedDown,
                clock.getAsLong())) {
            throw serviceNotFound(s.service().uuid());
        }
        return service(s.service().uuid());
    }

    /** Deletes a compute service and its nodes; refused while servers or unfinished migrations use the host. */
    public void delete(ServiceState s) {
        if (s.controller()) {
            throw ServiceException.badRequest("Deleting a " + s.service().binary() + " service is not supported: it "
                    + "runs inside the Apiary controller.");
        }
        String host = s.service().host();
        if (lookups.hostHasServers().test(host)) {
            throw ServiceException.conflict("Unable to delete compute service that is hosting instances. Migrate or "
                    + "delete the instances first.");
        }
        boolean migrating = migrations.list(null).stream()
                .filter(m -> !FINISHED_MIGRATION.contains(m.status()))
                .anyMatch(m -> host.equals(m.sourceCompute()) || host.equals(m.destCompute()));
        if (migrating) {
            throw ServiceException.conflict("Unable to delete compute service that has in-progress migrations. "
                    + "Complete the migrations or delete the instances first.");
        }
        if (!store.deleteService(s.service().uuid())) {
            throw serviceNotFound(s.service().uuid());
        }
    }

    private ServiceState state(ComputeService s) {
        return state(s, aggregateZones.get());
    }

    private ServiceState state(ComputeService s, Map<String, Set<String>> zones) {
        return new ServiceState(s, zoneOf(s.host(), zones), isUp(s), false);
    }

    private String zoneOf(String host, Map<String, Set<String>> zones) {
        Set<String> z = zones.get(host);
        return z == null || z.isEmpty() ? settings.defaultZone() : String.join(",", new TreeSet<>(z));
    }

    /** The availability zone of a compute host: its aggregates' zone, else the default zone. */
    public String zoneOf(String host) {
        return zoneOf(host, aggregateZones.get());
    }

    /**
     * Nova's get_availability_zones(get_only_available=True): the zones of the enabled services,
     * the controller's internal zone included; what a server create may name.
     */
    public Set<String> availableZoneNames() {
        Set<String> out = new TreeSet<>();
        services().stream().filter(s -> !s.service().disabled()).forEach(s -> out.add(s.zone()));
        return out;
    }

    /** Nova's DB servicegroup driver: forced down, or no heartbeat within service_down_time, is down. */
    boolean isUp(ComputeService s) {
        if (s.forcedDown()) {
            return false;
        }
        long last = s.lastSeenUp() != null ? s.lastSeenUp() : s.createdAt();
        return Math.abs(clock.getAsLong() - last) <= settings.serviceDownTimeSeconds() * 1000L;
    }

    private List<ServiceState> controllerServices() {
        long now = clock.getAsLong();
        List<ServiceState> out = new ArrayList<>();
        for (int i = 0; i < CONTROLLER_BINARIES.size(); i++) {
            String binary = CONTROLLER_BINARIES.get(i);
            String uuid = UUID.nameUUIDFromBytes(("apiary-controller:" + settings.controllerHost() + ":" + binary)
                    .getBytes(StandardCharsets.UTF_8)).toString();
            out.add(new ServiceState(new ComputeService(-1 - i, uuid, settings.controllerHost(), binary, false, null,
                    false, now, now, now), INTERNAL_ZONE, true, true));
        }
        return out;
    }

    /** Only nova-compute services can be enabled, disabled or forced down (400 otherwise). */
    public void requireUpdatable(ServiceState s) {
        requireCompute(s.service().binary());
    }

    private static void requireCompute(String binary) {
        if (!COMPUTE.equals(binary)) {
            throw ServiceException.badRequest("Updating a " + binary + " service is not supported. Only nova-compute "
                    + "services can be updated.");
        }
    }

    private static ServiceException serviceNotFound(String id) {
        return ServiceException.notFound("Service " + id + " could not be found.");
    }

    // ---- hypervisors

    /** Every node whose host still has its service (Nova skips the others), by id. */
    public List<Hypervisor> hypervisors() {
        Map<String, ServiceState> byHost = new LinkedHashMap<>();
        Map<String, Set<String>> zones = aggregateZones.get();
        for (ComputeService s : store.services()) {
            byHost.put(s.host(), state(s, zones));
        }
        List<Hypervisor> out = new ArrayList<>();
        for (ComputeNode n : store.nodes()) {
            ServiceState s = byHost.get(n.host());
            if (s != null) {
                out.add(new Hypervisor(n, s, usage(n.host())));
            }
        }
        return out;
    }

    /** Every node with its service's state, without usage: what the scheduler filters on, cheap to ask often. */
    public List<Map.Entry<ComputeNode, ServiceState>> nodesWithState() {
        Map<String, ServiceState> byHost = new LinkedHashMap<>();
        Map<String, Set<String>> zones = aggregateZones.get();
        for (ComputeService s : store.services()) {
            byHost.put(s.host(), state(s, zones));
        }
        List<Map.Entry<ComputeNode, ServiceState>> out = new ArrayList<>();
        for (ComputeNode n : store.nodes()) {
            ServiceState s = byHost.get(n.host());
            if (s != null) {
                out.add(Map.entry(n, s));
            }
        }
        return out;
    }

    public Hypervisor hypervisor(String uuid) {
        return store.node(uuid).flatMap(this::withService).orElseThrow(() -> hypervisorNotFound(uuid));
    }

    public Hypervisor hypervisorById(long id) {
        return hypervisors().stream().filter(h -> h.node().id() == id).findFirst()
                .orElseThrow(() -> hypervisorNotFound(String.valueOf(id)));
    }

    /** Nodes whose hypervisor hostname contains {@code pattern} (SQL LIKE %pattern%); 404 when none. */
    public List<Hypervisor> search(String pattern) {
        String p = pattern.toLowerCase(Locale.ROOT);
        List<Hypervisor> found = hypervisors().stream()
                .filter(h -> h.node().hypervisorHostname().toLowerCase(Locale.ROOT).contains(p)).toList();
        if (found.isEmpty()) {
            throw ServiceException.notFound("No hypervisor matching '" + pattern + "' could be found.");
        }
        return found;
    }

    /** The address the host's node reported (a migration's dest_host). */
    public Optional<String> hostIp(String host) {
        return store.nodeByHost(host).map(ComputeNode::hostIp);
    }

    public List<HostedServer> servers(String host) {
        return lookups.serversOnHost().apply(host);
    }

    public Statistics statistics() {
        List<Hypervisor> enabled = hypervisors().stream().filter(h -> !h.service().service().disabled()).toList();
        long vcpus = 0, mem = 0, disk = 0, vcpusUsed = 0, memUsed = 0, diskUsed = 0, freeRam = 0, freeDisk = 0;
        long workload = 0, running = 0;
        for (Hypervisor h : enabled) {
            vcpus += h.report().vcpus();
            mem += h.report().memoryMb();
            disk += h.report().diskGb();
            vcpusUsed += h.vcpusUsed();
            memUsed += h.memoryMbUsed();
            diskUsed += h.localGbUsed();
            freeRam += h.freeRamMb();
            freeDisk += h.freeDiskGb();
            workload += h.usage().workload();
            running += h.report().runningGuests();
        }
        return new Statistics(enabled.size(), vcpus, mem, disk, vcpusUsed, memUsed, diskUsed, freeRam, freeDisk,
                workload, running, freeDisk);
    }

    private Optional<Hypervisor> withService(ComputeNode n) {
        return store.serviceByHost(n.host()).map(s -> new Hypervisor(n, state(s), usage(n.host())));
    }

    private Usage usage(String host) {
        Usage u = lookups.usage() == null ? null : lookups.usage().apply(host);
        return u == null ? Usage.NONE : u;
    }

    private static ServiceException hypervisorNotFound(String id) {
        return ServiceException.notFound("Hypervisor with ID '" + id + "' could not be found.");
    }

    // ---- availability zones

    /**
     * Zones of the services, available ones first, each sorted by name. A zone is available when one
     * of its enabled services is up; its hosts list only enabled services, as Nova's detail view.
     */
    public List<Zone> zones() {
        Map<String, List<ServiceState>> byZone = new TreeMap<>();
        for (ServiceState s : services()) {
            byZone.computeIfAbsent(s.zone(), z -> new ArrayList<>()).add(s);
        }
        List<Zone> available = new ArrayList<>();
        List<Zone> unavailable = new ArrayList<>();
        byZone.forEach((zone, list) -> {
            List<ServiceState> enabled = list.stream().filter(s -> !s.service().disabled()).toList();
            if (enabled.stream().anyMatch(ServiceState::up)) {
                Map<String, List<ServiceState>> hosts = new TreeMap<>();
                enabled.stream().sorted(Comparator.comparing(s -> s.service().binary()))
                        .forEach(s -> hosts.computeIfAbsent(s.service().host(), h -> new ArrayList<>()).add(s));
                available.add(new Zone(zone, true, hosts));
            } else {
                unavailable.add(new Zone(zone, false, null));
            }
        });
        available.addAll(unavailable);
        return available;
    }
}
