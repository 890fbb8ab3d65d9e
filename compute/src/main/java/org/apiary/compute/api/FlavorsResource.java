package org.apiary.compute.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apiary.common.error.ServiceException;
import org.apiary.compute.domain.Flavor;
import org.apiary.compute.domain.FlavorQuery;
import org.apiary.compute.domain.FlavorService;
import org.apiary.compute.domain.FlavorSpec;
import org.apiary.http.ApiRequest;
import org.apiary.http.ApiResponse;

/** /flavors: list, detail, show, create, update (2.55), delete (flavors.py, flavor_manage.py). */
public final class FlavorsResource {
    private static final Set<String> SORT_KEYS = Set.of("created_at", "description", "disabled", "ephemeral_gb",
            "flavorid", "id", "is_public", "memory_mb", "name", "root_gb", "rxtx_factor", "swap", "updated_at",
            "vcpu_weight", "vcpus");
    private static final List<String> LIST_QUERY = List.of("limit", "marker", "is_public", "minRam", "minDisk",
            "sort_key", "sort_dir");
    private static final String ID_PATTERN = "^(?! )[a-zA-Z0-9. _-]+(?<! )$";
    private static final String EXTRA_SPECS_INDEX = "os_compute_api:os-flavor-extra-specs:index";

    private final FlavorService flavors;
    private final Authz authz;
    private final int maxLimit;

    public FlavorsResource(FlavorService flavors, Authz authz, int maxLimit) {
        this.flavors = flavors;
        this.authz = authz;
        this.maxLimit = maxLimit;
    }

    public void register(NovaRoutes routes) {
        routes.add("GET", "/flavors", req -> list(req, false));
        routes.add("GET", "/flavors/detail", req -> list(req, true));
        routes.add("GET", "/flavors/{id}", this::show);
        routes.add("POST", "/flavors", this::create);
        routes.add("PUT", "/flavors/{id}", "2.55", this::update);
        routes.add("DELETE", "/flavors/{id}", this::delete);
    }

    /** A flavor the caller may see: public ones, or private ones granted to its project (admins see all). */
    Flavor visible(ApiRequest req, String flavorId) {
        Flavor f = flavors.get(flavorId);
        if (!f.isPublic() && !authz.isAdmin(req) && !flavors.projects(f).contains(req.auth().projectId())) {
            throw org.apiary.compute.domain.Faults.flavorNotFound(flavorId);
        }
        return f;
    }

    Map<String, Object> view(ApiRequest req, Flavor f, boolean detail) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("id", f.flavorId());
        v.put("name", f.name());
        if (detail) {
            v.put("ram", f.memoryMb());
            v.put("disk", f.rootGb());
            // Before 2.75 a flavor without swap shows "", from 2.75 on 0.
            v.put("swap", f.swap() != 0 ? f.swap() : req.atLeast("2.75") ? 0 : "");
            v.put("OS-FLV-EXT-DATA:ephemeral", f.ephemeralGb());
            v.put("OS-FLV-DISABLED:disabled", f.disabled());
            v.put("vcpus", f.vcpus());
            v.put("os-flavor-access:is_public", f.isPublic());
            v.put("rxtx_factor", f.rxtxFactor());
        }
        v.put("links", Links.of(req, "flavors", f.flavorId()));
        if (req.atLeast("2.55")) {
            v.put("description", f.description());
        }
        if (detail && req.atLeast("2.61") && authz.allows(req, EXTRA_SPECS_INDEX, Map.of())) {
            v.put("extra_specs", f.extraSpecs());
        }
        return v;
    }

    private ApiResponse list(ApiRequest req, boolean detail) {
        Requests.queryAllows(req, LIST_QUERY);
        boolean admin = authz.isAdmin(req);
        Boolean isPublic = Boolean.TRUE;
        if (admin && req.queryParam("is_public").isPresent()) {
            String p = req.queryParam("is_public").get();
            isPublic = p.equalsIgnoreCase("none") ? null : Requests.boolWord(p);
            if (isPublic == null && !p.equalsIgnoreCase("none")) {
                throw ServiceException.badRequest("Invalid is_public filter [" + p + "]");
            }
        }
        Integer minRam = intFilter(req, "minRam");
        Integer minDisk = intFilter(req, "minDisk");
        String sortKey = req.queryParam("sort_key").filter(s -> !s.isEmpty()).orElse("flavorid");
        String sortDir = req.queryParam("sort_dir").filter(s -> !s.isEmpty()).orElse("asc");
        if (!SORT_KEYS.contains(sortKey)) {
            throw ServiceException.badRequest("Invalid input for query parameters sort_key. Value: " + sortKey + ". '"
                    + sortKey + "' is not one of " + SORT_KEYS);
        }
        if (!sortDir.equals("asc") && !sortDir.equals("desc")) {
            throw ServiceException.badRequest("Invalid input for query parameters sort_dir. Value: " + sortDir + ". '"
                    + sortDir + "' is not one of ['asc', 'desc']");
        }
        int limit = Requests.limit(req, maxLimit);
        List<Flavor> page = flavors.list(new FlavorQuery(isPublic, !admin, req.auth().projectId(), minRam, minDisk,
                sortKey, sortDir.equals("asc"), limit, req.queryParam("marker").orElse(null)));
        List<Map<String, Object>> items = new ArrayList<>();
        page.forEach(f -> items.add(view(req, f, detail)));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("flavors", items);
        List<Map<String, String>> next = Links.next(req, detail ? "flavors/detail" : "flavors", page.size(),
                page.isEmpty() ? null : page.get(page.size() - 1).flavorId(), maxLimit);
        if (!next.isEmpty()) {
            body.put("flavors_links", next);
        }
        return ApiResponse.ok(body);
    }

    private static Integer intFilter(ApiRequest req, String name) {
        String v = req.queryParam(name).orElse(null);
        if (v == null) {
            return null;
        }
        try {
            return Integer.parseInt(v.strip());
        } catch (NumberFormatException e) {
            throw ServiceException.badRequest("Invalid " + name + " filter [" + v + "]");
        }
    }

    private ApiResponse show(ApiRequest req) {
        return ApiResponse.ok(Map.of("flavor", view(req, visible(req, req.param("id")), true)));
    }

    private ApiResponse create(ApiRequest req) {
        authz.enforce(req, "os_compute_api:os-flavor-manage:create");
        ObjectNode f = Requests.body(req, "flavor");
        List<String> allowed = new ArrayList<>(List.of("name", "id", "ram", "vcpus", "disk",
                "OS-FLV-EXT-DATA:ephemeral", "swap", "rxtx_factor", "os-flavor-access:is_public"));
        if (req.atLeast("2.55")) {
            allowed.add("description");
        }
        Requests.allowOnly(f, "flavor", allowed);
        Requests.require(f, "flavor", "name", "ram", "vcpus", "disk");
        String name = Requests.name(f, "name").strip();
        String flavorId = flavorId(f.get("id"));
        int ram = Requests.integer(f, "ram", 1, Requests.MAX_INT);
        int vcpus = Requests.integer(f, "vcpus", 1, Requests.MAX_INT);
        int disk = Requests.integer(f, "disk", 0, Requests.MAX_INT);
        int ephemeral = f.has("OS-FLV-EXT-DATA:ephemeral")
                ? Requests.integer(f, "OS-FLV-EXT-DATA:ephemeral", 0, Requests.MAX_INT) : 0;
        int swap = f.has("swap") ? Requests.integer(f, "swap", 0, Requests.MAX_INT) : 0;
        double rxtx = f.has("rxtx_factor") ? rxtxFactor(f.get("rxtx_factor")) : 1.0;
        boolean isPublic = !f.has("os-flavor-access:is_public") || Requests.bool(f, "os-flavor-access:is_public");
        String description = req.atLeast("2.55") ? description(f.get("description")) : null;
        Flavor created = flavors.create(new FlavorSpec(flavorId, name, ram, vcpus, disk, ephemeral, swap, rxtx,
                isPublic, description));
        return ApiResponse.ok(Map.of("flavor", view(req, created, true)));
    }

    private static String flavorId(JsonNode id) {
        if (id == null || id.isNull()) {
            return UUID.randomUUID().toString();
        }
        String s;
        if (id.isTextual()) {
            s = id.asText();
        } else if (id.isNumber()) {
            s = id.isIntegralNumber() ? id.asText() : String.valueOf(id.asDouble());
        } else {
            throw Requests.invalid("id", id, id + " is not of type 'string', 'number', 'null'");
        }
        Requests.lengthBetween("id", s, 1, 255);
        if (!s.matches(ID_PATTERN.substring(1, ID_PATTERN.length() - 1))) {
            throw Requests.invalid("id", s, "'" + s + "' does not match '" + ID_PATTERN + "'");
        }
        return s;
    }

    private static double rxtxFactor(JsonNode n) {
        double v;
        if (n.isNumber()) {
            v = n.asDouble();
        } else if (n.isTextual() && n.asText().matches("[0-9]+(\\.[0-9]+)?")) {
            v = Double.parseDouble(n.asText());
        } else {
            throw Requests.invalid("rxtx_factor", n, n + " is not of type 'number', 'string'");
        }
        if (v <= 0 || v > 3.40282e+38) {
            throw ServiceException.badRequest("Invalid input received: 'rxtx_factor' argument must be a float "
                    + "between 0 and 3.40282e+38");
        }
        return v;
    }

    static String description(JsonNode n) {
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isTextual()) {
            throw Requests.invalid("description", n, n + " is not of type 'string', 'null'");
        }
        String s = n.asText();
        Requests.lengthBetween("description", s, 0, 65535);
        if (s.codePoints().anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t')) {
            throw Requests.invalid("description", s, "'" + Requests.abbreviate(s) + "' does not match the printable "
                    + "characters pattern");
        }
        return s;
    }

    private ApiResponse update(ApiRequest req) {
        authz.enforce(req, "os_compute_api:os-flavor-manage:update");
        ObjectNode f = Requests.body(req, "flavor");
        Requests.allowOnly(f, "flavor", List.of("description"));
        Requests.require(f, "flavor", "description");
        Flavor updated = flavors.setDescription(req.param("id"), description(f.get("description")));
        return ApiResponse.ok(Map.of("flavor", view(req, updated, true)));
    }

    private ApiResponse delete(ApiRequest req) {
        authz.enforce(req, "os_compute_api:os-flavor-manage:delete");
        flavors.delete(req.param("id"));
        return ApiResponse.empty(202);
    }
}
