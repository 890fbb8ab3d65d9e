package org.apiary.identity.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apiary.common.error.ServiceException;
import org.apiary.common.json.Fields;
import org.apiary.common.json.Json;
import org.apiary.http.ApiRequest;
import org.apiary.http.ApiResponse;
import org.apiary.http.RouteTable;
import org.apiary.identity.domain.Consumer;
import org.apiary.identity.domain.ConsumerService;

/**
 * /v3/OS-OAUTH1/consumers (keystone/api/os_oauth1.py, oauth1/schema.py). The OAuth1 request and
 * access token flow is not offered; only consumer management is.
 */
public final class ConsumersResource {
    private static final String BASE = "/v3/OS-OAUTH1/consumers";
    private static final String[] MODELLED = {"id", "description", "secret", "links"};

    private final ConsumerService consumers;
    private final Authz authz;

    public ConsumersResource(ConsumerService consumers, Authz authz) {
        this.consumers = consumers;
        this.authz = authz;
    }

    public void register(RouteTable routes) {
        routes.add("GET", BASE, this::list);
        routes.add("POST", BASE, this::create);
        routes.add("GET", BASE + "/{consumer_id}", this::get);
        routes.add("PATCH", BASE + "/{consumer_id}", this::update);
        routes.add("DELETE", BASE + "/{consumer_id}", this::delete);
    }

    private ApiResponse list(ApiRequest req) {
        authz.enforce(req, "list_consumers");
        return Links.collection(req, "consumers", consumers.list().stream().map(c -> view(req, c)).toList());
    }

    private ApiResponse get(ApiRequest req) {
        authz.enforce(req, "get_consumer");
        return Links.single(200, "consumer", view(req, consumers.get(req.param("consumer_id"))));
    }

    private ApiResponse create(ApiRequest req) {
        authz.enforce(req, "create_consumer");
        // Keystone takes an empty body as an empty consumer; anything else must be valid JSON.
        ObjectNode body = req.body().length == 0 ? Json.object() : consumer(req.json());
        String description = Fields.optString(body, "description");
        var created = consumers.create(description, StrictFields.extra(body, true, MODELLED));
        Map<String, Object> view = view(req, created.consumer());
        view.put("secret", created.secret());
        return Links.single(201, "consumer", view);
    }

    private ApiResponse update(ApiRequest req) {
        authz.enforce(req, "update_consumer");
        ObjectNode body = consumer(req.json());
        StrictFields.notEmpty(body);
        if (body.has("secret")) {
            throw ServiceException.badRequest(body + " should not be valid under {'required': ['secret']}");
        }
        String description = Fields.optString(body, "description");
        String id = req.param("consumer_id");
        StrictFields.matchingId(body, id);
        Consumer updated = consumers.update(id, body.has("description"), description,
                StrictFields.extra(body, true, MODELLED));
        return Links.single(200, "consumer", view(req, updated));
    }

    private ApiResponse delete(ApiRequest req) {
        authz.enforce(req, "delete_consumer");
        consumers.delete(req.param("consumer_id"));
        return ApiResponse.noContent();
    }

    private static ObjectNode consumer(ObjectNode body) {
        ObjectNode c = Fields.optObject(body, "consumer");
        return c == null ? Json.object() : c;
    }

    private static Map<String, Object> view(ApiRequest req, Consumer c) {
        Map<String, Object> m = new LinkedHashMap<>(c.extra());
        m.put("id", c.id());
        m.put("description", c.description());
        m.put("links", Links.self(req, BASE + "/" + c.id()));
        return m;
    }
}
