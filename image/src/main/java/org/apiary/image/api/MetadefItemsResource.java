package org.apiary.image.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apiary.common.error.ServiceException;
import org.apiary.common.json.Json;
import org.apiary.http.ApiRequest;
import org.apiary.http.ApiResponse;
import org.apiary.http.RouteTable;
import org.apiary.image.domain.MetadefItem;
import org.apiary.image.domain.MetadefItem.Kind;
import org.apiary.image.domain.MetadefNamespace;
import org.apiary.image.domain.MetadefService;

/** A namespace's objects, properties and tags: /v2/metadefs/namespaces/{ns}/{objects,properties,tags}. */
public final class MetadefItemsResource {
    private static final String BASE = "/v2/metadefs/namespaces/{namespace}";

    private final MetadefService metadefs;
    private final MetadefNamespacesResource namespaces;
    private final Schemas schemas;

    public MetadefItemsResource(MetadefService metadefs, MetadefNamespacesResource namespaces, Schemas schemas) {
        this.metadefs = metadefs;
        this.namespaces = namespaces;
        this.schemas = schemas;
    }

    public void register(RouteTable routes) {
        routes.add("GET", BASE + "/objects", req -> {
            MetadefNamespace ns = namespaces.namespace(req, "get_metadef_objects");
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("objects", metadefs.items(ns, Kind.OBJECT).stream().map(o -> objectView(ns, o)).toList());
            body.put("schema", "v2/schemas/metadefs/objects"); // sic: Glance's link has no leading slash
            return ApiResponse.ok(body);
        });
        routes.add("POST", BASE + "/objects", req -> {
            ObjectNode body = checked(req, "object");
            MetadefNamespace ns = namespaces.namespace(req, "add_metadef_object");
            return ApiResponse.json(201, objectView(ns, metadefs.add(ns, Kind.OBJECT, object(body))));
        });
        routes.add("DELETE", BASE + "/objects", req -> deleteAll(req, Kind.OBJECT, "delete_metadef_object"));
        routes.add("GET", BASE + "/objects/{name}", req -> {
            MetadefNamespace ns = namespaces.namespace(req, "get_metadef_object");
            return ApiResponse.ok(objectView(ns, metadefs.item(ns, Kind.OBJECT, req.param("name"))));
        });
        routes.add("PUT", BASE + "/objects/{name}", req -> {
            ObjectNode body = checked(req, "object");
            MetadefNamespace ns = namespaces.namespace(req, "modify_metadef_object");
            return ApiResponse.ok(objectView(ns, metadefs.replace(ns, Kind.OBJECT, req.param("name"), object(body))));
        });
        routes.add("DELETE", BASE + "/objects/{name}", req -> deleteOne(req, Kind.OBJECT, "delete_metadef_object"));

        routes.add("GET", BASE + "/properties", req -> {
            MetadefNamespace ns = namespaces.namespace(req, "get_metadef_properties");
            Map<String, Object> props = new LinkedHashMap<>();
            metadefs.items(ns, Kind.PROPERTY).forEach(p -> props.put(p.name(), propertyView(p)));
            return ApiResponse.ok(Map.of("properties", props));
        });
        routes.add("POST", BASE + "/properties", req -> {
            ObjectNode body = checked(req, "property");
            MetadefNamespace ns = namespaces.namespace(req, "add_metadef_property");
            MetadefItem p = metadefs.add(ns, Kind.PROPERTY, property(body.get("name").asText(), body));
            return ApiResponse.json(201, propertyView(p));
        });
        routes.add("DELETE", BASE + "/properties", req -> deleteAll(req, Kind.PROPERTY, "remove_metadef_property"));
        routes.add("GET", BASE + "/properties/{name}", req -> {
            MetadefNamespace ns = namespaces.namespace(req, "get_metadef_property");
            return ApiResponse.ok(propertyView(metadefs.item(ns, Kind.PROPERTY, req.param("name"))));
        });
        routes.add("PUT", BASE + "/properties/{name}", req -> {
            ObjectNode body = checked(req, "property");
            MetadefNamespace ns = namespaces.namespace(req, "modify_metadef_property");
            return ApiResponse.ok(propertyView(metadefs.replace(ns, Kind.PROPERTY, req.param("name"),
                    property(body.get("name").asText(), body))));
        });
        routes.add("DELETE", BASE + "/properties/{name}",
                req -> deleteOne(req, Kind.PROPERTY, "remove_metadef_property"));

        routes.add("GET", BASE + "/tags", req -> {
            MetadefNamespace ns = namespaces.namespace(req, "get_metadef_tags");
            return ApiResponse.ok(Map.of("tags", names(metadefs.items(ns, Kind.TAG))));
        });
        routes.add("POST", BASE + "/tags", this::createTags);
        routes.add("DELETE", BASE + "/tags", req -> deleteAll(req, Kind.TAG, "delete_metadef_tags"));
        routes.add("GET", BASE + "/tags/{name}", req -> {
            MetadefNamespace ns = namespaces.namespace(req, "get_metadef_tag");
            return ApiResponse.ok(tagView(metadefs.item(ns, Kind.TAG, req.param("name"))));
        });
        routes.add("POST", BASE + "/tags/{name}", req -> {
            MetadefNamespace ns = namespaces.namespace(req, "add_metadef_tag");
            return ApiResponse.json(201, tagView(metadefs.add(ns, Kind.TAG,
                    new MetadefItem(req.param("name"), null, null, null))));
        });
        routes.add("PUT", BASE + "/tags/{name}", req -> {
            ObjectNode body = checked(req, "tag");
            MetadefNamespace ns = namespaces.namespace(req, "modify_metadef_tag");
            return ApiResponse.ok(tagView(metadefs.replace(ns, Kind.TAG, req.param("name"),
                    new MetadefItem(body.get("name").asText(), null, null, null))));
        });
        routes.add("DELETE", BASE + "/tags/{name}", req -> deleteOne(req, Kind.TAG, "delete_metadef_tag"));
    }

    private ApiResponse createTags(ApiRequest req) {
        ObjectNode body = checked(req, "tags");
        MetadefNamespace ns = namespaces.namespace(req, "add_metadef_tags");
        List<String> names = new ArrayList<>();
        body.path("tags").forEach(t -> names.add(t.path("name").asText()));
        boolean append = req.header("X-Openstack-Append").map(Boolean::parseBoolean).orElse(false);
        return ApiResponse.json(201, Map.of("tags", names(metadefs.setTags(ns, names, append))));
    }

    private ApiResponse deleteOne(ApiRequest req, Kind kind, String rule) {
        metadefs.delete(namespaces.namespace(req, rule), kind, req.param("name"));
        return ApiResponse.noContent();
    }

    private ApiResponse deleteAll(ApiRequest req, Kind kind, String rule) {
        metadefs.deleteAll(namespaces.namespace(req, rule), kind);
        return ApiResponse.noContent();
    }

    private ObjectNode checked(ApiRequest req, String schema) {
        ObjectNode body = ImagesResource.objectBody(req);
        schemas.checkMetadef(schema, body);
        if (!schema.equals("tags") && !body.hasNonNull("name")) {
            throw ServiceException.badRequest("Provided object does not match schema '" + schema + "': 'name' is a "
                    + "required property");
        }
        return body;
    }

    private static List<Map<String, Object>> names(List<MetadefItem> tags) {
        return tags.stream().map(t -> Map.<String, Object>of("name", t.name())).toList();
    }

    /** An object's definition as stored: description, required and properties. */
    static MetadefItem object(ObjectNode body) {
        ObjectNode def = Json.object();
        if (body.hasNonNull("description")) {
            def.set("description", body.get("description"));
        }
        def.set("required", body.hasNonNull("required") ? body.get("required") : Json.MAPPER.createArrayNode());
        def.set("properties", body.hasNonNull("properties") ? body.get("properties") : Json.object());
        return new MetadefItem(body.path("name").asText(), def.toString(), null, null);
    }

    /** A property's definition as stored: everything but its name. */
    static MetadefItem property(String name, ObjectNode body) {
        ObjectNode def = body.deepCopy();
        def.remove("name");
        return new MetadefItem(name, def.toString(), null, null);
    }

    static Map<String, Object> objectView(MetadefNamespace ns, MetadefItem o) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("name", o.name());
        JsonNode def = parse(o.body());
        v.put("required", def.path("required"));
        MetadefNamespacesResource.putIf(v, "description", def.hasNonNull("description")
                ? def.get("description").asText() : null);
        v.put("properties", def.path("properties"));
        v.put("created_at", Views.isoTime(o.createdAt()));
        v.put("updated_at", Views.isoTime(o.updatedAt()));
        v.put("self", "/v2/metadefs/namespaces/" + ns.namespace() + "/objects/" + o.name());
        v.put("schema", "/v2/schemas/metadefs/object");
        return v;
    }

    static Map<String, Object> propertyView(MetadefItem p) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("name", p.name());
        parse(p.body()).fields().forEachRemaining(f -> v.put(f.getKey(), f.getValue()));
        return v;
    }

    private static Map<String, Object> tagView(MetadefItem t) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("name", t.name());
        v.put("created_at", Views.isoTime(t.createdAt()));
        v.put("updated_at", Views.isoTime(t.updatedAt()));
        return v;
    }

    private static JsonNode parse(String json) {
        try {
            return json == null ? Json.object() : Json.MAPPER.readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException("corrupt metadef definition: " + e.getMessage(), e);
        }
    }
}
