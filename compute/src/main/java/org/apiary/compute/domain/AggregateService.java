package org.apiary.compute.domain;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apiary.common.error.ErrorKind;
import org.apiary.common.error.ServiceException;
import org.apiary.compute.domain.external.PlacementApi;
import org.apiary.compute.store.AggregateStore;
import org.apiary.compute.store.HostStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Host aggregates as Nova's AggregateAPI keeps them (nova/compute/api.py): unique names, a host in
 * aggregates of one availability zone only, no zone change while the hosts run servers, only
 * empty aggregates deleted. A host added or removed is mirrored on its compute node's resource
 * provider as membership of the Placement aggregate with the aggregate's uuid; as in Nova, a
 * failed mirror on add is only logged (the provider may not exist yet).
 */
public final class AggregateService {
    private static final Logger LOG = LoggerFactory.getLogger(AggregateService.class);

    /** Which of Nova's InvalidAggregateAction* a refusal is: its wording and the status the API gives it. */
    private enum Action {
        ADD("Cannot add host to aggregate ", ErrorKind.CONFLICT),
        UPDATE("Cannot update aggregate ", ErrorKind.BAD_REQUEST),
        UPDATE_META("Cannot update metadata of aggregate ", ErrorKind.BAD_REQUEST),
        // Nova's InvalidAggregateActionDelete really says "remove host from".
        DELETE("Cannot remove host from aggregate ", ErrorKind.BAD_REQUEST);

        private final String prefix;
        private final ErrorKind kind;

        Action(String prefix, ErrorKind kind) {
            this.prefix = prefix;
            this.kind = kind;
        }

        ServiceException refuse(long id, String reason) {
            return new ServiceException(kind, prefix + id + ". Reason: " + reason + ".");
        }
    }

    private final AggregateStore store;
    private final HostStore hosts;
    private final Predicate<String> hostHasServers;
    private final PlacementApi placement;
    private final LongSupplier clock;

    /**
     * @param placement null when compute runs without its servers half (no Placement to mirror to)
     */
    public AggregateService(AggregateStore store, HostStore hosts, Predicate<String> hostHasServers,
                            PlacementApi placement, LongSupplier clock) {
        this.store = store;
        this.hosts = hosts;
        this.hostHasServers = hostHasServers;
        this.placement = placement;
        this.clock = clock;
    }

    public List<Aggregate> list() {
        return store.list();
    }

    public Aggregate get(long id) {
        return store.find(id).orElseThrow(() -> notFound(id));
    }

    /** A new aggregate, in {@code zone} when given. */
    public Aggregate create(String name, String zone) {
        Map<String, String> metadata = zone == null || zone.isEmpty() ? Map.of() : Map.of(Aggregate.ZONE_KEY, zone);
        return store.create(UUID.randomUUID().toString(), name, metadata, clock.getAsLong())
                .orElseThrow(() -> nameExists(name));
    }

    /**
     * PUT: a new name and/or zone ({@code zoneGiven}; a null zone is refused as an empty one).
     * The zone is checked before anything is written.
     */
    public Aggregate update(long id, String name, boolean zoneGiven, String zone) {
        Aggregate a = get(id);
        Map<String, String> zoneUpdate = new HashMap<>();
        if (zoneGiven) {
            zoneUpdate.put(Aggregate.ZONE_KEY, zone);
            checkZone(a, zoneUpdate, a.hosts(), Action.UPDATE, true);
        }
        if (name != null && !store.rename(id, name, clock.getAsLong())) {
            throw nameExists(name);
        }
        if (zoneGiven) {
            store.updateMetadata(id, Map.of(Aggregate.ZONE_KEY, zone), Set.of(), clock.getAsLong());
        }
        return get(id);
    }

    /** set_metadata: a null value removes its key, the others are set; keys not named stay. */
    public Aggregate setMetadata(long id, Map<String, String> metadata) {
        Aggregate a = get(id);
        checkZone(a, metadata, a.hosts(), Action.UPDATE_META, true);
        Map<String, String> set = new LinkedHashMap<>();
        Set<String> remove = new HashSet<>();
        metadata.forEach((k, v) -> {
            if (v == null) {
                remove.add(k);
            } else {
                set.put(k, v);
            }
        });
        store.updateMetadata(id, set, remove, clock.getAsLong());
        return get(id);
    }

    public void delete(long id) {
        Aggregate a = get(id);
        if (!a.hosts().isEmpty()) {
            throw Action.DELETE.refuse(id, "Host aggregate is not empty");
        }
        if (!store.delete(id)) {
            throw notFound(id);
        }
    }

    public Aggregate addHost(long id, String host) {
        if (hosts.serviceByHost(host).isEmpty()) {
            throw ServiceException.notFound("Compute host " + host + " could not be found.");
        }
        Aggregate a = get(id);
        checkZone(a, a.metadata(), List.of(host), Action.ADD, false);
        if (!store.addHost(id, host)) {
            throw ServiceException.conflict("Aggregate " + id + " already has host " + host + ".");
        }
        if (placement != null) {
            for (String rp : nodeProviders(host)) {
                try {
                    placement.addToAggregate(rp, a.uuid());
                } catch (RuntimeException e) {
                    LOG.warn("Failed to associate {} with placement aggregate {}: {}", rp, a.uuid(), e.getMessage());
                }
            }
        }
        return get(id);
    }

    /** Placement first, as Nova: a failure there leaves the aggregate as it was, so the call can be repeated. */
    public Aggregate removeHost(long id, String host) {
        ServiceException notFound = ServiceException.notFound("Cannot remove host " + host + " in aggregate " + id);
        if (hosts.serviceByHost(host).isEmpty()) {
            throw notFound;
        }
        Aggregate a = store.find(id).orElseThrow(() -> notFound);
        if (placement != null) {
            for (String rp : nodeProviders(host)) {
                try {
                    placement.removeFromAggregate(rp, a.uuid());
                } catch (ServiceException e) {
                    if (e.kind() != ErrorKind.NOT_FOUND) {
                        LOG.error("Failed to remove host {} from placement aggregate {}: {}", host, a.uuid(),
                                e.getMessage());
                        throw ServiceException.conflict("Cannot remove host " + host + " in aggregate " + id);
                    }
                    LOG.warn("Failed to remove association of {} with a placement aggregate: {}", rp, e.getMessage());
                }
            }
        }
        if (!store.removeHost(id, host)) {
            throw notFound;
        }
        return get(id);
    }

    private List<String> nodeProviders(String host) {
        return hosts.nodes().stream().filter(n -> n.host().equals(host)).map(ComputeNode::uuid).toList();
    }

    /**
     * Nova's is_safe_to_update_az: a zone must have a name; the hosts may not be in an aggregate of
     * another zone; and (on update) a zone may not change under hosts that run servers.
     */
    private void checkZone(Aggregate a, Map<String, String> metadata, List<String> hostsToCheck, Action action,
                           boolean checkNoServers) {
        if (!metadata.containsKey(Aggregate.ZONE_KEY)) {
            return;
        }
        String zone = metadata.get(Aggregate.ZONE_KEY);
        if (zone == null || zone.isEmpty()) {
            throw action.refuse(a.id(), "Aggregate " + a.name() + " does not support empty named availability zone");
        }
        List<String> conflicting = new ArrayList<>();
        for (Aggregate other : store.withKey(Aggregate.ZONE_KEY, Set.copyOf(hostsToCheck))) {
            if (other.id() != a.id() && !zone.equals(other.availabilityZone())) {
                conflicting.add(other.availabilityZone());
            }
        }
        if (!conflicting.isEmpty()) {
            // Python's repr of the list, as Nova prints it.
            throw action.refuse(a.id(), "One or more hosts already in availability zone(s) "
                    + conflicting.stream().map(z -> "'" + z + "'").collect(Collectors.joining(", ", "[", "]")));
        }
        if (checkNoServers && !zone.equals(a.availabilityZone())
                && hostsToCheck.stream().anyMatch(hostHasServers)) {
            throw action.refuse(a.id(), "One or more hosts contain instances in this zone");
        }
    }

    private static ServiceException notFound(long id) {
        return ServiceException.notFound("Aggregate " + id + " could not be found.");
    }

    private static ServiceException nameExists(String name) {
        return ServiceException.conflict("Aggregate " + name + " already exists.");
    }
}
