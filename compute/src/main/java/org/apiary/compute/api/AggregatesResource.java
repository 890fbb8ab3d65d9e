package org.apiary.compute.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import org.apiary.common.error.ServiceException;
import org.apiary.compute.domain.Aggregate;
import org.apiary.compute.domain.AggregateService;
import org.apiary.http.ApiRequest;
import org.apiary.http.ApiResponse;

/**
 * /os-aggregates (aggregates.py), admin-only by default: list, create, show, update, delete, the
 * add_host / remove_host / set_metadata actions, uuid shown from 2.41, and the 2.81 image
 * pre-cache request. Create and the actions answer 200, delete 200 with no body, as Nova.
 */
public final class AggregatesResource {
    private static final String POLICY = "os_compute_api:os-aggregates:";
    private static final String IMAGES_POLICY = "compute:aggregates:images";
    private static final String METADATA_KEY = "[a-zA-Z0-9\\-_:. ]{1,255}";

    private final AggregateService aggregates;
    private final Authz authz;
    private final Map<String, BiFunction<ApiRequest, JsonNode, Aggregate>> actions = new LinkedHashMap<>();

    public AggregatesResource(AggregateService aggregates, Authz authz) {
        this.aggregates = aggregates;
        this.authz = authz;
        actions.put("add_host", (req, body) -> {
            authz.enforce(req, POLICY + "add_host");
            long id = id(req);
            return aggregates.addHost(id, host(body, "add_host"));
        });
        actions.put("remove_host", (req, body) -> {
            authz.enforce(req, POLICY + "remove_host");
            long id = id(req);
            return aggregates.removeHost(id, host(body, "remove_host"));
        });
        actions.put("set_metadata", (req, body) -> {
            authz.enforce(req, POLICY + "set_metadata");
            long id = id(req);
            return aggregates.setMetadata(id, metadata(body));
        });
    }

    public void register(NovaRoutes routes) {
        routes.add("GET", "/os-aggregates", this::list);
        routes.add("POST", "/os-aggregates", this::create);
        routes.add("GET", "/os-aggregates/{id}", this::show);
        routes.add("PUT", "/os-aggregates/{id}", this::update);
        routes.add("DELETE", "/os-aggregates/{id}", this::delete);
        routes.add("POST", "/os-aggregates/{id}/action", this::action);
        routes.add("POST", "/os-aggregates/{id}/images", "2.81", this::images);
    }

    /** Nova's _marshall_aggregate; create leaves out hosts and metadata. */
    static Map<String, Object> view(ApiRequest req, Aggregate a, boolean full) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("availability_zone", a.availabilityZone());
        v.put("created_at", ServicesResource.time(a.createdAt()));
        v.put("deleted", false);
        v.put("deleted_at", null);
        if (full) {
            v.put("hosts", a.hosts());
        }
        v.put("id", a.id());
        if (full) {
            v.put("metadata", a.metadata());
        }
        v.put("name", a.name());
        v.put("updated_at", ServicesResource.time(a.updatedAt()));
        if (req.atLeast("2.41")) {
            v.put("uuid", a.uuid());
        }
        return v;
    }

    private static ApiResponse one(ApiRequest req, Aggregate a) {
        return ApiResponse.ok(Map.of("aggregate", view(req, a, true)));
    }

    private ApiResponse list(ApiRequest req) {
        authz.enforce(req, POLICY + "index");
        return ApiResponse.ok(Map.of("aggregates", aggregates.list().stream().map(a -> view(req, a, true)).toList()));
    }

    private ApiResponse create(ApiRequest req) {
        authz.enforce(req, POLICY + "create");
        ObjectNode agg = Requests.body(req, "aggregate");
        Requests.allowOnly(agg, "aggregate", List.of("name", "availability_zone"));
        Requests.require(agg, "aggregate", "name");
        String name = Requests.name(agg, "name").strip();
        String zone = zone(agg);
        return ApiResponse.ok(Map.of("aggregate", view(req, aggregates.create(name, zone), false)));
    }

    private ApiResponse show(ApiRequest req) {
        authz.enforce(req, POLICY + "show");
        return one(req, aggregates.get(id(req)));
    }

    private ApiResponse update(ApiRequest req) {
        authz.enforce(req, POLICY + "update");
        ObjectNode agg = Requests.body(req, "aggregate");
        Requests.allowOnly(agg, "aggregate", List.of("name", "availability_zone"));
        if (!agg.has("name") && !agg.has("availability_zone")) {
            throw Requests.invalid("aggregate", agg, agg + " is not valid under any of the given schemas");
        }
        String name = agg.has("name") ? nameWithSpaces(agg.get("name")).strip() : null;
        String zone = zone(agg);
        long id = id(req);
        return one(req, aggregates.update(id, name, agg.has("availability_zone"), zone));
    }

    private ApiResponse delete(ApiRequest req) {
        authz.enforce(req, POLICY + "delete");
        aggregates.delete(id(req));
        return ApiResponse.empty(200);
    }

    /** The body names one action; its policy is checked before the aggregate is looked up, as Nova. */
    private ApiResponse action(ApiRequest req) {
        ObjectNode body = ServerCreateBody.root(req);
        if (body.size() != 1) {
            throw ServiceException.badRequest("Malformed request body");
        }
        String name = body.fieldNames().next();
        BiFunction<ApiRequest, JsonNode, Aggregate> action = actions.get(name);
        if (action == null) {
            throw ServiceException.badRequest("There is no such action: " + name);
        }
        return one(req, action.apply(req, body));
    }

    /**
     * 2.81 image pre-caching. The request is checked as Nova does (schema, duplicates, the
     * aggregate), then refused: the agents fetch an image into their cache when a server first
     * needs it and have no call to fetch ahead of time.
     */
    private ApiResponse images(ApiRequest req) {
        authz.enforce(req, IMAGES_POLICY);
        long id = id(req);
        ObjectNode body = ServerCreateBody.root(req);
        Requests.allowOnly(body, "", List.of("cache"));
        Requests.require(body, "", "cache");
        JsonNode cache = body.get("cache");
        if (!cache.isArray()) {
            throw Requests.invalid("cache", cache, cache + " is not of type 'array'");
        }
        if (cache.isEmpty()) {
            throw Requests.invalid("cache", cache, "[] is too short");
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < cache.size(); i++) {
            JsonNode item = cache.get(i);
            String path = "cache/" + i;
            if (!item.isObject()) {
                throw Requests.invalid(path, item, item + " is not of type 'object'");
            }
            Requests.allowOnly((ObjectNode) item, path, List.of("id"));
            Requests.require((ObjectNode) item, path, "id");
            seen.add(ServerFields.uuid(item.get("id"), path + "/id"));
        }
        if (seen.size() != cache.size()) {
            throw ServiceException.badRequest("Duplicate images in request");
        }
        aggregates.get(id);
        throw ServiceException.badRequest("Image pre-caching is not supported by this cloud: compute hosts cache an "
                + "image when a server first uses it.");
    }

    /** utils.validate_integer(id, 'id'); a number no aggregate can have is simply not found. */
    private static long id(ApiRequest req) {
        String raw = req.param("id").strip();
        if (!raw.matches("[+-]?[0-9]+")) {
            throw ServiceException.badRequest("Invalid input received: id must be an integer");
        }
        try {
            return Long.parseLong(raw);
        } catch (NumberFormatException e) {
            throw ServiceException.notFound("Aggregate " + raw + " could not be found.");
        }
    }

    /** availability_zone: null, or az_name (printable, no ':', no leading or trailing whitespace, 1-255). */
    private static String zone(ObjectNode agg) {
        if (!agg.has("availability_zone")) {
            return null;
        }
        JsonNode n = agg.get("availability_zone");
        if (n.isNull()) {
            return null;
        }
        String s = n.isTextual() ? n.asText() : null;
        if (s == null || s.isEmpty() || s.length() > 255 || s.contains(":") || !s.equals(s.strip())
                || s.codePoints().anyMatch(Character::isISOControl)) {
            throw Requests.invalid("availability_zone", n, (n.isTextual() ? "'" + s + "'" : n.toString())
                    + " is not valid under any of the given schemas");
        }
        return s;
    }

    /** name_with_leading_trailing_spaces: 1-255 printable characters, at least one not a space. */
    private static String nameWithSpaces(JsonNode n) {
        if (n == null || !n.isTextual()) {
            throw Requests.invalid("name", n, (n == null ? "None" : n.toString()) + " is not of type 'string'");
        }
        String s = n.asText();
        Requests.lengthBetween("name", s, 1, 255);
        if (s.isBlank() || s.codePoints().anyMatch(Character::isISOControl)) {
            throw ServiceException.badRequest("An invalid 'name' value was provided. The name must be: printable "
                    + "characters with at least one non space character");
        }
        return s;
    }

    /** add_host / remove_host: {"host": fqdn} and nothing else. */
    private static String host(JsonNode body, String action) {
        JsonNode inner = body.get(action);
        if (!inner.isObject()) {
            throw Requests.invalid(action, inner, inner + " is not of type 'object'");
        }
        ObjectNode o = (ObjectNode) inner;
        Requests.allowOnly(o, action, List.of("host"));
        Requests.require(o, action, "host");
        String v = ServerFields.string(o, "host", action + "/host");
        Requests.lengthBetween(action + "/host", v, 1, 255);
        if (!v.matches("[a-zA-Z0-9-._]*")) {
            throw Requests.invalid(action + "/host", v, "'" + v + "' does not match '^[a-zA-Z0-9-._]*$'");
        }
        return v;
    }

    /** set_metadata: {"metadata": {key: string or null}}; keys of 1-255 safe characters, values up to 255. */
    private static Map<String, String> metadata(JsonNode body) {
        JsonNode inner = body.get("set_metadata");
        if (!inner.isObject()) {
            throw Requests.invalid("set_metadata", inner, inner + " is not of type 'object'");
        }
        ObjectNode o = (ObjectNode) inner;
        Requests.allowOnly(o, "set_metadata", List.of("metadata"));
        Requests.require(o, "set_metadata", "metadata");
        JsonNode m = o.get("metadata");
        if (!m.isObject()) {
            throw Requests.invalid("set_metadata/metadata", m, m + " is not of type 'object'");
        }
        List<String> badKeys = new java.util.ArrayList<>();
        m.fieldNames().forEachRemaining(k -> {
            if (!k.matches(METADATA_KEY)) {
                badKeys.add("'" + k + "'");
            }
        });
        if (!badKeys.isEmpty()) {
            throw ServiceException.badRequest("Invalid input for field/attribute set_metadata/metadata. Value: "
                    + Requests.abbreviate(m.toString()) + ". Additional properties are not allowed ("
                    + String.join(", ", badKeys) + (badKeys.size() == 1 ? " was" : " were") + " unexpected)");
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = m.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String path = "set_metadata/metadata/" + e.getKey();
            JsonNode v = e.getValue();
            if (v.isNull()) {
                out.put(e.getKey(), null);
            } else if (v.isTextual()) {
                if (v.asText().length() > 255) {
                    throw Requests.invalid(path, v, "'" + Requests.abbreviate(v.asText()) + "' is too long");
                }
                out.put(e.getKey(), v.asText());
            } else {
                throw Requests.invalid(path, v, v + " is not of type 'string', 'null'");
            }
        }
        return out;
    }
}
