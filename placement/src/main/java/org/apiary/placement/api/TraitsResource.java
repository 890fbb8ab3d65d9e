package org.apiary.placement.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apiary.common.error.ServiceException;
import org.apiary.common.json.Json;
import org.apiary.http.ApiRequest;
import org.apiary.http.ApiResponse;
import org.apiary.placement.api.schema.Schemas;
import org.apiary.placement.domain.CatalogService;
import org.apiary.placement.domain.NamedItem;
import org.apiary.placement.domain.ProviderService;

/** /traits and /resource_providers/{uuid}/traits (1.6+). */
public final class TraitsResource {
    private final CatalogService catalog;
    private final ProviderService providers;
    private final Authz authz;

    public TraitsResource(CatalogService catalog, ProviderService providers, Authz authz) {
        this.catalog = catalog;
        this.providers = providers;
        this.authz = authz;
    }

    public void register(Routes routes) {
        routes.add("GET", "/traits", Routes.Body.SENDS_JSON, this::list);
        routes.add("GET", "/traits/{name}", Routes.Body.NONE, this::get);
        routes.add("PUT", "/traits/{name}", Routes.Body.NONE, this::put);
        routes.add("DELETE", "/traits/{name}", Routes.Body.NONE, this::delete);
        routes.add("GET", "/resource_providers/{uuid}/traits", Routes.Body.SENDS_JSON, this::providerTraits);
        routes.add("PUT", "/resource_providers/{uuid}/traits", "1.6", Routes.Body.READS_JSON, this::setProviderTraits);
        routes.add("DELETE", "/resource_providers/{uuid}/traits", Routes.Body.NONE, this::clearProviderTraits);
    }

    private static ApiResponse names(ApiRequest req, List<NamedItem> traits, Long generation) {
        List<String> names = new ArrayList<>();
        long last = 0;
        for (NamedItem t : traits) {
            names.add(t.name());
            last = Math.max(last, t.lastModified());
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("traits", names);
        if (generation != null) {
            body.put("resource_provider_generation", generation);
        }
        return Views.cached(req, ApiResponse.ok(body), last);
    }

    private ApiResponse list(ApiRequest req) {
        Requests.since(req, "1.6");
        authz.enforce(req, "placement:traits:list");
        Requests.query(req, Schemas.TRAITS_LIST);
        List<String> namesIn = null;
        String prefix = null;
        String name = req.queryParam("name").orElse(null);
        if (name != null) {
            int colon = name.indexOf(':');
            if (colon < 0) {
                throw ServiceException.badRequest("Badly formatted name parameter. Expected name query string "
                        + "parameter in form: ?name=[in|startswith]:[name1,name2|prefix]. Got: \"" + name + "\"");
            }
            String op = name.substring(0, colon);
            if (op.equals("in")) {
                namesIn = Arrays.asList(name.substring(colon + 1).split(","));
            } else if (op.equals("startswith")) {
                prefix = name.substring(colon + 1);
            }
        }
        Boolean associated = null;
        String a = req.queryParam("associated").orElse(null);
        if (a != null) {
            String v = a.toLowerCase(Locale.ROOT);
            if (!v.equals("true") && !v.equals("false")) {
                throw ServiceException.badRequest("The query parameter \"associated\" only accepts \"true\" or \"false\"");
            }
            associated = v.equals("true");
        }
        return names(req, catalog.traits(namesIn, prefix, associated), null);
    }

    private ApiResponse get(ApiRequest req) {
        Requests.since(req, "1.6");
        authz.enforce(req, "placement:traits:show");
        NamedItem t = catalog.trait(req.param("name"));
        return Views.cached(req, ApiResponse.noContent(), t.lastModified());
    }

    private ApiResponse put(ApiRequest req) {
        Requests.since(req, "1.6");
        authz.enforce(req, "placement:traits:update");
        String name = req.param("name");
        if (Schemas.CUSTOM_TRAIT.validate(Json.MAPPER.getNodeFactory().textNode(name)) != null) {
            throw ServiceException.badRequest("The trait is invalid. A valid trait must be no longer than 255 "
                    + "characters, start with the prefix \"CUSTOM_\" and use following characters: \"A\"-\"Z\", "
                    + "\"0\"-\"9\" and \"_\"");
        }
        boolean created = catalog.ensureTrait(name);
        ApiResponse res = ApiResponse.empty(created ? 201 : 204).header("Location", req.baseUrl() + "/traits/" + name);
        return Views.cached(req, res, 0);
    }

    private ApiResponse delete(ApiRequest req) {
        Requests.since(req, "1.6");
        authz.enforce(req, "placement:traits:delete");
        catalog.deleteTrait(req.param("name"));
        return ApiResponse.noContent();
    }

    private ApiResponse providerTraits(ApiRequest req) {
        Requests.since(req, "1.6");
        authz.enforce(req, "placement:resource_providers:traits:list");
        String uuid = req.param("uuid");
        long generation = providers.get(uuid).generation();
        return names(req, providers.traits(uuid), generation);
    }

    private ApiResponse setProviderTraits(ApiRequest req) {
        Requests.since(req, "1.6");
        authz.enforce(req, "placement:resource_providers:traits:update");
        String uuid = req.param("uuid");
        JsonNode data = Requests.body(req, Schemas.PROVIDER_TRAITS);
        providers.get(uuid);
        Set<String> wanted = new LinkedHashSet<>();
        data.get("traits").forEach(t -> wanted.add(t.asText()));
        long generation = providers.setTraits(uuid, data.get("resource_provider_generation").asLong(), wanted);
        return names(req, providers.traits(uuid), generation);
    }

    private ApiResponse clearProviderTraits(ApiRequest req) {
        Requests.since(req, "1.6");
        authz.enforce(req, "placement:resource_providers:traits:delete");
        String uuid = req.param("uuid");
        providers.get(uuid);
        providers.setTraits(uuid, null, Set.of());
        return ApiResponse.noContent();
    }
}
