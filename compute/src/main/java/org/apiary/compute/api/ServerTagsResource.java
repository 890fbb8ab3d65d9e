package org.apiary.compute.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.apiary.common.error.ServiceException;
import org.apiary.compute.domain.Server;
import org.apiary.compute.domain.ServerService;
import org.apiary.compute.domain.ServerTags;
import org.apiary.http.ApiRequest;
import org.apiary.http.ApiResponse;

/** /servers/{id}/tags and /servers/{id}/tags/{tag}, from 2.26 (server_tags.py). */
final class ServerTagsResource {
    private static final String POLICY = "os_compute_api:os-server-tags:";

    private final ServerService servers;
    private final ServerTags tags;
    private final Authz authz;

    ServerTagsResource(ServerService servers, ServerTags tags, Authz authz) {
        this.servers = servers;
        this.tags = tags;
        this.authz = authz;
    }

    void register(NovaRoutes routes) {
        routes.add("GET", "/servers/{id}/tags", "2.26", this::index);
        routes.add("PUT", "/servers/{id}/tags", "2.26", this::replace);
        routes.add("DELETE", "/servers/{id}/tags", "2.26", this::deleteAll);
        routes.add("GET", "/servers/{id}/tags/{tag}", "2.26", this::show);
        routes.add("PUT", "/servers/{id}/tags/{tag}", "2.26", this::add);
        routes.add("DELETE", "/servers/{id}/tags/{tag}", "2.26", this::delete);
    }

    private ApiResponse index(ApiRequest req) {
        Server s = ServersResource.visible(req, servers, authz, POLICY + "index");
        return ApiResponse.ok(Map.of("tags", s.tags()));
    }

    private ApiResponse show(ApiRequest req) {
        Server s = ServersResource.visible(req, servers, authz, POLICY + "show");
        String tag = req.param("tag");
        if (!s.tags().contains(tag)) {
            throw ServiceException.notFound("Server " + s.uuid() + " has no tag '" + tag + "'");
        }
        return ApiResponse.noContent();
    }

    private ApiResponse add(ApiRequest req) {
        Server s = ServersResource.visible(req, servers, authz, POLICY + "update");
        if (req.body().length > 0 && !new String(req.body(), java.nio.charset.StandardCharsets.UTF_8).isBlank()
                && !new String(req.body(), java.nio.charset.StandardCharsets.UTF_8).strip().equals("null")) {
            throw ServiceException.badRequest("Invalid input for field/attribute . Value: "
                    + Requests.abbreviate(new String(req.body(), java.nio.charset.StandardCharsets.UTF_8))
                    + ". The request body must be empty or null.");
        }
        String tag = req.param("tag");
        try {
            ServerFields.tag(TextNode.valueOf(tag), "tag");
        } catch (ServiceException e) {
            throw ServiceException.badRequest("Tag '" + tag + "' is invalid. It must be a non empty string without "
                    + "characters '/' and ','. Validation error message: " + e.getMessage());
        }
        if (!tags.add(s, tag)) {
            return ApiResponse.noContent();
        }
        return ApiResponse.empty(201).header("Location", NovaRoutes.root(req) + "/servers/" + s.uuid() + "/tags/"
                + java.net.URLEncoder.encode(tag, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20"));
    }

    private ApiResponse replace(ApiRequest req) {
        Server s = ServersResource.visible(req, servers, authz, POLICY + "update_all");
        ObjectNode body = ServerCreateBody.root(req);
        Requests.allowOnly(body, "", List.of("tags"));
        Requests.require(body, "", "tags");
        JsonNode list = body.get("tags");
        if (!list.isArray()) {
            throw Requests.invalid("tags", list, list + " is not of type 'array'");
        }
        if (list.size() > ServerTags.MAX_TAGS) {
            throw Requests.invalid("tags", list, Requests.abbreviate(list.toString()) + " is too long");
        }
        List<String> wanted = new ArrayList<>();
        for (JsonNode t : list) {
            wanted.add(ServerFields.tag(t, "tags"));
        }
        return ApiResponse.ok(Map.of("tags", tags.replace(s, List.copyOf(new LinkedHashSet<>(wanted)))));
    }

    private ApiResponse delete(ApiRequest req) {
        Server s = ServersResource.visible(req, servers, authz, POLICY + "delete");
        tags.delete(s, req.param("tag"));
        return ApiResponse.noContent();
    }

    private ApiResponse deleteAll(ApiRequest req) {
        Server s = ServersResource.visible(req, servers, authz, POLICY + "delete_all");
        tags.deleteAll(s);
        return ApiResponse.noContent();
    }
}
