package org.apiary.identity.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apiary.common.error.ServiceException;
import org.apiary.common.json.Fields;
import org.apiary.common.json.Json;
import org.apiary.http.ApiRequest;
import org.apiary.http.ApiResponse;
import org.apiary.http.RouteTable;
import org.apiary.identity.domain.ApplicationCredential;
import org.apiary.identity.domain.ApplicationCredentialService;
import org.apiary.identity.domain.ApplicationCredentialService.RoleRef;
import org.apiary.identity.domain.Role;

/**
 * /v3/users/{user_id}/application_credentials (keystone/api/users.py,
 * application_credential/schema.py). For get and delete the policy owner is the credential's
 * user, not the user in the path, so a path cannot be used to reach someone else's credential.
 */
public final class ApplicationCredentialsResource {
    private static final String BASE = "/v3/users/{user_id}/application_credentials";
    /** Keystone's parameter_types.id_string. */
    private static final Pattern ID_STRING = Pattern.compile("^[a-zA-Z0-9-]+$");
    /** What iso8601.parse_date accepts once Keystone has appended a 'Z' (offsets then fail). */
    private static final Pattern ISO_TIME = Pattern.compile(
            "^(\\d{4})-(\\d{2})-(\\d{2})(?:[T ](\\d{2}):(\\d{2})(?::(\\d{2})(?:[.,](\\d+))?)?)?Z$");
    /** Keystone renders expires_at as a naive UTC datetime: microseconds, no zone suffix. */
    private static final DateTimeFormatter EXPIRES = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS")
            .withZone(ZoneOffset.UTC);
    private static final String TIMESTAMP_ERROR = "Timestamp not in expected format. The server could not comply with "
            + "the request since it is either malformed or otherwise incorrect. The client is assumed to be in error.";

    private final ApplicationCredentialService appCreds;
    private final Authz authz;

    public ApplicationCredentialsResource(ApplicationCredentialService appCreds, Authz authz) {
        this.appCreds = appCreds;
        this.authz = authz;
    }

    public void register(RouteTable routes) {
        routes.add("GET", BASE, this::list);
        routes.add("POST", BASE, this::create);
        routes.add("GET", BASE + "/{application_credential_id}", this::get);
        routes.add("DELETE", BASE + "/{application_credential_id}", this::delete);
    }

    private ApiResponse list(ApiRequest req) {
        String userId = req.param("user_id");
        authz.enforce(req, "list_application_credentials", "user_id", userId);
        var found = appCreds.list(userId, req.queryParam("name").orElse(null));
        return Links.collection(req, "application_credentials", found.stream().map(a -> view(req, a, null)).toList());
    }

    private ApiResponse get(ApiRequest req) {
        String id = req.param("application_credential_id");
        authz.enforce(req, "get_application_credential", "user_id", owner(req, id));
        return Links.single(200, "application_credential", view(req, appCreds.get(id), null));
    }

    private ApiResponse delete(ApiRequest req) {
        String id = req.param("application_credential_id");
        authz.enforce(req, "delete_application_credential", "user_id", owner(req, id));
        appCreds.delete(req.auth(), id);
        return ApiResponse.noContent();
    }

    private ApiResponse create(ApiRequest req) {
        String userId = req.param("user_id");
        authz.enforce(req, "create_application_credential", "user_id", userId);
        ObjectNode body = Fields.optObject(req.json(), "application_credential");
        if (body == null) {
            body = Json.object();
        }
        String name = StrictFields.requiredString(body, "name");
        StrictFields.name("name", name);
        String description = Fields.optString(body, "description");
        String secret = Fields.optString(body, "secret");
        Instant expiresAt = parseExpiry(Fields.optString(body, "expires_at"));
        List<RoleRef> roles = roles(body);
        Boolean unrestricted = StrictFields.bool(body, "unrestricted");
        JsonNode rules = body.get("access_rules");
        if (rules != null && !rules.isArray()) {
            throw Fields.typeError("access_rules", rules, "array");
        }
        if (rules != null && !rules.isEmpty()) {
            // Access rules only mean something if every service enforces them; ours do not yet.
            throw ServiceException.badRequest("Invalid application credential: access rules are not supported");
        }
        var created = appCreds.create(req.auth(), userId, name, description, secret, expiresAt, roles,
                unrestricted != null && unrestricted);
        return Links.single(201, "application_credential", view(req, created.credential(), created.secret()));
    }

    /** The owner for the policy target: the credential's user, or the path's when it does not exist. */
    private String owner(ApiRequest req, String id) {
        return appCreds.find(id).map(ApplicationCredential::userId).orElse(req.param("user_id"));
    }

    /** {@code roles}: objects with exactly one of {@code id} (id_string) or {@code name} (name). */
    private static List<RoleRef> roles(ObjectNode body) {
        JsonNode n = body.get("roles");
        if (n == null) {
            return null;
        }
        if (!n.isArray()) {
            throw Fields.typeError("roles", n, "array");
        }
        List<RoleRef> out = new ArrayList<>();
        for (int i = 0; i < n.size(); i++) {
            JsonNode r = n.get(i);
            String field = "roles/" + i;
            if (!r.isObject()) {
                throw Fields.typeError(field, r, "object");
            }
            if (r.size() != 1 || !(r.has("id") || r.has("name"))) {
                throw StrictFields.invalid(field, "a role must be given by exactly one of 'id' or 'name'");
            }
            String id = StrictFields.string(r, "id");
            String name = StrictFields.string(r, "name");
            if (id != null) {
                StrictFields.length(field + "/id", id, 1, 64);
                StrictFields.pattern(field + "/id", id, ID_STRING);
            } else {
                StrictFields.name(field + "/name", name);
            }
            out.add(new RoleRef(id, name));
        }
        return out;
    }

    /** Keystone's parse_expiration_date: append 'Z' unless present, then parse as ISO 8601 UTC. */
    static Instant parseExpiry(String s) {
        if (s == null) {
            return null;
        }
        Matcher m = ISO_TIME.matcher(s.endsWith("Z") ? s : s + "Z");
        if (!m.matches()) {
            throw ServiceException.badRequest(TIMESTAMP_ERROR);
        }
        try {
            String fraction = m.group(7) == null ? "" : m.group(7);
            int micros = fraction.isEmpty() ? 0 : Integer.parseInt((fraction + "00000").substring(0, 6));
            LocalDateTime t = LocalDateTime.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                    Integer.parseInt(m.group(3)), m.group(4) == null ? 0 : Integer.parseInt(m.group(4)),
                    m.group(5) == null ? 0 : Integer.parseInt(m.group(5)),
                    m.group(6) == null ? 0 : Integer.parseInt(m.group(6)), micros * 1000);
            return t.toInstant(ZoneOffset.UTC);
        } catch (DateTimeException e) {
            throw ServiceException.badRequest(TIMESTAMP_ERROR);
        }
    }

    private Map<String, Object> view(ApiRequest req, ApplicationCredential a, String secret) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", a.id());
        m.put("name", a.name());
        m.put("description", a.description());
        m.put("expires_at", a.expiresAt() == null ? null : EXPIRES.format(a.expiresAt()));
        m.put("project_id", a.projectId());
        m.put("roles", appCreds.roles(a).stream().map(ApplicationCredentialsResource::role).toList());
        m.put("unrestricted", a.unrestricted());
        if (secret != null) {
            m.put("secret", secret);
        }
        m.put("links", Links.self(req, "/v3/users/" + a.userId() + "/application_credentials/" + a.id()));
        return m;
    }

    private static Map<String, Object> role(Role r) {
        Map<String, Object> m = new LinkedHashMap<>(r.extra());
        m.put("id", r.id());
        m.put("name", r.name());
        m.put("domain_id", r.domainId());
        m.put("description", r.description());
        m.put("options", r.options());
        return m;
    }
}
