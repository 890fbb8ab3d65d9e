package org.apiary.image.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apiary.common.error.ServiceException;
import org.apiary.http.ApiRequest;
import org.apiary.http.ApiResponse;
import org.apiary.http.RouteTable;
import org.apiary.image.domain.MetadefAssociation;
import org.apiary.image.domain.MetadefItem;
import org.apiary.image.domain.MetadefItem.Kind;
import org.apiary.image.domain.MetadefNamespace;
import org.apiary.image.domain.MetadefService;
import org.apiary.image.domain.Viewer;

/** /v2/metadefs/namespaces, /v2/metadefs/resource_types and a namespace's resource-type associations. */
public final class MetadefNamespacesResource {
    private static final String BASE = "/v2/metadefs/namespaces";
    private static final Set<String> READ_ONLY = Set.of("self", "schema", "created_at", "updated_at");

    private final MetadefService metadefs;
    private final MetadefAuthz authz;
    private final Authz imageAuthz;
    private final Schemas schemas;
    private final int defaultLimit;

    public MetadefNamespacesResource(MetadefService metadefs, Authz imageAuthz,
                                     org.apiary.common.policy.PolicyEngine policy, Schemas schemas, int defaultLimit) {
        this.metadefs = metadefs;
        this.imageAuthz = imageAuthz;
        this.authz = new MetadefAuthz(policy);
        this.schemas = schemas;
        this.defaultLimit = defaultLimit;
    }

    public void register(RouteTable routes) {
        routes.add("GET", BASE, this::list);
        routes.add("POST", BASE, this::create);
        routes.add("GET", BASE + "/{namespace}", this::show);
        routes.add("PUT", BASE + "/{namespace}", this::update);
        routes.add("DELETE", BASE + "/{namespace}", this::delete);
        routes.add("GET", "/v2/metadefs/resource_types", this::resourceTypes);
        routes.add("GET", BASE + "/{namespace}/resource_types", this::associations);
        routes.add("POST", BASE + "/{namespace}/resource_types", this::associate);
        routes.add("DELETE", BASE + "/{namespace}/resource_types/{resource_type}", this::dissociate);
    }

    MetadefNamespace namespace(ApiRequest req, String rule) {
        MetadefNamespace ns = metadefs.get(imageAuthz.viewer(req), req.param("namespace"));
        authz.enforce(req, rule, ns);
        return ns;
    }

    private ApiResponse list(ApiRequest req) {
        authz.enforce(req, "get_metadef_namespaces", null);
        authz.enforce(req, "list_metadef_resource_types", null);
        Viewer viewer = imageAuthz.viewer(req);
        String visibility = req.queryParam("visibility").orElse(null);
        if (visibility != null && !visibility.equals("public") && !visibility.equals("private")) {
            throw ServiceException.badRequest("Invalid visibility value: " + visibility);
        }
        List<String> types = req.queryParam("resource_types").map(t -> Arrays.asList(t.split(","))).orElse(List.of());
        int limit = req.queryParam("limit").map(ListQuery::limit).orElse(defaultLimit);
        List<MetadefNamespace> all = metadefs.list(viewer, visibility, types);
        int from = 0;
        String marker = req.queryParam("marker").orElse(null);
        if (marker != null) {
            from = all.stream().map(MetadefNamespace::namespace).toList().indexOf(marker) + 1;
            if (from == 0) {
                throw ServiceException.notFound("Metadata definition namespace=" + marker + " was not found.");
            }
        }
        List<MetadefNamespace> page = all.subList(from, Math.min(all.size(), from + limit));
        List<Map<String, Object>> shown = new ArrayList<>();
        for (MetadefNamespace ns : page) {
            shown.add(view(ns, metadefs.associations(ns)));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("namespaces", shown);
        body.put("schema", "/v2/schemas/metadefs/namespaces");
        body.put("first", ListQuery.link(BASE, req.query(), null));
        if (!page.isEmpty() && page.size() == limit) {
            body.put("next", ListQuery.link(BASE, req.query(), page.get(page.size() - 1).namespace()));
        }
        return ApiResponse.ok(body);
    }

    private ApiResponse create(ApiRequest req) {
        ObjectNode body = checked(req);
        Viewer viewer = imageAuthz.viewer(req);
        MetadefNamespace draft = fields(body, body.has("owner") ? body.get("owner").asText() : viewer.projectId(), null);
        authz.enforce(req, "add_metadef_namespace", draft);
        List<MetadefAssociation> assocs = new ArrayList<>();
        for (JsonNode a : body.path("resource_type_associations")) {
            assocs.add(new MetadefAssociation(a.path("name").asText(), text(a, "prefix"), text(a, "properties_target"),
                    null, null));
        }
        List<MetadefItem> properties = new ArrayList<>();
        body.path("properties").fields().forEachRemaining(f -> properties.add(MetadefItemsResource.property(f.getKey(),
                (ObjectNode) f.getValue())));
        List<MetadefItem> objects = new ArrayList<>();
        body.path("objects").forEach(o -> objects.add(MetadefItemsResource.object((ObjectNode) o)));
        List<MetadefItem> tags = new ArrayList<>();
        body.path("tags").forEach(t -> tags.add(new MetadefItem(t.path("name").asText(), null, null, null)));
        MetadefNamespace ns = metadefs.create(draft, assocs, properties, objects, tags);
        Map<String, Object> view = view(ns, List.of());
        if (!assocs.isEmpty()) {
            view.put("resource_type_associations", assocs.stream().map(a -> association(a, false)).toList());
        }
        return ApiResponse.json(201, children(view, ns));
    }

    private ApiResponse show(ApiRequest req) {
        MetadefNamespace ns = namespace(req, "get_metadef_namespace");
        return ApiResponse.ok(children(view(ns, metadefs.associations(ns)), ns));
    }

    private ApiResponse update(ApiRequest req) {
        ObjectNode body = checked(req);
        MetadefNamespace current = namespace(req, "modify_metadef_namespace");
        MetadefNamespace changed = fields(body, body.has("owner") ? body.get("owner").asText() : current.owner(), current);
        return ApiResponse.ok(view(metadefs.update(current, changed), List.of()));
    }

    private ApiResponse delete(ApiRequest req) {
        metadefs.delete(namespace(req, "delete_metadef_namespace"));
        return ApiResponse.noContent();
    }

    private ApiResponse resourceTypes(ApiRequest req) {
        authz.enforce(req, "list_metadef_resource_types", null);
        return ApiResponse.ok(Map.of("resource_types", metadefs.resourceTypes().stream().map(a -> {
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("name", a.name());
            v.put("created_at", Views.isoTime(a.createdAt()));
            v.put("updated_at", Views.isoTime(a.updatedAt()));
            return v;
        }).toList()));
    }

    private ApiResponse associations(ApiRequest req) {
        MetadefNamespace ns = namespace(req, "get_metadef_resource_type");
        return ApiResponse.ok(Map.of("resource_type_associations",
                metadefs.associations(ns).stream().map(a -> association(a, true)).toList()));
    }

    private ApiResponse associate(ApiRequest req) {
        ObjectNode body = ImagesResource.objectBody(req);
        schemas.checkMetadef("resource_type", body);
        MetadefNamespace ns = namespace(req, "add_metadef_resource_type_association");
        MetadefAssociation a = metadefs.associate(ns, new MetadefAssociation(body.path("name").asText(),
                text(body, "prefix"), text(body, "properties_target"), null, null));
        return ApiResponse.json(201, association(a, true));
    }

    private ApiResponse dissociate(ApiRequest req) {
        MetadefNamespace ns = namespace(req, "remove_metadef_resource_type_association");
        metadefs.dissociate(ns, req.param("resource_type"));
        return ApiResponse.noContent();
    }

    private ObjectNode checked(ApiRequest req) {
        ObjectNode body = ImagesResource.objectBody(req);
        for (String key : READ_ONLY) {
            if (body.has(key)) {
                throw ServiceException.forbidden("Attribute '" + key + "' is read-only.");
            }
        }
        schemas.checkMetadef("namespace", body);
        if (!body.hasNonNull("namespace")) {
            throw ServiceException.badRequest("Provided object does not match schema 'namespace': 'namespace' is a "
                    + "required property");
        }
        return body;
    }

    /** The namespace's own fields from a request body; unset ones default as Glance's model does. */
    private static MetadefNamespace fields(ObjectNode b, String owner, MetadefNamespace current) {
        return new MetadefNamespace(current == null ? null : current.id(), b.get("namespace").asText(),
                text(b, "display_name"), text(b, "description"),
                b.hasNonNull("visibility") ? b.get("visibility").asText() : "private",
                b.path("protected").asBoolean(false), owner, null, null);
    }

    static String text(JsonNode node, String field) {
        return node.hasNonNull(field) ? node.get(field).asText() : null;
    }

    static Map<String, Object> view(MetadefNamespace ns, List<MetadefAssociation> assocs) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("namespace", ns.namespace());
        putIf(v, "display_name", ns.displayName());
        putIf(v, "description", ns.description());
        v.put("visibility", ns.visibility());
        v.put("protected", ns.isProtected());
        putIf(v, "owner", ns.owner());
        v.put("created_at", Views.isoTime(ns.createdAt()));
        v.put("updated_at", Views.isoTime(ns.updatedAt()));
        if (!assocs.isEmpty()) {
            v.put("resource_type_associations", assocs.stream().map(a -> association(a, true)).toList());
        }
        v.put("self", BASE + "/" + ns.namespace());
        v.put("schema", "/v2/schemas/metadefs/namespace");
        return v;
    }

    /** Adds the namespace's properties, objects and tags (when it has any) before self and schema. */
    private Map<String, Object> children(Map<String, Object> view, MetadefNamespace ns) {
        Object self = view.remove("self");
        Object schema = view.remove("schema");
        Map<String, Object> props = new LinkedHashMap<>();
        metadefs.items(ns, Kind.PROPERTY).forEach(p -> props.put(p.name(), MetadefItemsResource.propertyView(p)));
        if (!props.isEmpty()) {
            view.put("properties", props);
        }
        List<Map<String, Object>> objects = metadefs.items(ns, Kind.OBJECT).stream()
                .map(o -> MetadefItemsResource.objectView(ns, o)).toList();
        if (!objects.isEmpty()) {
            view.put("objects", objects);
        }
        List<Map<String, Object>> tags = metadefs.items(ns, Kind.TAG).stream()
                .map(t -> Map.<String, Object>of("name", t.name())).toList();
        if (!tags.isEmpty()) {
            view.put("tags", tags);
        }
        view.put("self", self);
        view.put("schema", schema);
        return view;
    }

    private static Map<String, Object> association(MetadefAssociation a, boolean withTimes) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("name", a.name());
        putIf(v, "prefix", a.prefix());
        putIf(v, "properties_target", a.propertiesTarget());
        if (withTimes) {
            v.put("created_at", Views.isoTime(a.createdAt()));
            v.put("updated_at", Views.isoTime(a.updatedAt()));
        }
        return v;
    }

    static void putIf(Map<String, Object> v, String key, Object value) {
        if (value != null) {
            v.put(key, value);
        }
    }
}
