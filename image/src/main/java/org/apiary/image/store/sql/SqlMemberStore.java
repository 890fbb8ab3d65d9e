package org.apiary.image.store.sql;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apiary.image.domain.ImageMember;
import org.apiary.image.store.MemberStore;
import org.apiary.store.Database;
import org.jdbi.v3.core.Jdbi;

public final class SqlMemberStore implements MemberStore {
    private static final String COLUMNS = "image_id, member_id, status, created_at, updated_at";
    private final Jdbi jdbi;

    public SqlMemberStore(Database database) {
        this.jdbi = database.jdbi();
    }

    @Override
    public List<ImageMember> list(String imageId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM image_member WHERE image_id = :i "
                        + "ORDER BY created_at, member_id")
                .bind("i", imageId).map((rs, ctx) -> row(rs)).list());
    }

    @Override
    public Optional<ImageMember> find(String imageId, String memberId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM image_member WHERE image_id = :i "
                        + "AND member_id = :m")
                .bind("i", imageId).bind("m", memberId).map((rs, ctx) -> row(rs)).findFirst());
    }

    @Override
    public boolean add(ImageMember m) {
        try {
            jdbi.useHandle(h -> h.createUpdate("INSERT INTO image_member (" + COLUMNS + ") VALUES (:i, :m, :s, :c, :u)")
                    .bind("i", m.imageId()).bind("m", m.memberId()).bind("s", m.status())
                    .bind("c", m.createdAt().toEpochMilli()).bind("u", m.updatedAt().toEpochMilli()).execute());
            return true;
        } catch (RuntimeException e) {
            if (Database.isUniqueViolation(e)) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public boolean updateStatus(String imageId, String memberId, String status, Instant at) {
        return jdbi.withHandle(h -> h.createUpdate("UPDATE image_member SET status = :s, updated_at = :u "
                        + "WHERE image_id = :i AND member_id = :m")
                .bind("i", imageId).bind("m", memberId).bind("s", status).bind("u", at.toEpochMilli())
                .execute()) == 1;
    }

    @Override
    public boolean delete(String imageId, String memberId) {
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM image_member WHERE image_id = :i AND member_id = :m")
                .bind("i", imageId).bind("m", memberId).execute()) == 1;
    }

    @Override
    public int count(String imageId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM image_member WHERE image_id = :i")
                .bind("i", imageId).mapTo(Integer.class).one());
    }

    private static ImageMember row(ResultSet rs) throws SQLException {
        return new ImageMember(rs.getString("image_id"), rs.getString("member_id"), rs.getString("status"),
                Instant.ofEpochMilli(rs.getLong("created_at")), Instant.ofEpochMilli(rs.getLong("updated_at")));
    }
}
