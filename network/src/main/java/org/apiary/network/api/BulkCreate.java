package org.apiary.network.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apiary.http.ApiRequest;
import org.apiary.http.ApiResponse;

/**
 * POST of one resource ({"port": {...}}) or of many ({"ports": [...]}). Neutron's bulk create is all
 * or nothing: when one item fails, the items this request already made are deleted and the failure
 * is the answer.
 */
final class BulkCreate {
    private BulkCreate() {}

    /**
     * @param create checks one body (attributes, policy) and makes the item
     * @param render the item's view for the response; a failure here still deletes the item
     * @param delete undoes one item made by this request
     */
    static <T> ApiResponse create(ApiRequest req, String resource, String collection, Function<ObjectNode, T> create,
            Function<T, Map<String, Object>> render, Consumer<T> delete) {
        List<ObjectNode> bodies = Bodies.items(req, resource, collection, true);
        List<Map<String, Object>> created = new ArrayList<>();
        List<T> done = new ArrayList<>();
        try {
            for (ObjectNode b : bodies) {
                T item = create.apply(b);
                done.add(item);
                created.add(render.apply(item));
            }
        } catch (RuntimeException e) {
            done.forEach(delete);
            throw e;
        }
        return bodies.size() == 1 && !req.json().has(collection)
                ? ApiResponse.json(201, Map.of(resource, created.get(0)))
                : ApiResponse.json(201, Map.of(collection, created));
    }
}
