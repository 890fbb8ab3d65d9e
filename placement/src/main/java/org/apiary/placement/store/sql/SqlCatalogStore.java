package org.apiary.placement.store.sql;

import java.util.List;
import java.util.Optional;
import org.apiary.placement.domain.Failures;
import org.apiary.placement.domain.NamedItem;
import org.apiary.placement.store.CatalogStore;
import org.apiary.store.Database;
import org.jdbi.v3.core.Handle;

/** Resource classes and traits. Standard ones are seeded by migration; only CUSTOM_* ones change. */
public final class SqlCatalogStore implements CatalogStore {
    private static final String CUSTOM = "CUSTOM_";
    private final Tx tx;

    public SqlCatalogStore(Database db) {
        this.tx = new Tx(db);
    }

    @Override
    public List<NamedItem> resourceClasses() {
        return tx.read(h -> h.createQuery("SELECT name, COALESCE(updated_at, created_at, 0) FROM "
                + "placement_resource_classes ORDER BY id").map((rs, ctx) -> item(rs)).list());
    }

    private static NamedItem item(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new NamedItem(rs.getString(1), rs.getLong(2));
    }

    @Override
    public Optional<NamedItem> resourceClass(String name) {
        return tx.read(h -> resourceClass(h, name));
    }

    private static Optional<NamedItem> resourceClass(Handle h, String name) {
        return h.createQuery("SELECT name, COALESCE(updated_at, created_at, 0) FROM placement_resource_classes "
                + "WHERE name = :n").bind("n", name).map((rs, ctx) -> item(rs)).findOne();
    }

    @Override
    public boolean createResourceClass(String name) {
        return tx.write(h -> {
            if (resourceClass(h, name).isPresent()) {
                return false;
            }
            long now = Ids.now();
            Tx.insertOrRetry(() -> h.createUpdate("INSERT INTO placement_resource_classes (id, name, created_at, "
                    + "updated_at) VALUES (:id, :n, :now, :now)").bind("id", Ids.next()).bind("n", name)
                    .bind("now", now).execute(), "resource class " + name);
            return true;
        });
    }

    @Override
    public void renameResourceClass(String name, String newName) {
        tx.write(h -> {
            if (resourceClass(h, name).isEmpty()) {
                throw Failures.notFound("No such resource class " + name + ".");
            }
            if (!name.startsWith(CUSTOM)) {
                throw Failures.badRequest("Cannot update standard resource class " + name);
            }
            if (resourceClass(h, newName).isPresent()) {
                throw Failures.conflict("Resource class already exists: " + newName);
            }
            h.createUpdate("UPDATE placement_resource_classes SET name = :new, updated_at = :now WHERE name = :n")
                    .bind("new", newName).bind("now", Ids.now()).bind("n", name).execute();
            return null;
        });
    }

    @Override
    public void deleteResourceClass(String name) {
        tx.write(h -> {
            if (resourceClass(h, name).isEmpty()) {
                throw Failures.notFound("No such resource class " + name + ".");
            }
            if (!name.startsWith(CUSTOM)) {
                throw Failures.badRequest("Error in delete resource class: Cannot delete standard resource class "
                        + name + ".");
            }
            long inUse = h.createQuery("SELECT COUNT(*) FROM placement_inventories i JOIN placement_resource_classes c "
                    + "ON c.id = i.resource_class_id WHERE c.name = :n").bind("n", name).mapTo(Long.class).one();
            if (inUse > 0) {
                throw Failures.conflict("Error in delete resource class: Cannot delete resource class " + name
                        + ". Class is in use in inventory.");
            }
            h.createUpdate("DELETE FROM placement_resource_classes WHERE name = :n").bind("n", name).execute();
            return null;
        });
    }

    @Override
    public List<NamedItem> traits(List<String> namesIn, String prefix, Boolean associated) {
        StringBuilder sql = new StringBuilder("SELECT t.name, COALESCE(t.updated_at, t.created_at, 0) "
                + "FROM placement_traits t WHERE 1 = 1");
        if (namesIn != null) {
            sql.append(namesIn.isEmpty() ? " AND 1 = 0" : " AND t.name IN (<names>)");
        }
        if (prefix != null) {
            sql.append(" AND t.name LIKE :prefix");
        }
        if (associated != null) {
            sql.append(associated ? " AND" : " AND NOT").append(
                    " EXISTS (SELECT 1 FROM placement_provider_traits pt WHERE pt.trait_id = t.id)");
        }
        sql.append(" ORDER BY t.name");
        return tx.read(h -> {
            var q = h.createQuery(sql.toString());
            if (namesIn != null && !namesIn.isEmpty()) {
                q.bindList("names", namesIn);
            }
            if (prefix != null) {
                q.bind("prefix", prefix + "%"); // LIKE may over-match (_ and case on SQLite); filtered below
            }
            return q.map((rs, ctx) -> item(rs)).list().stream()
                    .filter(t -> prefix == null || t.name().startsWith(prefix)).toList();
        });
    }

    @Override
    public Optional<NamedItem> trait(String name) {
        return tx.read(h -> trait(h, name));
    }

    private static Optional<NamedItem> trait(Handle h, String name) {
        return h.createQuery("SELECT name, COALESCE(updated_at, created_at, 0) FROM placement_traits WHERE name = :n")
                .bind("n", name).map((rs, ctx) -> item(rs)).findOne();
    }

    @Override
    public boolean createTrait(String name) {
        return tx.write(h -> {
            if (trait(h, name).isPresent()) {
                return false;
            }
            long now = Ids.now();
            Tx.insertOrRetry(() -> h.createUpdate("INSERT INTO placement_traits (id, name, created_at, updated_at) "
                    + "VALUES (:id, :n, :now, :now)").bind("id", Ids.next()).bind("n", name).bind("now", now)
                    .execute(), "trait " + name);
            return true;
        });
    }

    @Override
    public void deleteTrait(String name) {
        tx.write(h -> {
            if (trait(h, name).isEmpty()) {
                throw Failures.notFound("No such trait(s): " + name + ".");
            }
            if (!name.startsWith(CUSTOM)) {
                throw Failures.badRequest("Cannot delete standard trait " + name + ".");
            }
            long inUse = h.createQuery("SELECT COUNT(*) FROM placement_provider_traits pt JOIN placement_traits t "
                    + "ON t.id = pt.trait_id WHERE t.name = :n").bind("n", name).mapTo(Long.class).one();
            if (inUse > 0) {
                throw Failures.conflict("The trait " + name + " is in use by a resource provider.");
            }
            h.createUpdate("DELETE FROM placement_traits WHERE name = :n").bind("n", name).execute();
            return null;
        });
    }
}
