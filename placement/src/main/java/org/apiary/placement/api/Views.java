package org.apiary.placement.api;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apiary.http.ApiRequest;
import org.apiary.http.ApiResponse;
import org.apiary.placement.domain.Provider;
import org.apiary.placement.domain.candidates.Inventory;

/** Rendering shared by the handlers: providers with their links, inventories, cache headers. */
final class Views {
    private Views() {}

    static String providerPath(String uuid) {
        return "/resource_providers/" + uuid;
    }

    /** Relative links, as upstream (it never tracks proxy addresses). */
    static Map<String, Object> provider(ApiRequest req, Provider p) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("uuid", p.uuid());
        out.put("name", p.name());
        out.put("generation", p.generation());
        String url = providerPath(p.uuid());
        List<Map<String, String>> links = new ArrayList<>();
        links.add(Map.of("rel", "self", "href", url));
        List<String> rels = new ArrayList<>(List.of("inventories", "usages"));
        if (req.atLeast("1.1")) {
            rels.add("aggregates");
        }
        if (req.atLeast("1.6")) {
            rels.add("traits");
        }
        if (req.atLeast("1.11")) {
            rels.add("allocations");
        }
        rels.forEach(rel -> links.add(Map.of("rel", rel, "href", url + "/" + rel)));
        out.put("links", links);
        if (req.atLeast("1.14")) {
            out.put("parent_provider_uuid", p.parentUuid());
            out.put("root_provider_uuid", p.rootUuid());
        }
        return out;
    }

    static Map<String, Object> inventory(Inventory i) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("total", i.total());
        out.put("reserved", i.reserved());
        out.put("min_unit", i.minUnit());
        out.put("max_unit", i.maxUnit());
        out.put("step_size", i.stepSize());
        out.put("allocation_ratio", i.allocationRatio());
        return out;
    }

    /**
     * From 1.15 on every GET (and some writes) says "no-cache" and when the data last changed;
     * {@code lastModified} 0 means "now", as upstream falls back to utcnow.
     */
    static ApiResponse cached(ApiRequest req, ApiResponse res, long lastModified) {
        if (req.atLeast("1.15")) {
            long when = lastModified > 0 ? lastModified : System.currentTimeMillis();
            res.header("Cache-Control", "no-cache");
            res.header("Last-Modified", DateTimeFormatter.RFC_1123_DATE_TIME.format(
                    Instant.ofEpochMilli(when).atOffset(ZoneOffset.UTC)));
        }
        return res;
    }
}
