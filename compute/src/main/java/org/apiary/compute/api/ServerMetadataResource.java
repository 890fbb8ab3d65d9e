package org.apiary.compute.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apiary.common.error.ServiceException;
import org.apiary.compute.domain.Server;
import org.apiary.compute.domain.ServerService;
import org.apiary.http.ApiRequest;
import org.apiary.http.ApiResponse;

/** /servers/{id}/metadata and /servers/{id}/metadata/{key} (server_metadata.py). */
final class ServerMetadataResource {
    private static final String POLICY = "os_compute_api:server-metadata:";

    private final ServerService servers;
    private final Authz authz;

    ServerMetadataResource(ServerService servers, Authz authz) {
        this.servers = servers;
        this.authz = authz;
    }

    void register(NovaRoutes routes) {
        routes.add("GET", "/servers/{id}/metadata", this::index);
        routes.add("POST", "/servers/{id}/metadata", req -> put(req, "create", false));
        routes.add("PUT", "/servers/{id}/metadata", req -> put(req, "update_all", true));
        routes.add("GET", "/servers/{id}/metadata/{key}", this::show);
        routes.add("PUT", "/servers/{id}/metadata/{key}", this::updateOne);
        routes.add("DELETE", "/servers/{id}/metadata/{key}", this::delete);
    }

    private ApiResponse index(ApiRequest req) {
        Server s = ServersResource.visible(req, servers, authz, POLICY + "index");
        return ApiResponse.ok(Map.of("metadata", new TreeMap<>(s.metadata())));
    }

    private ApiResponse put(ApiRequest req, String op, boolean replace) {
        Server s = ServersResource.visible(req, servers, authz, POLICY + op);
        ObjectNode body = ServerCreateBody.root(req);
        Requests.allowOnly(body, "", List.of("metadata"));
        Requests.require(body, "", "metadata");
        Map<String, String> md = ServerFields.metadata(body.get("metadata"), "metadata");
        Map<String, String> all = servers.putMetadata(ServerFields.caller(req, authz), s.uuid(), md, replace);
        return ApiResponse.ok(Map.of("metadata", new TreeMap<>(all)));
    }

    private ApiResponse show(ApiRequest req) {
        Server s = ServersResource.visible(req, servers, authz, POLICY + "show");
        String key = req.param("key");
        String value = s.metadata().get(key);
        if (value == null) {
            throw ServiceException.notFound("Metadata item was not found");
        }
        return ApiResponse.ok(Map.of("meta", Map.of(key, value)));
    }

    private ApiResponse updateOne(ApiRequest req) {
        Server s = ServersResource.visible(req, servers, authz, POLICY + "update");
        ObjectNode body = ServerCreateBody.root(req);
        Requests.allowOnly(body, "", List.of("meta"));
        Requests.require(body, "", "meta");
        Map<String, String> meta = ServerFields.metadata(body.get("meta"), "meta");
        if (meta.size() != 1) {
            throw Requests.invalid("meta", body.get("meta"), body.get("meta") + (meta.isEmpty()
                    ? " does not have enough properties" : " has too many properties"));
        }
        String key = req.param("key");
        if (!meta.containsKey(key)) {
            throw ServiceException.badRequest("Request body and URI mismatch");
        }
        servers.putMetadata(ServerFields.caller(req, authz), s.uuid(), meta, false);
        return ApiResponse.ok(Map.of("meta", meta));
    }

    private ApiResponse delete(ApiRequest req) {
        Server s = ServersResource.visible(req, servers, authz, POLICY + "delete");
        String key = req.param("key");
        if (!s.metadata().containsKey(key)) {
            throw ServiceException.notFound("Metadata item was not found");
        }
        servers.deleteMetadata(ServerFields.caller(req, authz), s.uuid(), key);
        return ApiResponse.noContent();
    }
}
