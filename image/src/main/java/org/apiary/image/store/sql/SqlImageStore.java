package org.apiary.image.store.sql;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apiary.image.domain.Image;
import org.apiary.image.domain.ImageQuery;
import org.apiary.image.domain.ImageStatus;
import org.apiary.image.domain.Viewer;
import org.apiary.image.store.ImageStore;
import org.apiary.store.Database;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

public final class SqlImageStore implements ImageStore {
    static final String COLUMNS = "i.id, i.name, i.status, i.visibility, i.protected, i.os_hidden, i.min_disk, "
            + "i.min_ram, i.owner, i.disk_format, i.container_format, i.size, i.virtual_size, i.checksum, "
            + "i.os_hash_algo, i.os_hash_value, i.created_at, i.updated_at";
    private final Jdbi jdbi;

    public SqlImageStore(Database database) {
        this.jdbi = database.jdbi();
    }

    @Override
    public boolean create(Image img) {
        try {
            jdbi.useTransaction(h -> {
                h.createUpdate("INSERT INTO image_image (id, name, status, visibility, protected, os_hidden, min_disk, "
                                + "min_ram, owner, disk_format, container_format, created_at, updated_at) VALUES (:id, "
                                + ":name, :status, :visibility, :protected, :hidden, :minDisk, :minRam, :owner, :disk, "
                                + ":container, :created, :updated)")
                        .bind("id", img.id()).bind("name", img.name()).bind("status", img.status().wire())
                        .bind("visibility", img.visibility()).bind("protected", img.isProtected() ? 1 : 0)
                        .bind("hidden", img.osHidden() ? 1 : 0).bind("minDisk", img.minDisk())
                        .bind("minRam", img.minRam()).bind("owner", img.owner()).bind("disk", img.diskFormat())
                        .bind("container", img.containerFormat()).bind("created", img.createdAt().toEpochMilli())
                        .bind("updated", img.updatedAt().toEpochMilli()).execute();
                writeProperties(h, img.id(), img.properties());
                writeTags(h, img.id(), img.tags());
            });
            return true;
        } catch (RuntimeException e) {
            if (Database.isUniqueViolation(e)) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public Optional<Image> find(String id) {
        return jdbi.withHandle(h -> complete(h, h.createQuery("SELECT " + COLUMNS
                        + " FROM image_image i WHERE i.id = :id AND i.deleted_at IS NULL")
                .bind("id", id).map((rs, ctx) -> row(rs)).list())).stream().findFirst();
    }

    @Override
    public boolean idTaken(String id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM image_image WHERE id = :id")
                .bind("id", id).mapTo(Integer.class).one()) > 0;
    }

    @Override
    public List<Image> list(ImageQuery query, Image marker, Viewer viewer) {
        ImageListSql q = new ImageListSql(query, marker, viewer);
        return jdbi.withHandle(h -> {
            var select = h.createQuery(q.sql.toString());
            q.binds.forEach(select::bind);
            return complete(h, select.map((rs, ctx) -> row(rs)).list());
        });
    }

    @Override
    public boolean update(Image img, ImageStatus expected) {
        return jdbi.inTransaction(h -> {
            int n = h.createUpdate("UPDATE image_image SET name = :name, visibility = :visibility, protected = :protected, "
                            + "os_hidden = :hidden, min_disk = :minDisk, min_ram = :minRam, owner = :owner, "
                            + "disk_format = :disk, container_format = :container, updated_at = :updated "
                            + "WHERE id = :id AND status = :expected AND deleted_at IS NULL")
                    .bind("id", img.id()).bind("name", img.name()).bind("visibility", img.visibility())
                    .bind("protected", img.isProtected() ? 1 : 0).bind("hidden", img.osHidden() ? 1 : 0)
                    .bind("minDisk", img.minDisk()).bind("minRam", img.minRam()).bind("owner", img.owner())
                    .bind("disk", img.diskFormat()).bind("container", img.containerFormat())
                    .bind("updated", img.updatedAt().toEpochMilli()).bind("expected", expected.wire()).execute();
            if (n == 0) {
                return false;
            }
            h.createUpdate("DELETE FROM image_property WHERE image_id = :id").bind("id", img.id()).execute();
            h.createUpdate("DELETE FROM image_tag WHERE image_id = :id").bind("id", img.id()).execute();
            writeProperties(h, img.id(), img.properties());
            writeTags(h, img.id(), img.tags());
            return true;
        });
    }

    @Override
    public boolean transition(String id, ImageStatus from, ImageStatus to, Instant at) {
        String clear = to == ImageStatus.QUEUED ? ", size = NULL, virtual_size = NULL" : "";
        return jdbi.withHandle(h -> h.createUpdate("UPDATE image_image SET status = :to, updated_at = :at" + clear
                        + " WHERE id = :id AND status = :from AND deleted_at IS NULL")
                .bind("id", id).bind("from", from.wire()).bind("to", to.wire()).bind("at", at.toEpochMilli())
                .execute()) == 1;
    }

    @Override
    public boolean storeData(String id, ImageStatus from, ImageStatus to, DataFacts f, Instant at) {
        return jdbi.withHandle(h -> h.createUpdate("UPDATE image_image SET status = :to, size = :size, "
                        + "virtual_size = :vsize, checksum = :checksum, os_hash_algo = :algo, os_hash_value = :hash, "
                        + "updated_at = :at WHERE id = :id AND status = :from AND deleted_at IS NULL")
                .bind("id", id).bind("from", from.wire()).bind("to", to.wire()).bind("size", f.size())
                .bind("vsize", f.virtualSize()).bind("checksum", f.checksum()).bind("algo", f.osHashAlgo())
                .bind("hash", f.osHashValue()).bind("at", at.toEpochMilli()).execute()) == 1;
    }

    @Override
    public boolean setStagedSize(String id, long size, Instant at) {
        return jdbi.withHandle(h -> h.createUpdate("UPDATE image_image SET size = :size, updated_at = :at "
                        + "WHERE id = :id AND status = 'uploading' AND deleted_at IS NULL")
                .bind("id", id).bind("size", size).bind("at", at.toEpochMilli()).execute()) == 1;
    }

    @Override
    public void setProperty(String id, String name, String value, Instant at) {
        jdbi.useTransaction(h -> {
            h.createUpdate("DELETE FROM image_property WHERE image_id = :id AND name = :name")
                    .bind("id", id).bind("name", name).execute();
            if (value != null) {
                h.createUpdate("INSERT INTO image_property (image_id, name, value) VALUES (:id, :name, :value)")
                        .bind("id", id).bind("name", name).bind("value", value).execute();
            }
            h.createUpdate("UPDATE image_image SET updated_at = :at WHERE id = :id")
                    .bind("id", id).bind("at", at.toEpochMilli()).execute();
        });
    }

    @Override
    public boolean markDeleted(String id, Instant at) {
        return jdbi.withHandle(h -> h.createUpdate("UPDATE image_image SET status = 'deleted', deleted_at = :at, "
                        + "updated_at = :at WHERE id = :id AND deleted_at IS NULL")
                .bind("id", id).bind("at", at.toEpochMilli()).execute()) == 1;
    }

    @Override
    public long storageUsed(String owner, String exceptImageId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT COALESCE(SUM(size), 0) FROM image_image WHERE owner = :owner "
                        + "AND deleted_at IS NULL AND id <> :except "
                        + "AND status IN ('active', 'deactivated', 'uploading', 'importing')")
                .bind("owner", owner).bind("except", exceptImageId == null ? "" : exceptImageId)
                .mapTo(Long.class).one());
    }

    @Override
    public List<String> idsInStatus(List<ImageStatus> states) {
        return jdbi.withHandle(h -> h.createQuery("SELECT id FROM image_image WHERE deleted_at IS NULL AND status IN (<s>)")
                .bindList("s", states.stream().map(ImageStatus::wire).toList()).mapTo(String.class).list());
    }

    private static void writeProperties(Handle h, String id, Map<String, String> props) {
        var batch = h.prepareBatch("INSERT INTO image_property (image_id, name, value) VALUES (:id, :name, :value)");
        props.forEach((k, v) -> batch.bind("id", id).bind("name", k).bind("value", v).add());
        if (!props.isEmpty()) {
            batch.execute();
        }
    }

    private static void writeTags(Handle h, String id, List<String> tags) {
        var batch = h.prepareBatch("INSERT INTO image_tag (image_id, tag, seq) VALUES (:id, :tag, :seq)");
        for (int k = 0; k < tags.size(); k++) {
            batch.bind("id", id).bind("tag", tags.get(k)).bind("seq", k).add();
        }
        if (!tags.isEmpty()) {
            batch.execute();
        }
    }

    /** Adds properties and tags to rows read without them (two queries for the whole page). */
    private static List<Image> complete(Handle h, List<Image.Builder> rows) {
        if (rows.isEmpty()) {
            return List.of();
        }
        Map<String, Image.Builder> byId = new LinkedHashMap<>();
        rows.forEach(b -> byId.put(b.id, b));
        List<String> ids = new ArrayList<>(byId.keySet());
        h.createQuery("SELECT image_id, name, value FROM image_property WHERE image_id IN (<ids>) ORDER BY name")
                .bindList("ids", ids)
                .map((rs, ctx) -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3)})
                .forEach(r -> byId.get(r[0]).properties.put(r[1], r[2]));
        Map<String, List<String>> tags = new HashMap<>();
        h.createQuery("SELECT image_id, tag FROM image_tag WHERE image_id IN (<ids>) ORDER BY seq")
                .bindList("ids", ids)
                .map((rs, ctx) -> new String[] {rs.getString(1), rs.getString(2)})
                .forEach(r -> tags.computeIfAbsent(r[0], k -> new ArrayList<>()).add(r[1]));
        return rows.stream().map(b -> b.tags(tags.getOrDefault(b.id, List.of())).build()).toList();
    }

    private static Image.Builder row(ResultSet rs) throws SQLException {
        Image.Builder b = new Image.Builder();
        b.id = rs.getString("id");
        b.name = rs.getString("name");
        b.status = ImageStatus.of(rs.getString("status"));
        b.visibility = rs.getString("visibility");
        b.isProtected = rs.getInt("protected") != 0;
        b.osHidden = rs.getInt("os_hidden") != 0;
        b.minDisk = rs.getInt("min_disk");
        b.minRam = rs.getInt("min_ram");
        b.owner = rs.getString("owner");
        b.diskFormat = rs.getString("disk_format");
        b.containerFormat = rs.getString("container_format");
        b.size = nullableLong(rs, "size");
        b.virtualSize = nullableLong(rs, "virtual_size");
        b.checksum = rs.getString("checksum");
        b.osHashAlgo = rs.getString("os_hash_algo");
        b.osHashValue = rs.getString("os_hash_value");
        b.createdAt = Instant.ofEpochMilli(rs.getLong("created_at"));
        b.updatedAt = Instant.ofEpochMilli(rs.getLong("updated_at"));
        return b;
    }

    private static Long nullableLong(ResultSet rs, String col) throws SQLException {
        long v = rs.getLong(col);
        return rs.wasNull() ? null : v;
    }
}
