package org.apiary.identity.store.sql;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apiary.common.error.ServiceException;
import org.apiary.common.json.Json;
import org.apiary.store.Database;

/** Column conversions shared by the identity SQL stores. */
final class Sql {
    private Sql() {}

    static String json(Object value) {
        return value == null ? null : new String(Json.bytes(value), java.nio.charset.StandardCharsets.UTF_8);
    }

    static Map<String, Object> map(String json) {
        if (json == null || json.isEmpty()) {
            return Map.of();
        }
        try {
            return Json.MAPPER.readValue(json, new TypeReference<Map<String, Object>>() {});
        } catch (IOException e) {
            throw new IllegalStateException("corrupt JSON column: " + e.getMessage(), e);
        }
    }

    static List<String> list(String json) {
        if (json == null || json.isEmpty()) {
            return List.of();
        }
        try {
            return Json.MAPPER.readValue(json, new TypeReference<List<String>>() {});
        } catch (IOException e) {
            throw new IllegalStateException("corrupt JSON column: " + e.getMessage(), e);
        }
    }

    static boolean bool(ResultSet rs, String col) throws SQLException {
        return rs.getInt(col) != 0;
    }

    static int bit(boolean b) {
        return b ? 1 : 0;
    }

    static Instant instant(ResultSet rs, String col) throws SQLException {
        long v = rs.getLong(col);
        return rs.wasNull() ? null : Instant.ofEpochMilli(v);
    }

    static Long millis(Instant i) {
        return i == null ? null : i.toEpochMilli();
    }

    /** Runs an insert or update, turning a duplicate key into a 409 with the given message. */
    static void unique(Runnable write, String conflictMessage) {
        try {
            write.run();
        } catch (RuntimeException e) {
            if (Database.isUniqueViolation(e)) {
                throw ServiceException.conflict(conflictMessage);
            }
            throw e;
        }
    }
}
