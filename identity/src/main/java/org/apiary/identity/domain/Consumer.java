package org.apiary.identity.domain;

import java.util.Map;

/** An OS-OAUTH1 consumer as shown: its secret is only ever returned by the create call. */
public record Consumer(String id, String description, Map<String, Object> extra) {
    public Consumer {
        extra = extra == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(extra));
    }
}
