package org.apiary.network.api;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apiary.http.ApiRequest;
import org.apiary.network.domain.Faults;

/**
 * Neutron's list semantics over rendered items: filters on any attribute (a repeated parameter
 * matches any of its values), tag filters, {@code fields}, {@code sort_key}/{@code sort_dir},
 * {@code limit}/{@code marker}/{@code page_reverse} with {@code <collection>_links}.
 */
public final class Listing {
    private static final Set<String> CONTROL = Set.of("fields", "sort_key", "sort_dir", "limit", "marker",
            "page_reverse", "tags", "tags-any", "not-tags", "not-tags-any");

    private final int maxLimit;

    public Listing(int maxLimit) {
        this.maxLimit = maxLimit;
    }

    /** Applies the query to visible items and renders {@code {collection: [...], collection_links?}}. */
    public Map<String, Object> render(ApiRequest req, String collection, List<Map<String, Object>> items,
                                      Collection<String> extraFilters) {
        Map<String, List<String>> q = req.query();
        List<String> unknown = new ArrayList<>();
        for (String key : q.keySet()) {
            if (!CONTROL.contains(key) && !extraFilters.contains(key) && !knownAttribute(items, key, collection)) {
                unknown.add(key);
            }
        }
        if (!unknown.isEmpty()) {
            throw Faults.of(org.apiary.common.error.ErrorKind.BAD_REQUEST, "HTTPBadRequest",
                    "['" + String.join("', '", unknown) + "'] is invalid attribute for filtering");
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map<String, Object> item : items) {
            if (matches(item, q)) {
                out.add(item);
            }
        }
        sort(out, q);
        Map<String, Object> body = new LinkedHashMap<>();
        List<Map<String, Object>> page = paginate(req, collection, out, body);
        List<String> fields = q.getOrDefault("fields", List.of()).stream().filter(f -> !f.isEmpty()).toList();
        List<Map<String, Object>> shown = new ArrayList<>();
        for (Map<String, Object> item : page) {
            shown.add(select(item, fields));
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put(collection, shown);
        result.putAll(body);
        return result;
    }

    /** Filterable attributes per collection, so a filter on an empty list is not refused as unknown. */
    private static final Map<String, Set<String>> ATTRIBUTES = Map.of(
            "subnets", Set.of("id", "name", "network_id", "tenant_id", "project_id", "ip_version", "cidr",
                    "gateway_ip", "enable_dhcp", "ipv6_ra_mode", "ipv6_address_mode", "subnetpool_id",
                    "dns_nameservers", "host_routes", "allocation_pools", "description", "segment_id",
                    "revision_number", "created_at", "updated_at", "service_types"),
            "security_groups", Set.of("id", "name", "description", "tenant_id", "project_id", "stateful", "shared",
                    "revision_number", "created_at", "updated_at"),
            "security_group_rules", Set.of("id", "security_group_id", "direction", "ethertype", "protocol",
                    "port_range_min", "port_range_max", "remote_ip_prefix", "remote_group_id", "description",
                    "tenant_id", "project_id", "normalized_cidr", "belongs_to_default_sg", "revision_number",
                    "created_at", "updated_at"),
            "agents", Set.of("id", "agent_type", "binary", "topic", "host", "admin_state_up", "alive",
                    "availability_zone", "description"),
            "networks", Set.of("id", "name", "tenant_id", "project_id", "admin_state_up", "mtu", "status", "subnets",
                    "shared", "router:external", "description", "port_security_enabled", "is_default", "dns_domain",
                    "provider:network_type", "provider:physical_network", "provider:segmentation_id",
                    "availability_zone_hints", "revision_number", "created_at", "updated_at"),
            "ports", Set.of("id", "name", "network_id", "tenant_id", "project_id", "mac_address", "admin_state_up",
                    "status", "device_id", "device_owner", "fixed_ips", "security_groups", "description",
                    "binding:host_id", "binding:vnic_type", "binding:vif_type", "port_security_enabled", "dns_name",
                    "revision_number", "created_at", "updated_at", "ip_address_substr"));

    private static boolean knownAttribute(List<Map<String, Object>> items, String key, String collection) {
        Set<String> declared = ATTRIBUTES.get(collection);
        if (declared != null && declared.contains(key)) {
            return true;
        }
        return items.stream().anyMatch(i -> i.containsKey(key))
                || Set.of("id", "name", "tenant_id", "project_id", "description", "revision_number").contains(key);
    }

    private static boolean matches(Map<String, Object> item, Map<String, List<String>> q) {
        for (var e : q.entrySet()) {
            String key = e.getKey();
            List<String> wanted = e.getValue();
            switch (key) {
                case "fields", "sort_key", "sort_dir", "limit", "marker", "page_reverse" -> {
                    continue;
                }
                case "tags", "tags-any", "not-tags", "not-tags-any" -> {
                    if (!tagsMatch(key, item.get("tags"), wanted)) {
                        return false;
                    }
                    continue;
                }
                case "fixed_ips" -> {
                    if (!fixedIpsMatch(item.get("fixed_ips"), wanted)) {
                        return false;
                    }
                    continue;
                }
                case "ip_address_substr" -> {
                    Object ips = item.get("fixed_ips");
                    if (!(ips instanceof List<?> l) || l.stream().noneMatch(x -> x instanceof Map<?, ?> m
                            && String.valueOf(m.get("ip_address")).contains(wanted.get(0)))) {
                        return false;
                    }
                    continue;
                }
                default -> {
                    if (!item.containsKey(key)) {
                        return false;
                    }
                    if (!anyValueMatches(item.get(key), wanted)) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    private static boolean anyValueMatches(Object actual, List<String> wanted) {
        for (String w : wanted) {
            if (actual instanceof List<?> list) {
                if (list.stream().anyMatch(x -> String.valueOf(x).equals(w))) {
                    return true;
                }
            } else if (actual instanceof Boolean b) {
                if (w.equalsIgnoreCase(b.toString()) || (b ? "1" : "0").equals(w)) {
                    return true;
                }
            } else if (actual == null) {
                if (w.isEmpty() || w.equalsIgnoreCase("none") || w.equalsIgnoreCase("null")) {
                    return true;
                }
            } else if (String.valueOf(actual).equals(w)) {
                return true;
            }
        }
        return false;
    }

    private static boolean tagsMatch(String mode, Object tagsValue, List<String> wanted) {
        List<?> tags = tagsValue instanceof List<?> l ? l : List.of();
        List<String> names = wanted.stream().flatMap(w -> Arrays.stream(w.split(","))).filter(s -> !s.isEmpty())
                .toList();
        return switch (mode) {
            case "tags" -> tags.containsAll(names);
            case "tags-any" -> names.stream().anyMatch(tags::contains);
            case "not-tags" -> !tags.containsAll(names) || names.isEmpty();
            default -> names.stream().noneMatch(tags::contains);
        };
    }

    /**
     * {@code fixed_ips=ip_address=10.0.0.5}, {@code fixed_ips=subnet_id=...} or
     * {@code fixed_ips=ip_address_substr=10.0.0}; every given one must match.
     */
    private static boolean fixedIpsMatch(Object value, List<String> wanted) {
        List<?> ips = value instanceof List<?> l ? l : List.of();
        for (String w : wanted) {
            int eq = w.indexOf('=');
            if (eq < 0) {
                throw Faults.invalidInput("Invalid fixed_ips filter '" + w + "'");
            }
            String k = w.substring(0, eq);
            String v = w.substring(eq + 1);
            if (!Set.of("ip_address", "subnet_id", "ip_address_substr").contains(k)) {
                throw Faults.invalidInput("Invalid fixed_ips filter '" + w + "'");
            }
            boolean hit = ips.stream().anyMatch(x -> x instanceof Map<?, ?> m && (k.equals("ip_address_substr")
                    ? String.valueOf(m.get("ip_address")).contains(v) : v.equals(String.valueOf(m.get(k)))));
            if (!hit) {
                return false;
            }
        }
        return true;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void sort(List<Map<String, Object>> items, Map<String, List<String>> q) {
        List<String> keys = q.getOrDefault("sort_key", List.of());
        List<String> dirs = q.getOrDefault("sort_dir", List.of());
        for (String d : dirs) {
            if (!d.equals("asc") && !d.equals("desc")) {
                throw Faults.of(org.apiary.common.error.ErrorKind.BAD_REQUEST, "HTTPBadRequest",
                        "Sort direction '" + d + "' is not supported");
            }
        }
        Comparator<Map<String, Object>> cmp = null;
        for (int i = 0; i < keys.size(); i++) {
            String key = keys.get(i);
            boolean desc = i < dirs.size() ? dirs.get(i).equals("desc") : !dirs.isEmpty() && dirs.get(0).equals("desc");
            Comparator<Map<String, Object>> c = Comparator.comparing(m -> (Comparable) sortable(m.get(key)),
                    Comparator.nullsFirst(Comparator.naturalOrder()));
            if (desc) {
                c = c.reversed();
            }
            cmp = cmp == null ? c : cmp.thenComparing(c);
        }
        Comparator<Map<String, Object>> byId = Comparator.comparing(m -> String.valueOf(m.get("id")));
        if (cmp != null) {
            items.sort(cmp.thenComparing(byId));
        }
    }

    private static Comparable<?> sortable(Object v) {
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        if (v instanceof Boolean b) {
            return b ? 1 : 0;
        }
        return v == null ? null : String.valueOf(v);
    }

    private List<Map<String, Object>> paginate(ApiRequest req, String collection, List<Map<String, Object>> items,
                                               Map<String, Object> body) {
        String limitText = req.queryParam("limit").orElse(null);
        String marker = req.queryParam("marker").orElse(null);
        boolean reverse = req.queryParam("page_reverse").map(Boolean::parseBoolean).orElse(false);
        int limit = -1;
        if (limitText != null) {
            try {
                limit = Integer.parseInt(limitText);
            } catch (NumberFormatException e) {
                throw Faults.badRequest("resource", "Limit must be an integer 0 or greater and not '" + limitText + "'");
            }
            if (limit < 0) {
                throw Faults.badRequest("resource", "Limit must be an integer 0 or greater and not '" + limitText + "'");
            }
        }
        if (maxLimit > 0 && (limit <= 0 || limit > maxLimit)) {
            limit = maxLimit;
        }
        if (limit <= 0 && marker == null) {
            return items;
        }
        List<Map<String, Object>> ordered = new ArrayList<>(items);
        if (reverse) {
            java.util.Collections.reverse(ordered);
        }
        int start = 0;
        if (marker != null) {
            start = -1;
            for (int i = 0; i < ordered.size(); i++) {
                if (marker.equals(ordered.get(i).get("id"))) {
                    start = i + 1;
                    break;
                }
            }
            if (start < 0) {
                throw Faults.of(org.apiary.common.error.ErrorKind.NOT_FOUND, "NotFound", "Marker " + marker
                        + " could not be found.");
            }
        }
        int end = limit <= 0 ? ordered.size() : Math.min(ordered.size(), start + limit);
        List<Map<String, Object>> page = new ArrayList<>(ordered.subList(start, end));
        List<Map<String, String>> links = new ArrayList<>();
        String base = req.baseUrl() + req.path();
        if (limit > 0 && page.size() == limit && end < ordered.size() || (limit > 0 && page.size() == limit && !reverse)) {
            if (!page.isEmpty()) {
                links.add(link(reverse ? "previous" : "next", base, req, page.get(page.size() - 1).get("id"),
                        reverse));
            }
        }
        if (marker != null && !page.isEmpty()) {
            links.add(link(reverse ? "next" : "previous", base, req, page.get(0).get("id"), !reverse));
        }
        if (reverse) {
            java.util.Collections.reverse(page);
        }
        if (!links.isEmpty()) {
            body.put(collection + "_links", links);
        }
        return page;
    }

    private static Map<String, String> link(String rel, String base, ApiRequest req, Object marker, boolean reverse) {
        StringBuilder q = new StringBuilder();
        req.query().forEach((k, vs) -> {
            if (!k.equals("marker") && !k.equals("page_reverse")) {
                for (String v : vs) {
                    q.append(q.length() == 0 ? "?" : "&").append(enc(k)).append('=').append(enc(v));
                }
            }
        });
        q.append(q.length() == 0 ? "?" : "&").append("marker=").append(enc(String.valueOf(marker)));
        if (reverse) {
            q.append("&page_reverse=True");
        }
        Map<String, String> l = new LinkedHashMap<>();
        l.put("rel", rel);
        l.put("href", base + q);
        return l;
    }

    private static String enc(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
    }

    static Map<String, Object> select(Map<String, Object> item, List<String> fields) {
        if (fields.isEmpty()) {
            return item;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (String f : fields) {
            if (item.containsKey(f)) {
                out.put(f, item.get(f));
            }
        }
        return out;
    }

    /** {@code fields} on a single-item GET. */
    public static Map<String, Object> fields(ApiRequest req, Map<String, Object> item) {
        return select(item, req.query().getOrDefault("fields", List.of()).stream().filter(f -> !f.isEmpty()).toList());
    }
}
