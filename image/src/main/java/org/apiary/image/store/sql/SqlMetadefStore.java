package org.apiary.image.store.sql;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import org.apiary.image.domain.MetadefAssociation;
import org.apiary.image.domain.MetadefItem;
import org.apiary.image.domain.MetadefNamespace;
import org.apiary.image.store.MetadefStore;
import org.apiary.store.Database;
import org.jdbi.v3.core.Jdbi;

public final class SqlMetadefStore implements MetadefStore {
    private static final String NS_COLUMNS = "id, namespace, display_name, description, visibility, protected, owner, "
            + "created_at, updated_at";
    private final Jdbi jdbi;

    public SqlMetadefStore(Database database) {
        this.jdbi = database.jdbi();
    }

    /** Runs a write; a unique-key violation means the name is taken (false). */
    private static boolean unique(Supplier<Boolean> write) {
        try {
            return write.get();
        } catch (RuntimeException e) {
            if (Database.isUniqueViolation(e)) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public Optional<MetadefNamespace> namespace(String name) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + NS_COLUMNS + " FROM image_md_namespace WHERE namespace = :n")
                .bind("n", name).map((rs, ctx) -> namespace(rs)).findFirst());
    }

    @Override
    public List<MetadefNamespace> namespaces() {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + NS_COLUMNS + " FROM image_md_namespace "
                + "ORDER BY created_at DESC, id DESC").map((rs, ctx) -> namespace(rs)).list());
    }

    @Override
    public boolean createNamespace(MetadefNamespace ns) {
        return unique(() -> jdbi.withHandle(h -> h.createUpdate("INSERT INTO image_md_namespace (" + NS_COLUMNS
                        + ") VALUES (:id, :namespace, :display, :description, :visibility, :protected, :owner, :created, "
                        + ":updated)")
                .bind("id", ns.id()).bind("namespace", ns.namespace()).bind("display", ns.displayName())
                .bind("description", ns.description()).bind("visibility", ns.visibility())
                .bind("protected", ns.isProtected() ? 1 : 0).bind("owner", ns.owner())
                .bind("created", ns.createdAt().toEpochMilli()).bind("updated", ns.updatedAt().toEpochMilli())
                .execute() == 1));
    }

    @Override
    public boolean updateNamespace(MetadefNamespace ns) {
        return unique(() -> jdbi.withHandle(h -> h.createUpdate("UPDATE image_md_namespace SET namespace = :namespace, "
                        + "display_name = :display, description = :description, visibility = :visibility, "
                        + "protected = :protected, owner = :owner, updated_at = :updated WHERE id = :id")
                .bind("id", ns.id()).bind("namespace", ns.namespace()).bind("display", ns.displayName())
                .bind("description", ns.description()).bind("visibility", ns.visibility())
                .bind("protected", ns.isProtected() ? 1 : 0).bind("owner", ns.owner())
                .bind("updated", ns.updatedAt().toEpochMilli()).execute() == 1));
    }

    @Override
    public void deleteNamespace(String id) {
        jdbi.useTransaction(h -> {
            for (String table : List.of("image_md_item", "image_md_association")) {
                h.createUpdate("DELETE FROM " + table + " WHERE namespace_id = :id").bind("id", id).execute();
            }
            h.createUpdate("DELETE FROM image_md_namespace WHERE id = :id").bind("id", id).execute();
        });
    }

    @Override
    public List<MetadefItem> items(String namespaceId, MetadefItem.Kind kind) {
        return jdbi.withHandle(h -> h.createQuery("SELECT name, body, created_at, updated_at FROM image_md_item "
                        + "WHERE namespace_id = :ns AND kind = :kind ORDER BY created_at DESC, name")
                .bind("ns", namespaceId).bind("kind", kind(kind)).map((rs, ctx) -> item(rs)).list());
    }

    @Override
    public Optional<MetadefItem> item(String namespaceId, MetadefItem.Kind kind, String name) {
        return jdbi.withHandle(h -> h.createQuery("SELECT name, body, created_at, updated_at FROM image_md_item "
                        + "WHERE namespace_id = :ns AND kind = :kind AND name = :name")
                .bind("ns", namespaceId).bind("kind", kind(kind)).bind("name", name)
                .map((rs, ctx) -> item(rs)).findFirst());
    }

    @Override
    public boolean addItem(String namespaceId, MetadefItem.Kind kind, MetadefItem item) {
        return unique(() -> jdbi.withHandle(h -> h.createUpdate("INSERT INTO image_md_item (namespace_id, kind, name, "
                        + "body, created_at, updated_at) VALUES (:ns, :kind, :name, :body, :created, :updated)")
                .bind("ns", namespaceId).bind("kind", kind(kind)).bind("name", item.name()).bind("body", item.body())
                .bind("created", item.createdAt().toEpochMilli()).bind("updated", item.updatedAt().toEpochMilli())
                .execute() == 1));
    }

    @Override
    public boolean replaceItem(String namespaceId, MetadefItem.Kind kind, String oldName, MetadefItem item) {
        return unique(() -> jdbi.withHandle(h -> h.createUpdate("UPDATE image_md_item SET name = :name, body = :body, "
                        + "updated_at = :updated WHERE namespace_id = :ns AND kind = :kind AND name = :old")
                .bind("ns", namespaceId).bind("kind", kind(kind)).bind("old", oldName).bind("name", item.name())
                .bind("body", item.body()).bind("updated", item.updatedAt().toEpochMilli()).execute() == 1));
    }

    @Override
    public boolean deleteItem(String namespaceId, MetadefItem.Kind kind, String name) {
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM image_md_item WHERE namespace_id = :ns AND kind = :kind "
                        + "AND name = :name")
                .bind("ns", namespaceId).bind("kind", kind(kind)).bind("name", name).execute()) == 1;
    }

    @Override
    public void deleteItems(String namespaceId, MetadefItem.Kind kind) {
        jdbi.useHandle(h -> h.createUpdate("DELETE FROM image_md_item WHERE namespace_id = :ns AND kind = :kind")
                .bind("ns", namespaceId).bind("kind", kind(kind)).execute());
    }

    @Override
    public List<MetadefAssociation> resourceTypes() {
        return jdbi.withHandle(h -> h.createQuery("SELECT name, created_at, updated_at FROM image_md_resource_type "
                        + "ORDER BY name")
                .map((rs, ctx) -> new MetadefAssociation(rs.getString("name"), null, null, instant(rs, "created_at"),
                        instant(rs, "updated_at"))).list());
    }

    @Override
    public List<MetadefAssociation> associations(String namespaceId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT resource_type, prefix, properties_target, created_at, "
                        + "updated_at FROM image_md_association WHERE namespace_id = :ns ORDER BY created_at, resource_type")
                .bind("ns", namespaceId)
                .map((rs, ctx) -> new MetadefAssociation(rs.getString("resource_type"), rs.getString("prefix"),
                        rs.getString("properties_target"), instant(rs, "created_at"), instant(rs, "updated_at")))
                .list());
    }

    @Override
    public boolean associate(String namespaceId, MetadefAssociation a) {
        return unique(() -> jdbi.inTransaction(h -> {
            int known = h.createQuery("SELECT COUNT(*) FROM image_md_resource_type WHERE name = :n")
                    .bind("n", a.name()).mapTo(Integer.class).one();
            if (known == 0) {
                h.createUpdate("INSERT INTO image_md_resource_type (name, protected, created_at, updated_at) "
                                + "VALUES (:n, 0, :at, :at)")
                        .bind("n", a.name()).bind("at", a.createdAt().toEpochMilli()).execute();
            }
            return h.createUpdate("INSERT INTO image_md_association (namespace_id, resource_type, prefix, "
                            + "properties_target, created_at, updated_at) VALUES (:ns, :n, :prefix, :target, :at, :at)")
                    .bind("ns", namespaceId).bind("n", a.name()).bind("prefix", a.prefix())
                    .bind("target", a.propertiesTarget()).bind("at", a.createdAt().toEpochMilli()).execute() == 1;
        }));
    }

    @Override
    public boolean dissociate(String namespaceId, String resourceType) {
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM image_md_association WHERE namespace_id = :ns "
                        + "AND resource_type = :n")
                .bind("ns", namespaceId).bind("n", resourceType).execute()) == 1;
    }

    private static String kind(MetadefItem.Kind kind) {
        return kind.name().toLowerCase(Locale.ROOT);
    }

    private static MetadefNamespace namespace(ResultSet rs) throws SQLException {
        return new MetadefNamespace(rs.getString("id"), rs.getString("namespace"), rs.getString("display_name"),
                rs.getString("description"), rs.getString("visibility"), rs.getInt("protected") != 0,
                rs.getString("owner"), instant(rs, "created_at"), instant(rs, "updated_at"));
    }

    private static MetadefItem item(ResultSet rs) throws SQLException {
        return new MetadefItem(rs.getString("name"), rs.getString("body"), instant(rs, "created_at"),
                instant(rs, "updated_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        return Instant.ofEpochMilli(rs.getLong(column));
    }
}
