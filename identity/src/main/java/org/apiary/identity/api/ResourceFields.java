package org.apiary.identity.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.apiary.common.error.ServiceException;
import org.apiary.common.json.Fields;
import org.apiary.http.ApiRequest;
import org.apiary.identity.domain.ProjectPatch;
import org.apiary.identity.domain.ProjectService;

/** Keystone's resource/schema.py for project and domain bodies, plus its query-string booleans. */
final class ResourceFields {
    private static final Pattern ID_STRING = Pattern.compile("^[a-zA-Z0-9-]+$");
    private static final Set<String> FALSE_STRINGS = Set.of("f", "false", "off", "n", "no", "0");

    private ResourceFields() {}

    /** A project or domain name: 1-64 characters with at least one that is not blank. */
    static String name(ObjectNode body, boolean required) {
        if (required) {
            return Fields.requireName(body, "name", 64);
        }
        String name = Fields.optString(body, "name");
        if (body.has("name") && name == null) {
            throw Fields.typeError("name", body.get("name"), "string");
        }
        if (name != null) {
            Fields.checkLength("name", name, 1, 64);
            if (name.isBlank()) {
                throw ServiceException.badRequest("Invalid input for field 'name': must not be blank");
            }
        }
        return name;
    }

    /** A nullable id_string (domain_id, parent_id): absent or null gives null. */
    static String idString(ObjectNode body, String field) {
        String v = Fields.optString(body, field);
        if (v != null) {
            Fields.checkLength(field, v, 1, 64);
            if (!ID_STRING.matcher(v).matches()) {
                throw ServiceException.badRequest("Invalid input for field '" + field + "': '" + v
                        + "' does not match '^[a-zA-Z0-9-]+$'");
            }
        }
        return v;
    }

    /** Present (maybe null) → wrapped value; absent → null. */
    static ProjectPatch.Value<String> nullableIdString(ObjectNode body, String field) {
        return body.has(field) ? new ProjectPatch.Value<>(idString(body, field)) : null;
    }

    static ProjectPatch.Value<String> nullableDescription(ObjectNode body) {
        return body.has("description") ? new ProjectPatch.Value<>(Fields.optString(body, "description")) : null;
    }

    /** A boolean that may be absent but not null (Keystone's parameter_types.boolean). */
    static Boolean strictBoolean(ObjectNode body, String field) {
        JsonNode n = body.get(field);
        if (n != null && n.isNull()) {
            throw Fields.typeError(field, n, "boolean");
        }
        return Fields.optBoolean(body, field);
    }

    /** A tag array; its content rules (length, characters, count, uniqueness) are the domain's. */
    static List<String> tags(ObjectNode body) {
        JsonNode n = body.get("tags");
        if (n != null && n.isNull()) {
            throw Fields.typeError("tags", n, "array");
        }
        return Fields.optStringList(body, "tags");
    }

    /** Resource options: an object whose only member is "immutable", a boolean or null. */
    static Map<String, Object> options(ObjectNode body) {
        JsonNode n = body.get("options");
        if (n == null) {
            return null;
        }
        if (!n.isObject()) {
            throw Fields.typeError("options", n, "object");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (var it = n.fields(); it.hasNext(); ) {
            var e = it.next();
            if (!e.getKey().equals(ProjectService.IMMUTABLE)) {
                throw ServiceException.badRequest("Invalid input for field 'options': Additional properties are not "
                        + "allowed ('" + e.getKey() + "' was unexpected)");
            }
            JsonNode v = e.getValue();
            if (!v.isNull() && !v.isBoolean()) {
                throw Fields.typeError("options/" + e.getKey(), v, "boolean");
            }
            out.put(e.getKey(), v.isNull() ? null : v.asBoolean());
        }
        return out;
    }

    /** Keystone's query_filter_is_true: present and not "0". */
    static boolean flag(ApiRequest req, String name) {
        return req.queryParam(name).map(v -> !v.equals("0")).orElse(false);
    }

    /** A boolean column filter as Keystone reads it: the oslo false strings are false, anything else true. */
    static Boolean queryBoolean(ApiRequest req, String name) {
        return req.queryParam(name).map(v -> !FALSE_STRINGS.contains(v.strip().toLowerCase(Locale.ROOT))).orElse(null);
    }

    /** A comma-separated tag filter. */
    static List<String> queryList(ApiRequest req, String name) {
        return req.queryParam(name).map(v -> List.of(v.split(","))).orElse(List.of());
    }
}
