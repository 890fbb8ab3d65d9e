package org.apiary.server.compute;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.apiary.common.error.ErrorKind;
import org.apiary.common.error.ServiceException;
import org.apiary.compute.domain.external.PlacementApi;
import org.apiary.placement.PlacementModule;
import org.apiary.placement.domain.AllocationService;
import org.apiary.placement.domain.CatalogService;
import org.apiary.placement.domain.ConsumerAllocations;
import org.apiary.placement.domain.ConsumerView;
import org.apiary.placement.domain.ErrorCodes;
import org.apiary.placement.domain.Inventories;
import org.apiary.placement.domain.InventoryService;
import org.apiary.placement.domain.NamedItem;
import org.apiary.placement.domain.Provider;
import org.apiary.placement.domain.ProviderService;
import org.apiary.placement.domain.candidates.AllocationCandidateFinder;
import org.apiary.placement.domain.candidates.AllocationCandidates;
import org.apiary.placement.domain.candidates.AllocationRequest;
import org.apiary.placement.domain.candidates.CandidateRequest;
import org.apiary.placement.domain.candidates.ProviderSource;
import org.apiary.placement.domain.candidates.ProviderView;
import org.apiary.placement.domain.candidates.RequestGroup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compute's Placement, over Placement's domain services in this process: the same candidates
 * engine and snapshot as GET /allocation_candidates, the same atomic write as POST /allocations.
 *
 * <p>Claims are written without a consumer type (Placement shows "unknown"): a {@link Claim}
 * does not say whether its consumer is an instance or a migration, and an existing consumer's
 * type is kept.
 */
public final class InProcessPlacement implements PlacementApi {
    private static final Logger LOG = LoggerFactory.getLogger(InProcessPlacement.class);
    /** os-traits' rule for custom names (upstream placement schemas: ^CUSTOM_[A-Z0-9_]+$). */
    private static final Pattern CUSTOM_NAME = Pattern.compile("CUSTOM_[A-Z0-9_]+");
    /** Only the provider's own heartbeat (or an aggregate change) writes it, so a conflict rarely repeats. */
    private static final int INVENTORY_ATTEMPTS = 5;
    /** Trait that marks a sharing provider (os-traits); never the compute node of a candidate. */
    private static final String SHARING_TRAIT = "MISC_SHARES_VIA_AGGREGATE";

    private final ProviderSource source;
    private final AllocationCandidateFinder finder;
    private final ProviderService providers;
    private final InventoryService inventories;
    private final CatalogService catalog;
    private final AllocationService allocations;
    private final Set<String> warnedUnknownTraits = java.util.concurrent.ConcurrentHashMap.newKeySet();

    public InProcessPlacement(PlacementModule placement) {
        this.source = placement.providerSource();
        this.finder = new AllocationCandidateFinder(source);
        this.providers = placement.providers();
        this.inventories = placement.inventories();
        this.catalog = placement.catalog();
        this.allocations = placement.allocations();
    }

    @Override
    public List<Candidate> candidates(Query query, int limit) {
        Map<String, Long> resources = new LinkedHashMap<>();
        query.resources().forEach((rc, amount) -> {
            if (amount < 0) {
                throw new IllegalArgumentException("negative amount of " + rc + ": " + amount);
            }
            if (amount > 0) {
                resources.put(rc, amount); // as Nova's scheduler, a zero amount is no request at all
            }
        });
        if (resources.isEmpty()) {
            throw new IllegalArgumentException("a candidates query needs at least one resource");
        }
        // Placement answers 400 for a name it does not know; to the scheduler that only means "no host".
        if (!resources.keySet().stream().allMatch(source::resourceClassExists)
                || !query.requiredTraits().stream().allMatch(source::traitExists)
                || !query.forbiddenTraits().stream().allMatch(source::traitExists)) {
            return List.of();
        }
        RequestGroup group = new RequestGroup("", resources, query.requiredTraits().stream().map(Set::of).toList(),
                query.forbiddenTraits(), List.of(), Set.of(), query.inTree());
        CandidateRequest request = new CandidateRequest(List.of(group), limit > 0 ? limit : null, false, Set.of(),
                Set.of(), List.of(), true);
        AllocationCandidates found = finder.find(request);
        Map<String, ProviderView> summaries = new HashMap<>();
        found.providerSummaries().forEach(p -> summaries.put(p.uuid(), p));
        List<Candidate> out = new ArrayList<>(found.allocationRequests().size());
        for (AllocationRequest ar : found.allocationRequests()) {
            Map<String, Map<String, Long>> byProvider = new LinkedHashMap<>();
            ar.byProvider().forEach((rp, amounts) -> byProvider.put(rp, Map.copyOf(amounts)));
            ProviderView root = summaries.get(rootOf(byProvider.keySet(), summaries));
            out.add(new Candidate(root.uuid(), java.util.Collections.unmodifiableMap(byProvider), capacityLeft(root)));
        }
        return out;
    }

    /** The compute node's tree: the root of a provider that is not a sharing one (else of the first). */
    private static String rootOf(Set<String> allocated, Map<String, ProviderView> summaries) {
        String fallback = null;
        for (String uuid : allocated) {
            ProviderView p = summaries.get(uuid);
            if (fallback == null) {
                fallback = p.rootUuid();
            }
            if (!p.traits().contains(SHARING_TRAIT)) {
                return p.rootUuid();
            }
        }
        return fallback;
    }

    /** (total - reserved) * allocation_ratio - used, per class the root provider has inventory of. */
    private static Map<String, Long> capacityLeft(ProviderView root) {
        Map<String, Long> out = new HashMap<>();
        root.inventories().forEach((rc, inv) -> out.put(rc, inv.capacity() - root.used(rc)));
        return Map.copyOf(out);
    }

    @Override
    public boolean claim(List<Claim> claims) {
        List<ConsumerAllocations> consumers = new ArrayList<>(claims.size());
        for (Claim c : claims) {
            consumers.add(new ConsumerAllocations(c.consumerUuid(), c.projectId(), c.userId(), c.generation(), true,
                    null, c.allocations()));
        }
        try {
            allocations.replace(consumers, "Unable to allocate inventory ");
            return true;
        } catch (ServiceException e) {
            // 409: capacity gone, inventory changed, or a consumer generation moved; all mean "pick again".
            if (e.kind() == ErrorKind.CONFLICT) {
                LOG.info("claim for {} refused: {}", claims.stream().map(Claim::consumerUuid).toList(), e.getMessage());
                return false;
            }
            throw e;
        }
    }

    @Override
    public Holding allocations(String consumerUuid) {
        ConsumerView view = allocations.forConsumer(consumerUuid);
        if (view.allocations().isEmpty()) {
            return new Holding(null, Map.of());
        }
        Map<String, Map<String, Long>> held = new LinkedHashMap<>();
        view.allocations().forEach((rp, h) -> held.put(rp, Map.copyOf(h.resources())));
        return new Holding(view.generation(), java.util.Collections.unmodifiableMap(held));
    }

    @Override
    public void release(String consumerUuid) {
        try {
            allocations.delete(consumerUuid);
        } catch (ServiceException e) {
            if (e.kind() != ErrorKind.NOT_FOUND) {
                throw e;
            }
        }
    }

    /**
     * Reads first and writes only what differs, so a heartbeat that changes nothing leaves the
     * provider generation and the candidates snapshot alone. Traits: the host owns the standard
     * ones (it reports its whole capability set); CUSTOM_* traits it does not report are kept,
     * since operators set those on compute nodes (as Nova keeps externally set traits).
     */
    @Override
    public void syncProvider(String uuid, String name, Map<String, Inventory> inventory,
                             Set<String> traits) {
        Provider p = ensureProvider(uuid, name);
        if (!p.name().equals(name)) {
            providers.update(uuid, name, false, null, false);
        }
        syncInventory(uuid, inventory);
        syncTraits(uuid, traits);
    }

    @Override
    public void addToAggregate(String providerUuid, String aggregateUuid) {
        changeAggregates(providerUuid, aggregateUuid, true);
    }

    @Override
    public void removeFromAggregate(String providerUuid, String aggregateUuid) {
        changeAggregates(providerUuid, aggregateUuid, false);
    }

    /**
     * Read the provider's aggregates and generation, write them back changed with that generation
     * (as Nova's report client does), and start again when another writer moved the generation.
     */
    private void changeAggregates(String providerUuid, String aggregateUuid, boolean member) {
        for (int attempt = 1; ; attempt++) {
            Provider p = providers.get(providerUuid);
            List<String> current = providers.aggregates(providerUuid);
            if (current.contains(aggregateUuid) == member) {
                return;
            }
            List<String> wanted = new ArrayList<>(current);
            if (member) {
                wanted.add(aggregateUuid);
            } else {
                wanted.remove(aggregateUuid);
            }
            try {
                providers.setAggregates(providerUuid, p.generation(), wanted);
                return;
            } catch (ServiceException e) {
                if (!ErrorCodes.CONCURRENT_UPDATE.equals(e.code()) || attempt == INVENTORY_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    private Provider ensureProvider(String uuid, String name) {
        try {
            return providers.get(uuid);
        } catch (ServiceException missing) {
            if (missing.kind() != ErrorKind.NOT_FOUND) {
                throw missing;
            }
        }
        try {
            LOG.info("creating resource provider {} ({})", uuid, name);
            return providers.create(uuid, name, null);
        } catch (ServiceException e) {
            if (e.kind() == ErrorKind.CONFLICT) {
                // Another heartbeat created it meanwhile; a duplicate name of another provider stays a 409.
                try {
                    return providers.get(uuid);
                } catch (ServiceException stillMissing) {
                    throw e;
                }
            }
            throw e;
        }
    }

    private void syncInventory(String uuid, Map<String, Inventory> reported) {
        // Placement's own Inventory record; the simple name here is PlacementApi's.
        Map<String, org.apiary.placement.domain.candidates.Inventory> wanted = new LinkedHashMap<>();
        reported.forEach((rc, i) -> wanted.put(rc, new org.apiary.placement.domain.candidates.Inventory(i.total(),
                i.reserved(), i.minUnit(), i.maxUnit(), i.stepSize(), i.allocationRatio())));
        for (String rc : wanted.keySet()) {
            if (!source.resourceClassExists(rc) && CUSTOM_NAME.matcher(rc).matches()) {
                catalog.ensureResourceClass(rc);
            }
        }
        for (int attempt = 1; ; attempt++) {
            Inventories current = inventories.get(uuid);
            if (current.byClass().equals(wanted)) {
                return;
            }
            try {
                inventories.replace(uuid, current.providerGeneration(), wanted, true);
                return;
            } catch (ServiceException e) {
                if (!ErrorCodes.CONCURRENT_UPDATE.equals(e.code()) || attempt == INVENTORY_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    private void syncTraits(String uuid, Set<String> reported) {
        Set<String> current = new HashSet<>();
        providers.traits(uuid).stream().map(NamedItem::name).forEach(current::add);
        Set<String> wanted = new TreeSet<>();
        for (String t : reported) {
            if (source.traitExists(t)) {
                wanted.add(t);
            } else if (CUSTOM_NAME.matcher(t).matches()) {
                catalog.ensureTrait(t);
                wanted.add(t);
            } else if (warnedUnknownTraits.add(t)) {
                // Standard names come only from Placement's os-traits catalog; inventing one would
                // shadow a future release.
                LOG.warn("provider {}: trait {} is not in Placement's catalog and not CUSTOM_*; not published",
                        uuid, t);
            }
        }
        current.stream().filter(t -> t.startsWith("CUSTOM_") && !reported.contains(t)).forEach(wanted::add);
        if (!wanted.equals(current)) {
            providers.setTraits(uuid, null, wanted);
        }
    }
}
