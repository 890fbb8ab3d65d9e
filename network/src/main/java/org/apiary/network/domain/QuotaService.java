package org.apiary.network.domain;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apiary.network.store.MiscStore;
import org.apiary.network.store.NetworkStore;

/** Per-project limits: overrides from the API, else the configured defaults; -1 is unlimited. */
public final class QuotaService {
    private final MiscStore store;
    private final Map<String, Integer> defaults;
    private NetworkStore counts;

    public QuotaService(MiscStore store, Map<String, Integer> defaults) {
        this.store = store;
        this.defaults = Map.copyOf(defaults);
    }

    /** The network store counts usage; set once by the composition root (they reference each other). */
    public void countWith(NetworkStore counts) {
        this.counts = counts;
    }

    public Map<String, Integer> defaults() {
        return new java.util.TreeMap<>(defaults);
    }

    public boolean known(String resource) {
        return defaults.containsKey(resource);
    }

    public int limit(String projectId, String resource) {
        return store.quotas(projectId).getOrDefault(resource, defaults.get(resource));
    }

    public Map<String, Integer> limits(String projectId) {
        Map<String, Integer> out = new java.util.TreeMap<>(defaults);
        out.putAll(store.quotas(projectId));
        return out;
    }

    /** Projects that have overrides, with their full limits. */
    public Map<String, Map<String, Integer>> overridden() {
        Map<String, Map<String, Integer>> out = new LinkedHashMap<>();
        store.allQuotas().keySet().forEach(p -> out.put(p, limits(p)));
        return out;
    }

    public void set(String projectId, Map<String, Integer> limits) {
        for (var e : limits.entrySet()) {
            if (!known(e.getKey())) {
                throw Faults.of(org.apiary.common.error.ErrorKind.NOT_FOUND, "QuotaResourceUnknown",
                        "Unknown quota resources ['" + e.getKey() + "'].");
            }
            if (e.getValue() < -1) {
                throw Faults.invalidInput("'" + e.getValue() + "' is smaller than minimum value -1");
            }
        }
        limits.forEach((r, l) -> store.setQuota(projectId, r, l));
    }

    public void reset(String projectId) {
        store.deleteQuotas(projectId);
    }

    /** resource → {limit, used, reserved}, as GET /v2.0/quotas/{project}/details shows. */
    public Map<String, Map<String, Integer>> details(String projectId) {
        Map<String, Map<String, Integer>> out = new java.util.TreeMap<>();
        limits(projectId).forEach((r, l) -> {
            Map<String, Integer> d = new LinkedHashMap<>();
            d.put("limit", l);
            d.put("used", (int) counts.count(r, projectId));
            d.put("reserved", 0);
            out.put(r, d);
        });
        return out;
    }
}
