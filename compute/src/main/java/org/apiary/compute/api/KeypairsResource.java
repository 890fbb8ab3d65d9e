package org.apiary.compute.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apiary.common.error.ServiceException;
import org.apiary.compute.domain.Keypair;
import org.apiary.compute.domain.KeypairService;
import org.apiary.compute.domain.QuotaService;
import org.apiary.http.ApiRequest;
import org.apiary.http.ApiResponse;

/**
 * /os-keypairs (keypairs.py): import, generation before 2.92, {@code type} from 2.2,
 * {@code user_id} from 2.10, paging from 2.35; the key_pairs quota is per user.
 */
public final class KeypairsResource {
    private static final String POLICY = "os_compute_api:os-keypairs:";
    static final DateTimeFormatter NOVA_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS")
            .withZone(ZoneOffset.UTC);

    private final KeypairService keypairs;
    private final QuotaService quotas;
    private final Authz authz;
    private final int maxLimit;

    public KeypairsResource(KeypairService keypairs, QuotaService quotas, Authz authz, int maxLimit) {
        this.keypairs = keypairs;
        this.quotas = quotas;
        this.authz = authz;
        this.maxLimit = maxLimit;
    }

    public void register(NovaRoutes routes) {
        routes.add("GET", "/os-keypairs", this::list);
        routes.add("POST", "/os-keypairs", this::create);
        routes.add("GET", "/os-keypairs/{name}", this::show);
        routes.add("DELETE", "/os-keypairs/{name}", this::delete);
    }

    /** The user a call is about: {@code ?user_id=} from 2.10 on, else the caller. */
    private static String targetUser(ApiRequest req) {
        return req.atLeast("2.10") ? req.queryParam("user_id").orElse(req.auth().userId()) : req.auth().userId();
    }

    private ApiResponse list(ApiRequest req) {
        Requests.queryAllows(req, req.atLeast("2.35") ? List.of("user_id", "limit", "marker") : List.of("user_id"));
        String userId = targetUser(req);
        authz.enforce(req, POLICY + "index", Map.of("user_id", userId));
        boolean paged = req.atLeast("2.35");
        Integer limit = paged ? Requests.limit(req, maxLimit) : null;
        List<Keypair> page = keypairs.list(userId, limit, paged ? req.queryParam("marker").orElse(null) : null);
        List<Map<String, Object>> items = new ArrayList<>();
        for (Keypair k : page) {
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("name", k.name());
            v.put("public_key", k.publicKey());
            v.put("fingerprint", k.fingerprint());
            if (req.atLeast("2.2")) {
                v.put("type", k.type());
            }
            items.add(Map.of("keypair", v));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("keypairs", items);
        if (paged) {
            List<Map<String, String>> next = Links.next(req, "os-keypairs", page.size(),
                    page.isEmpty() ? null : page.get(page.size() - 1).name(), maxLimit);
            if (!next.isEmpty()) {
                body.put("keypairs_links", next);
            }
        }
        return ApiResponse.ok(body);
    }

    private ApiResponse create(ApiRequest req) {
        ObjectNode k = Requests.body(req, "keypair");
        List<String> allowed = new ArrayList<>(List.of("name", "public_key"));
        if (req.atLeast("2.2")) {
            allowed.add("type");
        }
        if (req.atLeast("2.10")) {
            allowed.add("user_id");
        }
        Requests.allowOnly(k, "keypair", allowed);
        Requests.require(k, "keypair", "name");
        if (req.atLeast("2.92")) {
            Requests.require(k, "keypair", "public_key");
        }
        String name = Requests.name(k, "name");
        String safe = req.atLeast("2.92") ? "@._- " : "_- ";
        for (char c : name.toCharArray()) {
            if (!Character.isLetterOrDigit(c) || c > 127) {
                if (safe.indexOf(c) < 0) {
                    throw ServiceException.badRequest("An invalid 'name' value was provided. Only expected "
                            + "characters: [" + safe + "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ]");
                }
            }
        }
        String type = "ssh";
        if (k.has("type")) {
            JsonNode t = k.get("type");
            if (!t.isTextual() || !(t.asText().equals("ssh") || t.asText().equals("x509"))) {
                throw Requests.invalid("keypair/type", t, t + " is not one of ['ssh', 'x509']");
            }
            type = t.asText();
        }
        String userId = req.auth().userId();
        if (k.has("user_id")) {
            JsonNode u = k.get("user_id");
            if (!u.isTextual()) {
                throw Requests.invalid("keypair/user_id", u, u + " is not of type 'string'");
            }
            userId = u.asText();
        }
        authz.enforce(req, POLICY + "create", Map.of("user_id", userId));
        int limit = quotas.limit(req.auth().projectId() == null ? "" : req.auth().projectId(), userId, "key_pairs");
        KeypairService.Created created;
        if (k.has("public_key")) {
            JsonNode pk = k.get("public_key");
            if (!pk.isTextual()) {
                throw Requests.invalid("keypair/public_key", pk, pk + " is not of type 'string'");
            }
            created = keypairs.importKey(userId, name, pk.asText(), type, limit);
        } else {
            created = keypairs.generate(userId, name, type, limit);
        }
        Map<String, Object> v = new LinkedHashMap<>();
        if (created.privateKey() != null) {
            v.put("private_key", created.privateKey());
        }
        if (req.atLeast("2.2")) {
            v.put("type", created.keypair().type());
        }
        v.put("name", created.keypair().name());
        v.put("public_key", created.keypair().publicKey());
        v.put("fingerprint", created.keypair().fingerprint());
        v.put("user_id", created.keypair().userId());
        // 2.1 answers 200, later versions 201 (wsgi.response(201) on the 2.2+ methods).
        return ApiResponse.json(req.atLeast("2.2") ? 201 : 200, Map.of("keypair", v));
    }

    private ApiResponse show(ApiRequest req) {
        Requests.queryAllows(req, List.of("user_id"));
        String userId = targetUser(req);
        authz.enforce(req, POLICY + "show", Map.of("user_id", userId));
        Keypair k = keypairs.get(userId, req.param("name"));
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("name", k.name());
        v.put("public_key", k.publicKey());
        v.put("fingerprint", k.fingerprint());
        v.put("user_id", k.userId());
        v.put("created_at", NOVA_TIME.format(Instant.ofEpochMilli(k.createdAt())));
        v.put("deleted", false);
        v.put("deleted_at", null);
        v.put("id", k.id());
        v.put("updated_at", null);
        if (req.atLeast("2.2")) {
            v.put("type", k.type());
        }
        return ApiResponse.ok(Map.of("keypair", v));
    }

    private ApiResponse delete(ApiRequest req) {
        Requests.queryAllows(req, List.of("user_id"));
        String userId = targetUser(req);
        authz.enforce(req, POLICY + "delete", Map.of("user_id", userId));
        keypairs.delete(userId, req.param("name"));
        // 2.1 answers 202, later versions 204.
        return ApiResponse.empty(req.atLeast("2.2") ? 204 : 202);
    }
}
