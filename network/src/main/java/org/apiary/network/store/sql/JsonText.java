package org.apiary.network.store.sql;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import java.time.Instant;
import org.apiary.common.json.Json;

/** List- and map-valued columns are JSON text; times are epoch milliseconds. */
final class JsonText {
    private JsonText() {}

    static String write(Object value) {
        try {
            return Json.MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static <T> T read(String text, TypeReference<T> type) {
        try {
            return Json.MAPPER.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("corrupt JSON column: " + text, e);
        }
    }

    static long millis(Instant t) {
        return t.toEpochMilli();
    }

    static Instant instant(long millis) {
        return Instant.ofEpochMilli(millis);
    }

    static int bit(boolean b) {
        return b ? 1 : 0;
    }
}
