package org.apiary.identity.domain;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apiary.identity.store.CatalogStore;

/**
 * Regions, services and endpoints, and the service catalog tokens carry. The rendered catalog is
 * cached and rebuilt after any catalog change, because every token response includes it.
 */
public final class CatalogDirectory {
    private final CatalogStore store;
    private final AtomicReference<List<Map<String, Object>>> cached = new AtomicReference<>();

    public CatalogDirectory(CatalogStore store) {
        this.store = store;
    }

    public CatalogStore store() {
        return store;
    }

    /** Call after any write to regions, services or endpoints. */
    public void changed() {
        cached.set(null);
    }

    /** The catalog in Keystone's token format: enabled services with their enabled endpoints. */
    public List<Map<String, Object>> tokenCatalog() {
        List<Map<String, Object>> c = cached.get();
        if (c == null) {
            c = build();
            cached.set(c);
        }
        return c;
    }

    private List<Map<String, Object>> build() {
        Map<String, List<Map<String, Object>>> byService = new LinkedHashMap<>();
        for (Endpoint e : store.listEndpoints()) {
            if (!e.enabled()) {
                continue;
            }
            Map<String, Object> ep = new LinkedHashMap<>();
            ep.put("id", e.id());
            ep.put("interface", e.iface());
            ep.put("region_id", e.regionId());
            ep.put("url", e.url());
            ep.put("region", e.regionId());
            byService.computeIfAbsent(e.serviceId(), k -> new ArrayList<>()).add(ep);
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (CatalogService s : store.listServices()) {
            if (!s.enabled()) {
                continue;
            }
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("endpoints", byService.getOrDefault(s.id(), List.of()));
            entry.put("id", s.id());
            entry.put("type", s.type());
            entry.put("name", s.name());
            out.add(entry);
        }
        return List.copyOf(out);
    }
}
