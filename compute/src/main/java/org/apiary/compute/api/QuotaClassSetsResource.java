package org.apiary.compute.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apiary.compute.domain.QuotaService;
import org.apiary.http.ApiRequest;
import org.apiary.http.ApiResponse;

/**
 * /os-quota-class-sets/{class} (quota_classes.py). The "default" class is what projects without
 * limits of their own get. Before 2.50 the server group quotas are hidden and the network ones
 * shown; from 2.50 the reverse; from 2.57 the injected-file ones are hidden too.
 */
public final class QuotaClassSetsResource {
    private static final List<String> NETWORK = List.of("fixed_ips", "floating_ips", "security_group_rules",
            "security_groups");
    private static final List<String> INJECTED = List.of("injected_files", "injected_file_content_bytes",
            "injected_file_path_bytes");

    private final QuotaService quotas;
    private final Authz authz;

    public QuotaClassSetsResource(QuotaService quotas, Authz authz) {
        this.quotas = quotas;
        this.authz = authz;
    }

    public void register(NovaRoutes routes) {
        routes.add("GET", "/os-quota-class-sets/{id}", this::show);
        routes.add("PUT", "/os-quota-class-sets/{id}", this::update);
    }

    private static List<String> hidden(ApiRequest req) {
        List<String> h = new ArrayList<>();
        if (req.atLeast("2.50")) {
            h.addAll(NETWORK);
        } else {
            h.addAll(List.of("server_groups", "server_group_members"));
        }
        if (req.atLeast("2.57")) {
            h.addAll(INJECTED);
        }
        return h;
    }

    private static Map<String, Object> format(ApiRequest req, String id, Map<String, Integer> values) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (id != null) {
            out.put("id", id);
        }
        List<String> hidden = hidden(req);
        for (String r : QuotaService.RESOURCES) {
            if (!hidden.contains(r) && values.containsKey(r)) {
                out.put(r, values.get(r));
            }
        }
        return Map.of("quota_class_set", out);
    }

    private ApiResponse show(ApiRequest req) {
        authz.enforce(req, "os_compute_api:os-quota-class-sets:show");
        String id = req.param("id");
        return ApiResponse.ok(format(req, id, quotas.classLimits(id)));
    }

    private ApiResponse update(ApiRequest req) {
        authz.enforce(req, "os_compute_api:os-quota-class-sets:update");
        String id = req.param("id");
        Requests.lengthBetween("quota_class_name", id, 1, 255);
        ObjectNode set = Requests.body(req, "quota_class_set");
        // The schema is quota_sets' resource list (networks included) minus what the version hides,
        // except that server group quotas are settable before 2.50 even though they are not shown.
        List<String> allowed = new ArrayList<>(QuotaService.RESOURCES);
        allowed.add("networks");
        if (req.atLeast("2.50")) {
            allowed.removeAll(NETWORK);
            allowed.remove("networks");
        }
        if (req.atLeast("2.57")) {
            allowed.removeAll(INJECTED);
        }
        Requests.allowOnly(set, "quota_class_set", allowed);
        Map<String, Integer> limits = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = set.fields(); it.hasNext(); ) {
            String key = it.next().getKey();
            int value = Requests.integer(set, key, -1, Requests.MAX_INT);
            if (!key.equals("networks")) { // accepted by the old schema, but no longer a quota
                limits.put(key, value);
            }
        }
        quotas.updateClass(id, limits);
        return ApiResponse.ok(format(req, null, quotas.classLimits(id)));
    }
}
