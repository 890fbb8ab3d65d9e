package org.apiary.image.api;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apiary.common.error.ServiceException;
import org.apiary.image.domain.ImageQuery;

/** GET /v2/images query parameters → {@link ImageQuery}, with Glance's validation and messages. */
final class ListQuery {
    private static final Set<String> COLUMNS = Set.of("name", "id", "status", "container_format", "disk_format",
            "os_hash_algo");
    /** Image columns Glance compares for equality when named as a filter. */
    private static final Set<String> NUMBERS = Set.of("size", "virtual_size", "min_disk", "min_ram");
    private static final Set<String> TIME_OPS = Set.of("eq", "neq", "gt", "gte", "lt", "lte");
    private static final Set<String> RESERVED = Set.of("limit", "marker", "member_status", "tag", "sort", "sort_key",
            "sort_dir", "visibility", "os_hidden", "protected", "size_min", "size_max", "created_at", "updated_at",
            "owner", "checksum", "os_hash_value", "changes-since");

    private ListQuery() {}

    static ImageQuery parse(Map<String, List<String>> params, int defaultLimit, int maxLimit) {
        int limit = Math.min(maxLimit, one(params, "limit") == null ? defaultLimit : limit(one(params, "limit")));
        String memberStatus = one(params, "member_status") == null ? "accepted" : one(params, "member_status");
        if (!Set.of("pending", "accepted", "rejected", "all").contains(memberStatus)) {
            throw ServiceException.badRequest("Invalid status: " + memberStatus);
        }
        String visibility = one(params, "visibility");
        if (visibility != null && !Set.of("community", "public", "private", "shared", "all").contains(visibility)) {
            throw ServiceException.badRequest("Invalid visibility value: " + visibility);
        }
        if (params.containsKey("changes-since")) {
            throw ServiceException.badRequest("The \"changes-since\" filter is no longer available on v2.");
        }
        String hidden = one(params, "os_hidden") == null ? "false" : one(params, "os_hidden").toLowerCase(Locale.ROOT);
        if (!hidden.equals("true") && !hidden.equals("false")) {
            throw ServiceException.badRequest("Invalid value '" + hidden + "' for 'os_hidden' filter. Valid values "
                    + "are 'true' or 'false'.");
        }
        String prot = one(params, "protected");
        if (prot != null && !prot.equals("true") && !prot.equals("false")) {
            throw ServiceException.badRequest("Invalid value '" + prot + "' for 'protected' filter. Valid values "
                    + "are 'true' or 'false'.");
        }
        Map<String, List<String>> columns = new LinkedHashMap<>();
        for (String c : COLUMNS) {
            if (one(params, c) != null) {
                columns.put(c, columnValues(one(params, c)));
            }
        }
        Map<String, Long> numbers = new LinkedHashMap<>();
        for (String c : NUMBERS) {
            if (one(params, c) != null) {
                try {
                    numbers.put(c, Long.parseLong(one(params, c).strip()));
                } catch (NumberFormatException e) {
                    throw ServiceException.badRequest("Invalid value '" + one(params, c) + "' for filter '" + c
                            + "': not an integer.");
                }
            }
        }
        List<ImageQuery.TimeFilter> times = new ArrayList<>();
        for (String c : List.of("created_at", "updated_at")) {
            if (one(params, c) != null) {
                times.add(timeFilter(c, one(params, c)));
            }
        }
        Map<String, String> properties = new LinkedHashMap<>();
        params.forEach((k, v) -> {
            if (!RESERVED.contains(k) && !COLUMNS.contains(k) && !NUMBERS.contains(k) && !v.isEmpty()) {
                properties.put(k, v.get(v.size() - 1));
            }
        });
        List<String> tags = params.getOrDefault("tag", List.of()).stream().map(String::strip).toList();
        return new ImageQuery(columns, numbers, times, visibility, memberStatus, one(params, "owner"),
                prot == null ? null : prot.equals("true"), hidden.equals("true"), size(params, "size_min"),
                size(params, "size_max"), one(params, "checksum"), one(params, "os_hash_value"), tags, properties,
                sort(params), limit, one(params, "marker"));
    }

    /** The last value of a parameter, as webob's MultiDict gives it. */
    private static String one(Map<String, List<String>> params, String name) {
        List<String> v = params.get(name);
        return v == null || v.isEmpty() ? null : v.get(v.size() - 1);
    }

    static int limit(String text) {
        int n;
        try {
            n = Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw ServiceException.badRequest("limit param must be an integer");
        }
        if (n < 0) {
            throw ServiceException.badRequest("limit param must be positive");
        }
        return n;
    }

    private static Long size(Map<String, List<String>> params, String name) {
        String v = one(params, name);
        if (v == null) {
            return null;
        }
        try {
            return Long.parseLong(v.strip());
        } catch (NumberFormatException e) {
            throw ServiceException.badRequest("Unable to filter on a range with a non-numeric value.");
        }
    }

    /** "in:a,b,\"c,d\"" → [a, b, c,d]; "eq:x" or "x" → [x]. A colon not after in/eq is part of the value. */
    private static List<String> columnValues(String expr) {
        int colon = expr.indexOf(':');
        String op = colon < 0 ? "" : expr.substring(0, colon);
        if (op.equals("in")) {
            return splitQuoted(expr.substring(colon + 1));
        }
        return List.of(op.equals("eq") ? expr.substring(colon + 1) : expr);
    }

    /** API-WG list syntax: comma-separated, double quotes protect commas, \" escapes a quote. */
    private static List<String> splitQuoted(String s) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && quoted && i + 1 < s.length()) {
                cur.append(s.charAt(++i));
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        if (quoted) {
            throw ServiceException.badRequest("Invalid filter value " + s + ". The quote is not closed.");
        }
        out.add(cur.toString());
        return out;
    }

    private static ImageQuery.TimeFilter timeFilter(String column, String expr) {
        String op = "eq";
        String time = expr;
        if (parseTime(expr) == null) {
            int colon = expr.indexOf(':');
            if (colon > 0) {
                op = expr.substring(0, colon);
                time = expr.substring(colon + 1);
            }
        }
        if (!TIME_OPS.contains(op)) {
            throw ServiceException.badRequest("Unable to filter on a unknown operator.");
        }
        Instant t = parseTime(time);
        if (t == null) {
            throw ServiceException.badRequest("Bad \"" + column + "\" query filter format. Use ISO 8601 DateTime "
                    + "notation.");
        }
        return new ImageQuery.TimeFilter(column, op, t);
    }

    private static Instant parseTime(String s) {
        try {
            return OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return java.time.LocalDateTime.parse(s).toInstant(java.time.ZoneOffset.UTC);
            } catch (DateTimeParseException e2) {
                return null;
            }
        }
    }

    private static List<ImageQuery.Sort> sort(Map<String, List<String>> params) {
        List<ImageQuery.Sort> out = new ArrayList<>();
        if (params.containsKey("sort")) {
            if (params.containsKey("sort_key") || params.containsKey("sort_dir")) {
                throw ServiceException.badRequest("Old and new sorting syntax cannot be combined");
            }
            for (String part : one(params, "sort").strip().split(",")) {
                int colon = part.indexOf(':');
                String key = colon < 0 ? part : part.substring(0, colon);
                String dir = colon < 0 || part.substring(colon + 1).isBlank() ? "desc" : part.substring(colon + 1);
                out.add(new ImageQuery.Sort(sortKey(key.strip()), ascending(dir.strip())));
            }
            return out;
        }
        List<String> keys = params.getOrDefault("sort_key", List.of()).stream().map(k -> sortKey(k.strip())).toList();
        List<Boolean> dirs = params.getOrDefault("sort_dir", List.of()).stream().map(d -> ascending(d.strip())).toList();
        if (dirs.size() > 1 && dirs.size() != keys.size()) {
            throw ServiceException.badRequest("Number of sort dirs does not match the number of sort keys");
        }
        List<String> effectiveKeys = keys.isEmpty() ? List.of("created_at") : keys;
        for (int i = 0; i < effectiveKeys.size(); i++) {
            boolean asc = dirs.isEmpty() ? false : dirs.size() == 1 ? dirs.get(0) : dirs.get(i);
            out.add(new ImageQuery.Sort(effectiveKeys.get(i), asc));
        }
        return out;
    }

    private static String sortKey(String key) {
        if (!ImageQuery.SORT_KEYS.contains(key)) {
            throw ServiceException.badRequest("Invalid sort key: " + key + ". It must be one of the following: "
                    + String.join(", ", ImageQuery.SORT_KEYS) + ".");
        }
        return key;
    }

    private static boolean ascending(String dir) {
        if (!dir.equals("asc") && !dir.equals("desc")) {
            throw ServiceException.badRequest("Invalid sort direction: " + dir);
        }
        return dir.equals("asc");
    }

    /** Glance's "first" and "next" links: the request's own parameters without (or with a new) marker. */
    static String link(Map<String, List<String>> params, String marker) {
        return link("/v2/images", params, marker);
    }

    static String link(String base, Map<String, List<String>> params, String marker) {
        StringBuilder q = new StringBuilder();
        params.forEach((k, values) -> {
            if (!k.equals("marker")) {
                values.forEach(v -> q.append(q.isEmpty() ? "" : "&").append(enc(k)).append('=').append(enc(v)));
            }
        });
        if (marker != null) {
            q.append(q.isEmpty() ? "" : "&").append("marker=").append(enc(marker));
        }
        return base + (q.isEmpty() ? "" : "?" + q);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
