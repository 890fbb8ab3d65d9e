package org.apiary.identity.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.apiary.common.json.Json;

/** Keystone keeps request attributes it does not model ("email" on a user...) and echoes them. */
final class Extra {
    private Extra() {}

    @SuppressWarnings("unchecked")
    static Map<String, Object> of(ObjectNode body, String... modelled) {
        Set<String> skip = Set.of(modelled);
        Map<String, Object> all = Json.MAPPER.convertValue(body, Map.class);
        Map<String, Object> out = new HashMap<>();
        all.forEach((k, v) -> {
            if (!skip.contains(k)) {
                out.put(k, v);
            }
        });
        return out;
    }
}
