package org.apiary.image.store.sql;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import org.apiary.image.domain.ImageTask;
import org.apiary.image.store.TaskStore;
import org.apiary.store.Database;
import org.jdbi.v3.core.Jdbi;

public final class SqlTaskStore implements TaskStore {
    private static final String COLUMNS = "id, image_id, type, status, owner, user_id, request_id, input, result, "
            + "message, created_at, updated_at, expires_at";
    private final Jdbi jdbi;

    public SqlTaskStore(Database database) {
        this.jdbi = database.jdbi();
    }

    @Override
    public void create(ImageTask t) {
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO image_task (" + COLUMNS + ") VALUES (:id, :image, :type, "
                        + ":status, :owner, :user, :request, :input, :result, :message, :created, :updated, :expires)")
                .bind("id", t.id()).bind("image", t.imageId()).bind("type", t.type()).bind("status", t.status())
                .bind("owner", t.owner()).bind("user", t.userId()).bind("request", t.requestId())
                .bind("input", t.input()).bind("result", t.result()).bind("message", t.message())
                .bind("created", t.createdAt().toEpochMilli()).bind("updated", t.updatedAt().toEpochMilli())
                .bind("expires", t.expiresAt() == null ? null : t.expiresAt().toEpochMilli()).execute());
    }

    @Override
    public void finish(String id, String status, String result, String message, Instant at, Instant expiresAt) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE image_task SET status = :status, result = :result, "
                        + "message = :message, updated_at = :at, expires_at = :expires WHERE id = :id")
                .bind("id", id).bind("status", status).bind("result", result).bind("message", message)
                .bind("at", at.toEpochMilli()).bind("expires", expiresAt.toEpochMilli()).execute());
    }

    @Override
    public void setStatus(String id, String status, Instant at) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE image_task SET status = :status, updated_at = :at WHERE id = :id")
                .bind("id", id).bind("status", status).bind("at", at.toEpochMilli()).execute());
    }

    @Override
    public List<ImageTask> forImage(String imageId, Instant now) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM image_task WHERE image_id = :image "
                        + "AND (expires_at IS NULL OR expires_at >= :now) ORDER BY created_at, id")
                .bind("image", imageId).bind("now", now.toEpochMilli()).map((rs, ctx) -> row(rs)).list());
    }

    private static ImageTask row(ResultSet rs) throws SQLException {
        long expires = rs.getLong("expires_at");
        Instant expiresAt = rs.wasNull() ? null : Instant.ofEpochMilli(expires);
        return new ImageTask(rs.getString("id"), rs.getString("image_id"), rs.getString("type"),
                rs.getString("status"), rs.getString("owner"), rs.getString("user_id"), rs.getString("request_id"),
                rs.getString("input"), rs.getString("result"), rs.getString("message"),
                Instant.ofEpochMilli(rs.getLong("created_at")), Instant.ofEpochMilli(rs.getLong("updated_at")),
                expiresAt);
    }
}
