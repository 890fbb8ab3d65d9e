package org.apiary.image.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apiary.common.error.ErrorKind;
import org.apiary.common.error.ServiceException;
import org.apiary.common.json.Json;
import org.apiary.http.ApiRequest;
import org.apiary.http.ApiResponse;
import org.apiary.http.RouteTable;
import org.apiary.image.domain.Change;
import org.apiary.image.domain.Image;
import org.apiary.image.domain.ImageLimits;
import org.apiary.image.domain.ImageQuery;
import org.apiary.image.domain.ImageService;
import org.apiary.image.domain.ImportService;
import org.apiary.image.domain.Viewer;

/** /v2/images and /v2/images/{id}: each handler reads policy → parse/validate → domain call → render. */
public final class ImagesResource {
    private static final Set<String> DISALLOWED = Set.of("direct_url", "self", "file", "schema", "stores");
    private static final Set<String> READ_ONLY_ON_CREATE = Set.of("created_at", "updated_at", "status", "checksum",
            "os_hash_algo", "os_hash_value", "size", "virtual_size");
    private static final Set<String> BASE = Set.of("container_format", "disk_format", "id", "min_disk", "min_ram",
            "name", "tags", "owner", "visibility", "protected", "os_hidden");

    private final ImageService images;
    private final ImportService imports;
    private final Authz authz;
    private final Schemas schemas;
    private final String storeId;
    private final int defaultLimit;
    private final int maxLimit;

    public ImagesResource(ImageService images, ImportService imports, Authz authz, Schemas schemas, String storeId,
                          int defaultLimit, int maxLimit) {
        this.images = images;
        this.imports = imports;
        this.authz = authz;
        this.schemas = schemas;
        this.storeId = storeId;
        this.defaultLimit = defaultLimit;
        this.maxLimit = maxLimit;
    }

    public void register(RouteTable routes) {
        routes.add("POST", "/v2/images", this::create);
        routes.add("GET", "/v2/images", this::list);
        routes.add("DELETE", "/v2/images", this::collectionDelete);
        routes.add("GET", "/v2/images/{image_id}", this::show);
        routes.add("PATCH", "/v2/images/{image_id}", this::update);
        routes.add("DELETE", "/v2/images/{image_id}", this::delete);
        routes.add("GET", "/v2/images/{image_id}/tasks", this::tasks);
    }

    private ApiResponse create(ApiRequest req) {
        Viewer viewer = authz.viewer(req);
        ObjectNode body = objectBody(req);
        for (String key : DISALLOWED) {
            if (body.has(key)) {
                throw ServiceException.forbidden("Attribute '" + key + "' is read-only.");
            }
        }
        schemas.checkImage(body);
        Image.Builder draft = new Image.Builder();
        Map<String, String> extra = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = body.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            String key = f.getKey();
            JsonNode v = f.getValue();
            if (READ_ONLY_ON_CREATE.contains(key)) {
                throw ServiceException.forbidden("Attribute '" + key + "' is read-only.");
            }
            if (BASE.contains(key)) {
                setBase(draft, key, v);
                continue;
            }
            if (key.length() > 255) {
                throw ServiceException.badRequest("Custom property should not be greater than 255 characters.");
            }
            if (PatchParser.RESERVED.contains(key) || key.equals("locations")
                    || key.startsWith(PatchParser.RESERVED_NAMESPACE)) {
                throw ServiceException.forbidden("Attribute '" + key + "' is reserved.");
            }
            extra.put(key, v.isNull() ? null : v.asText());
        }
        draft.properties.putAll(extra);
        if (!body.has("owner")) {
            draft.owner = viewer.projectId();
        }
        Map<String, Object> target = new HashMap<>();
        target.put("project_id", draft.owner);
        target.put("owner", draft.owner);
        target.put("visibility", draft.visibility == null ? "private" : draft.visibility);
        if (!viewer.admin() && draft.owner != null && !draft.owner.equals(viewer.projectId())) {
            throw ServiceException.forbidden("You are not permitted to create images owned by '" + draft.owner + "'.");
        }
        authz.enforce(req, "add_image", target);
        authz.enforceVisibility(req, draft.visibility, target);
        Image image = images.create(draft);
        ApiResponse res = ApiResponse.json(201, Views.image(image, schemas, storeId))
                .header("Location", req.baseUrl() + "/v2/images/" + image.id())
                .header("OpenStack-image-store-ids", storeId);
        ImageLimits limits = images.limits();
        if (!limits.importMethods().isEmpty()) {
            res.header("OpenStack-image-import-methods", String.join(",", limits.importMethods()));
        }
        return res;
    }

    @SuppressWarnings("unchecked")
    private static void setBase(Image.Builder b, String key, JsonNode v) {
        switch (key) {
            case "id" -> b.id = v.asText();
            case "name" -> b.name = v.isNull() ? null : v.asText();
            case "visibility" -> b.visibility = v.asText();
            case "protected" -> b.isProtected = v.asBoolean();
            case "os_hidden" -> b.osHidden = v.asBoolean();
            case "min_disk" -> b.minDisk = ImageService.checkNotNegative("min_disk", v.asLong());
            case "min_ram" -> b.minRam = ImageService.checkNotNegative("min_ram", v.asLong());
            case "owner" -> b.owner = v.isNull() ? null : v.asText();
            case "disk_format" -> b.diskFormat = v.isNull() ? null : v.asText();
            case "container_format" -> b.containerFormat = v.isNull() ? null : v.asText();
            case "tags" -> b.tags((List<String>) value("tags", v));
            default -> throw new IllegalArgumentException(key);
        }
    }

    /**
     * The route table ignores a trailing slash, Glance's router does not: /v2/images/ is an image
     * with an empty id there, so GET and DELETE on it are 404; DELETE /v2/images itself is 405.
     */
    private static boolean emptyImageId(ApiRequest req) {
        return req.path().endsWith("/");
    }

    private ApiResponse collectionDelete(ApiRequest req) {
        if (emptyImageId(req)) {
            throw ServiceException.notFound("The resource could not be found.");
        }
        return new GlanceErrors().render(new ServiceException(ErrorKind.METHOD_NOT_ALLOWED, "The method DELETE is "
                + "not allowed for the requested URL."), req.requestId()).header("Allow", "GET, POST");
    }

    private ApiResponse list(ApiRequest req) {
        if (emptyImageId(req)) {
            throw ServiceException.notFound("The resource could not be found.");
        }
        Map<String, Object> listTarget = new HashMap<>();
        listTarget.put("project_id", req.auth().projectId());
        authz.enforce(req, "get_images", listTarget);
        Viewer viewer = authz.viewer(req);
        ImageQuery query = ListQuery.parse(req.query(), defaultLimit, maxLimit);
        List<Image> page = images.list(viewer, query);
        List<Map<String, Object>> shown = new ArrayList<>();
        for (Image i : page) {
            if (authz.allows(req, "get_image", i)) {
                shown.add(Views.image(i, schemas, storeId));
            }
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("images", shown);
        body.put("first", ListQuery.link(req.query(), null));
        body.put("schema", "/v2/schemas/images");
        // A full page from the database means there may be more, whatever policy hid from it.
        if (!shown.isEmpty() && page.size() == query.limit()) {
            body.put("next", ListQuery.link(req.query(), page.get(page.size() - 1).id()));
        }
        return ApiResponse.ok(body);
    }

    private ApiResponse show(ApiRequest req) {
        Image image = images.get(authz.viewer(req), req.param("image_id"));
        authz.enforce(req, "get_image", image);
        return ApiResponse.ok(Views.image(image, schemas, storeId));
    }

    private ApiResponse update(ApiRequest req) {
        String type = req.header("Content-Type").map(t -> t.split(";")[0].strip()).orElse("");
        if (!type.equals(PatchParser.DRAFT4) && !type.equals(PatchParser.DRAFT10)) {
            return new GlanceErrors().render(new ServiceException(ErrorKind.UNSUPPORTED_MEDIA_TYPE,
                    "The request media type " + type + " is not supported by this server."), req.requestId())
                    .header("Accept-Patch", PatchParser.DRAFT4 + ", " + PatchParser.DRAFT10);
        }
        List<PatchParser.Op> ops = PatchParser.parse(req.body(), type.equals(PatchParser.DRAFT4), schemas);
        Viewer viewer = authz.viewer(req);
        Image image = images.get(viewer, req.param("image_id"));
        List<Change> changes = new ArrayList<>();
        for (PatchParser.Op op : ops) {
            String root = op.root();
            if (root.equals("locations")) {
                throw ServiceException.forbidden("It's not allowed to " + (op.op().equals("add") ? "add"
                        : op.op().equals("remove") ? "remove" : "update") + " locations if locations are invisible.");
            }
            if (root.equals("owner") && !op.op().equals("remove") && !viewer.admin()) {
                throw ServiceException.forbidden("Owner can't be updated by non admin.");
            }
            if (root.equals("visibility")) {
                authz.enforceVisibility(req, op.value().asText(), authz.target(req, image));
            }
            authz.enforce(req, "modify_image", image);
            authz.requireOwner(viewer, image);
            changes.add(new Change(Change.Op.valueOf(op.op().toUpperCase()), root, value(root, op.value()),
                    op.draft4()));
        }
        return ApiResponse.ok(Views.image(images.update(image, changes), schemas, storeId));
    }

    /** A patch value as the domain takes it: Boolean, Long, List of String, String, or null. */
    private static Object value(String root, JsonNode v) {
        if (v == null || v.isNull()) {
            return null;
        }
        return switch (root) {
            case "protected", "os_hidden" -> v.asBoolean();
            case "min_disk", "min_ram" -> v.asLong();
            case "tags" -> {
                List<String> tags = new ArrayList<>();
                v.forEach(t -> tags.add(t.asText()));
                yield tags;
            }
            default -> v.isTextual() ? v.asText() : v.toString();
        };
    }

    private ApiResponse delete(ApiRequest req) {
        Viewer viewer = authz.viewer(req);
        Image image = images.get(viewer, req.param("image_id"));
        authz.enforce(req, "delete_image", image);
        authz.requireOwner(viewer, image);
        images.delete(image);
        return ApiResponse.noContent();
    }

    private ApiResponse tasks(ApiRequest req) {
        Viewer viewer = authz.viewer(req);
        Image image = images.get(viewer, req.param("image_id"));
        authz.enforce(req, "get_image", image);
        return ApiResponse.ok(Map.of("tasks", imports.tasks(image, viewer).stream().map(Views::task).toList()));
    }

    /** A JSON object body; Glance says "Body expected in request." when there is none. */
    static ObjectNode objectBody(ApiRequest req) {
        byte[] body = req.body();
        if (body.length == 0) {
            throw ServiceException.badRequest("Body expected in request.");
        }
        try {
            JsonNode n = Json.MAPPER.readTree(body);
            if (n == null || !n.isObject()) {
                throw ServiceException.badRequest("Body expected in request.");
            }
            return (ObjectNode) n;
        } catch (IOException e) {
            throw ServiceException.badRequest("Malformed JSON in request body.");
        }
    }
}
