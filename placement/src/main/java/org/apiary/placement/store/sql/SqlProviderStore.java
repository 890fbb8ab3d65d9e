package org.apiary.placement.store.sql;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.apiary.placement.domain.ErrorCodes;
import org.apiary.placement.domain.Failures;
import org.apiary.placement.domain.NamedItem;
import org.apiary.placement.domain.Provider;
import org.apiary.placement.domain.ProviderFilter;
import org.apiary.placement.store.ProviderStore;
import org.apiary.store.Database;
import org.jdbi.v3.core.Handle;

public final class SqlProviderStore implements ProviderStore {
    private final Tx tx;

    public SqlProviderStore(Database db) {
        this.tx = new Tx(db);
    }

    @Override
    public Provider create(String uuid, String name, String parentUuid) {
        try {
            return tx.write(h -> {
                long id = Ids.next();
                long root = id;
                Long parent = null;
                if (parentUuid != null) {
                    if (parentUuid.equals(uuid)) {
                        throw createFailed(uuid, name, "parent provider UUID cannot be same as UUID. Please set "
                                + "parent provider UUID to None if there is no parent.");
                    }
                    Refs.ProviderRow p = Refs.provider(h, parentUuid).orElseThrow(() -> createFailed(uuid, name,
                            "parent provider UUID does not exist."));
                    parent = p.id();
                    root = p.rootId();
                }
                long now = Ids.now();
                h.createUpdate("INSERT INTO placement_providers (id, uuid, name, generation, parent_id, root_id, "
                                + "created_at, updated_at) VALUES (:id, :uuid, :name, 0, :parent, :root, :now, :now)")
                        .bind("id", id).bind("uuid", uuid).bind("name", name).bind("parent", parent)
                        .bind("root", root).bind("now", now).execute();
                return get(h, uuid).orElseThrow();
            });
        } catch (RuntimeException e) {
            if (Database.isUniqueViolation(e)) {
                throw duplicate(uuid, name);
            }
            throw e;
        }
    }

    private static RuntimeException createFailed(String uuid, String name, String reason) {
        return Failures.badRequest("Unable to create resource provider \"" + name + "\", " + uuid
                + ": Object action create failed because: " + reason);
    }

    /** Says which of uuid and name was taken, as upstream does. */
    private RuntimeException duplicate(String uuid, String name) {
        List<String> taken = new ArrayList<>();
        tx.read(h -> {
            if (Refs.provider(h, uuid).isPresent()) {
                taken.add("uuid: " + uuid);
            }
            if (h.createQuery("SELECT COUNT(*) FROM placement_providers WHERE name = :n").bind("n", name)
                    .mapTo(Long.class).one() > 0) {
                taken.add("name: " + name);
            }
            return null;
        });
        return Failures.conflict("Conflicting resource provider " + String.join(", ", taken) + " already exists.",
                ErrorCodes.DUPLICATE_NAME);
    }

    @Override
    public Optional<Provider> get(String uuid) {
        return tx.read(h -> get(h, uuid));
    }

    static Optional<Provider> get(Handle h, String uuid) {
        return h.createQuery(ProviderQuery.SELECT + " WHERE p.uuid = :u").bind("u", uuid)
                .map((rs, ctx) -> ProviderQuery.row(rs)).findOne();
    }

    @Override
    public List<Provider> list(ProviderFilter filter) {
        return tx.read(h -> ProviderQuery.run(h, filter));
    }

    @Override
    public Provider update(String uuid, String name, boolean parentGiven, String parentUuid, boolean allowReparenting) {
        try {
            return tx.write(h -> {
                Refs.ProviderRow me = Refs.requireProvider(h, uuid);
                if (parentGiven) {
                    reparent(h, me, parentUuid, allowReparenting);
                }
                h.createUpdate("UPDATE placement_providers SET name = :n, updated_at = :now WHERE id = :id")
                        .bind("n", name).bind("now", Ids.now()).bind("id", me.id()).execute();
                return get(h, uuid).orElseThrow();
            });
        } catch (RuntimeException e) {
            if (Database.isUniqueViolation(e)) {
                throw Failures.conflict("Conflicting resource provider " + name + " already exists.",
                        ErrorCodes.DUPLICATE_NAME);
            }
            throw e;
        }
    }

    private static void reparent(Handle h, Refs.ProviderRow me, String parentUuid, boolean allowReparenting) {
        Long newParent = null;
        long newRoot = me.id();
        if (parentUuid != null) {
            Refs.ProviderRow p = Refs.provider(h, parentUuid).orElseThrow(() -> saveFailed(me.uuid(), "create",
                    "parent provider UUID does not exist."));
            if (me.parentId() != null && me.parentId() != p.id() && !allowReparenting) {
                throw saveFailed(me.uuid(), "update", "re-parenting a provider is not currently allowed.");
            }
            if (subtree(h, me).contains(p.id())) {
                throw saveFailed(me.uuid(), "update", "creating loop in the provider tree is not allowed.");
            }
            newParent = p.id();
            newRoot = p.rootId();
        } else if (me.parentId() != null && !allowReparenting) {
            throw saveFailed(me.uuid(), "update", "un-parenting a provider is not currently allowed.");
        }
        if (java.util.Objects.equals(newParent, me.parentId())) {
            return;
        }
        h.createUpdate("UPDATE placement_providers SET parent_id = :p WHERE id = :id")
                .bind("p", newParent).bind("id", me.id()).execute();
        if (newRoot != me.rootId()) {
            h.createUpdate("UPDATE placement_providers SET root_id = :r WHERE id IN (<ids>)")
                    .bind("r", newRoot).bindList("ids", List.copyOf(subtree(h, me))).execute();
        }
    }

    private static RuntimeException saveFailed(String uuid, String action, String reason) {
        return Failures.badRequest("Unable to save resource provider " + uuid + ": Object action " + action
                + " failed because: " + reason);
    }

    /** Keys of the provider and all its descendants. */
    private static Set<Long> subtree(Handle h, Refs.ProviderRow me) {
        Map<Long, List<Long>> children = new HashMap<>();
        h.createQuery("SELECT id, parent_id FROM placement_providers WHERE root_id = :r").bind("r", me.rootId())
                .map((rs, ctx) -> new long[] {rs.getLong(1), rs.getObject(2) == null ? -1 : rs.getLong(2)})
                .forEach(r -> children.computeIfAbsent(r[1], k -> new ArrayList<>()).add(r[0]));
        Set<Long> out = new LinkedHashSet<>();
        List<Long> todo = new ArrayList<>(List.of(me.id()));
        while (!todo.isEmpty()) {
            long id = todo.remove(todo.size() - 1);
            if (out.add(id)) {
                todo.addAll(children.getOrDefault(id, List.of()));
            }
        }
        return out;
    }

    @Override
    public void delete(String uuid) {
        tx.write(h -> {
            Refs.ProviderRow me = Refs.provider(h, uuid).orElseThrow(() ->
                    Failures.notFound("No resource provider with uuid " + uuid + " found for delete"));
            Refs.bumpGeneration(h, me.id()); // lock the row against a concurrent allocation
            if (count(h, "SELECT COUNT(*) FROM placement_providers WHERE parent_id = :id", me.id()) > 0) {
                throw Failures.conflict("Unable to delete parent resource provider " + uuid
                        + ": It has child resource providers.", ErrorCodes.PROVIDER_CANNOT_DELETE_PARENT);
            }
            if (count(h, "SELECT COUNT(*) FROM placement_allocations WHERE provider_id = :id", me.id()) > 0) {
                throw Failures.conflict("Unable to delete resource provider " + uuid
                        + ": Resource provider has allocations.", ErrorCodes.PROVIDER_IN_USE);
            }
            for (String table : List.of("placement_inventories", "placement_provider_aggregates",
                    "placement_provider_traits", "placement_providers")) {
                String key = table.equals("placement_providers") ? "id" : "provider_id";
                h.createUpdate("DELETE FROM " + table + " WHERE " + key + " = :id").bind("id", me.id()).execute();
            }
            return null;
        });
    }

    private static long count(Handle h, String sql, long id) {
        return h.createQuery(sql).bind("id", id).mapTo(Long.class).one();
    }

    @Override
    public List<String> aggregates(String uuid) {
        return tx.read(h -> aggregates(h, Refs.requireProvider(h, uuid).id()));
    }

    private static List<String> aggregates(Handle h, long providerId) {
        return h.createQuery("SELECT a.uuid FROM placement_aggregates a JOIN placement_provider_aggregates pa "
                        + "ON pa.aggregate_id = a.id WHERE pa.provider_id = :id ORDER BY a.id")
                .bind("id", providerId).mapTo(String.class).list();
    }

    @Override
    public long setAggregates(String uuid, Long expectedGeneration, List<String> aggregateUuids) {
        return tx.write(h -> {
            Refs.ProviderRow me = Refs.requireProvider(h, uuid);
            long generation = me.generation();
            if (expectedGeneration != null) {
                generation = Refs.bumpGeneration(h, uuid, expectedGeneration, "Resource provider's generation "
                        + "already changed. Please update the generation and try again.");
            }
            Set<String> wanted = new LinkedHashSet<>(aggregateUuids);
            Set<String> current = new HashSet<>(aggregates(h, me.id()));
            for (String agg : current) {
                if (!wanted.contains(agg)) {
                    h.createUpdate("DELETE FROM placement_provider_aggregates WHERE provider_id = :p AND aggregate_id = "
                            + "(SELECT id FROM placement_aggregates WHERE uuid = :a)")
                            .bind("p", me.id()).bind("a", agg).execute();
                }
            }
            for (String agg : wanted) {
                if (!current.contains(agg)) {
                    long aggId = Refs.aggregate(h, agg);
                    Tx.insertOrRetry(() -> h.createUpdate("INSERT INTO placement_provider_aggregates (provider_id, "
                            + "aggregate_id) VALUES (:p, :a)").bind("p", me.id()).bind("a", aggId).execute(),
                            "aggregate link");
                }
            }
            return generation;
        });
    }

    @Override
    public List<NamedItem> traits(String uuid) {
        return tx.read(h -> traits(h, Refs.requireProvider(h, uuid).id()));
    }

    private static List<NamedItem> traits(Handle h, long providerId) {
        return h.createQuery("SELECT t.name, COALESCE(t.updated_at, t.created_at, 0) FROM placement_traits t "
                        + "JOIN placement_provider_traits pt ON pt.trait_id = t.id WHERE pt.provider_id = :id "
                        + "ORDER BY t.name")
                .bind("id", providerId).map((rs, ctx) -> new NamedItem(rs.getString(1), rs.getLong(2))).list();
    }

    @Override
    public long setTraits(String uuid, Long expectedGeneration, Set<String> wanted) {
        return tx.write(h -> {
            Refs.ProviderRow me = Refs.requireProvider(h, uuid);
            long expected = expectedGeneration != null ? expectedGeneration : me.generation();
            if (me.generation() != expected) {
                throw Failures.concurrentUpdate("Resource provider's generation already changed. Please update "
                        + "the generation and try again.");
            }
            Map<String, Long> ids = new HashMap<>();
            Set<String> missing = new TreeSet<>();
            for (String name : wanted) {
                Refs.traitId(h, name).ifPresentOrElse(id -> ids.put(name, id), () -> missing.add(name));
            }
            if (!missing.isEmpty()) {
                throw Failures.badRequest("No such trait " + String.join(", ", missing));
            }
            Set<String> current = new HashSet<>();
            traits(h, me.id()).forEach(t -> current.add(t.name()));
            if (current.equals(wanted)) {
                return expected; // upstream leaves the generation alone when nothing changes
            }
            long generation = Refs.bumpGeneration(h, uuid, expected, "Resource provider's generation already "
                    + "changed. Please update the generation and try again.");
            h.createUpdate("DELETE FROM placement_provider_traits WHERE provider_id = :p").bind("p", me.id()).execute();
            for (long traitId : ids.values()) {
                h.createUpdate("INSERT INTO placement_provider_traits (provider_id, trait_id) VALUES (:p, :t)")
                        .bind("p", me.id()).bind("t", traitId).execute();
            }
            return generation;
        });
    }
}
