package org.apiary.placement.store.sql;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.apiary.placement.domain.CapacityCheck;
import org.apiary.placement.domain.ConsumerAllocations;
import org.apiary.placement.domain.Failures;
import org.apiary.placement.domain.candidates.Inventory;
import org.jdbi.v3.core.Handle;

/**
 * Replaces the allocations of a set of consumers inside the caller's transaction, in a fixed lock
 * order: consumers by uuid (generation compare-and-bump), then providers by uuid (generation
 * bump), then the capacity check against freshly read usages, then the inserts. Every writer of
 * a provider goes through its row lock, so capacity can never be over-committed.
 */
final class AllocationWriter {
    private AllocationWriter() {}

    private record ConsumerRow(long id, long generation) {}

    static void apply(Handle h, List<ConsumerAllocations> requests, String incompleteProject, String incompleteUser) {
        List<ConsumerAllocations> sorted = new ArrayList<>(requests);
        sorted.sort(Comparator.comparing(ConsumerAllocations::consumerUuid));
        Map<String, Long> consumerIds = new HashMap<>();
        TreeMap<String, Long> providers = new TreeMap<>();
        long now = Ids.now();
        for (ConsumerAllocations req : sorted) {
            Optional<Long> id = lockConsumer(h, req, incompleteProject, incompleteUser, now, providers);
            id.ifPresent(c -> consumerIds.put(req.consumerUuid(), c));
        }
        for (ConsumerAllocations req : sorted) {
            for (String rp : req.resources().keySet()) {
                if (!providers.containsKey(rp)) {
                    providers.put(rp, Refs.provider(h, rp).orElseThrow(() -> Failures.badRequest(
                            "Allocation for resource provider '" + rp + "' that does not exist.")).id());
                }
            }
        }
        for (long providerId : providers.values()) {
            Refs.bumpGeneration(h, providerId);
        }
        List<CapacityCheck.Claim> claims = new ArrayList<>();
        for (ConsumerAllocations req : requests) {
            req.resources().forEach((rp, amounts) -> amounts.forEach((rc, amount) ->
                    claims.add(new CapacityCheck.Claim(rp, rc, amount))));
        }
        Map<String, Long> classIds = SqlInventoryStore.classIds(h,
                claims.stream().map(CapacityCheck.Claim::resourceClass).distinct().toList(),
                rc -> Failures.badRequest("Unable to allocate inventory: No such resource class " + rc + "."));
        if (!claims.isEmpty()) {
            Map<String, Map<String, Inventory>> inventories = new HashMap<>();
            Map<String, Map<String, Long>> used = new HashMap<>();
            readCapacity(h, claims, providers, inventories, used);
            CapacityCheck.verify(claims, inventories, used);
        }
        for (ConsumerAllocations req : requests) {
            Long consumer = consumerIds.get(req.consumerUuid());
            req.resources().forEach((rp, amounts) -> amounts.forEach((rc, amount) ->
                    h.createUpdate("INSERT INTO placement_allocations (provider_id, consumer_id, resource_class_id, "
                                    + "used, created_at) VALUES (:p, :c, :rc, :used, :now)")
                            .bind("p", providers.get(rp)).bind("c", consumer).bind("rc", classIds.get(rc))
                            .bind("used", amount).bind("now", now).execute()));
        }
        // A consumer exists only while it holds something (upstream deletes it with its last allocation).
        for (ConsumerAllocations req : requests) {
            Long consumer = consumerIds.get(req.consumerUuid());
            if (consumer != null && req.resources().isEmpty()) {
                h.createUpdate("DELETE FROM placement_consumers WHERE id = :c").bind("c", consumer).execute();
            }
        }
    }

    /**
     * Checks and bumps the consumer generation (creating the consumer when new), updates its
     * project, user and type, and clears its current allocations.
     * @return the consumer key, or empty for a new consumer that asks for nothing
     */
    private static Optional<Long> lockConsumer(Handle h, ConsumerAllocations req, String incompleteProject,
                                               String incompleteUser, long now, Map<String, Long> providersToBump) {
        String project = req.projectId() != null ? req.projectId() : incompleteProject;
        String user = req.userId() != null ? req.userId() : incompleteUser;
        long projectId = Refs.external(h, "placement_projects", project);
        long userId = Refs.external(h, "placement_users", user);
        Long typeId = req.consumerType() == null ? null : Refs.consumerType(h, req.consumerType());
        Optional<ConsumerRow> existing = h.createQuery("SELECT id, generation FROM placement_consumers WHERE uuid = :u")
                .bind("u", req.consumerUuid()).map((rs, ctx) -> new ConsumerRow(rs.getLong(1), rs.getLong(2)))
                .findOne();
        if (existing.isEmpty()) {
            if (req.checkGeneration() && req.generation() != null) {
                throw Failures.concurrentUpdate("consumer generation conflict - expected null but got "
                        + req.generation());
            }
            if (req.resources().isEmpty()) {
                return Optional.empty();
            }
            long id = Ids.next();
            Tx.insertOrRetry(() -> h.createUpdate("INSERT INTO placement_consumers (id, uuid, project_id, user_id, "
                            + "consumer_type_id, generation, created_at, updated_at) VALUES (:id, :u, :p, :usr, :t, 1, "
                            + ":now, :now)")
                    .bind("id", id).bind("u", req.consumerUuid()).bind("p", projectId).bind("usr", userId)
                    .bind("t", typeId).bind("now", now).execute(), "consumer " + req.consumerUuid());
            return Optional.of(id);
        }
        ConsumerRow c = existing.get();
        if (req.checkGeneration() && !Objects.equals(req.generation(), c.generation())) {
            throw Failures.concurrentUpdate("consumer generation conflict - expected " + c.generation() + " but got "
                    + (req.generation() == null ? "None" : req.generation()));
        }
        int n = h.createUpdate("UPDATE placement_consumers SET generation = generation + 1, project_id = :p, "
                        + "user_id = :usr, consumer_type_id = COALESCE(:t, consumer_type_id), updated_at = :now "
                        + "WHERE id = :id AND generation = :g")
                .bind("p", projectId).bind("usr", userId).bind("t", typeId).bind("now", now).bind("id", c.id())
                .bind("g", c.generation()).execute();
        if (n == 0) {
            throw new Tx.Retry("consumer " + req.consumerUuid() + " changed under us");
        }
        if (req.resources().isEmpty()) {
            // Removing everything: the providers it leaves see their generation bumped, as upstream.
            h.createQuery("SELECT DISTINCT p.uuid, p.id FROM placement_allocations a JOIN placement_providers p "
                            + "ON p.id = a.provider_id WHERE a.consumer_id = :c")
                    .bind("c", c.id()).map((rs, ctx) -> Map.entry(rs.getString(1), rs.getLong(2)))
                    .forEach(e -> providersToBump.put(e.getKey(), e.getValue()));
        }
        h.createUpdate("DELETE FROM placement_allocations WHERE consumer_id = :c").bind("c", c.id()).execute();
        return Optional.of(c.id());
    }

    /** Inventories and current usages of the claimed (provider, class) pairs, read under the locks. */
    private static void readCapacity(Handle h, List<CapacityCheck.Claim> claims, Map<String, Long> providerIds,
                                     Map<String, Map<String, Inventory>> inventories,
                                     Map<String, Map<String, Long>> used) {
        List<Long> ids = claims.stream().map(c -> providerIds.get(c.providerUuid())).distinct().toList();
        List<String> classes = claims.stream().map(CapacityCheck.Claim::resourceClass).distinct().toList();
        h.createQuery("SELECT p.uuid, c.name, i.total, i.reserved, i.min_unit, i.max_unit, i.step_size, "
                        + "i.allocation_ratio FROM placement_inventories i JOIN placement_providers p ON p.id = i.provider_id "
                        + "JOIN placement_resource_classes c ON c.id = i.resource_class_id "
                        + "WHERE i.provider_id IN (<ids>) AND c.name IN (<classes>)")
                .bindList("ids", ids).bindList("classes", classes)
                .map((rs, ctx) -> {
                    inventories.computeIfAbsent(rs.getString(1), k -> new LinkedHashMap<>()).put(rs.getString(2),
                            new Inventory(rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(6), rs.getLong(7),
                                    rs.getDouble(8)));
                    return 0;
                }).list();
        h.createQuery("SELECT p.uuid, c.name, SUM(a.used) FROM placement_allocations a "
                        + "JOIN placement_providers p ON p.id = a.provider_id "
                        + "JOIN placement_resource_classes c ON c.id = a.resource_class_id "
                        + "WHERE a.provider_id IN (<ids>) AND c.name IN (<classes>) GROUP BY p.uuid, c.name")
                .bindList("ids", ids).bindList("classes", classes)
                .map((rs, ctx) -> {
                    used.computeIfAbsent(rs.getString(1), k -> new HashMap<>()).put(rs.getString(2), rs.getLong(3));
                    return 0;
                }).list();
    }
}
