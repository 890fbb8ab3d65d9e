package org.apiary.identity.api;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apiary.http.ApiRequest;
import org.apiary.identity.domain.CatalogService;
import org.apiary.identity.domain.Endpoint;
import org.apiary.identity.domain.Group;
import org.apiary.identity.domain.Project;
import org.apiary.identity.domain.Region;
import org.apiary.identity.domain.Role;
import org.apiary.identity.domain.User;

/** Entities rendered as Keystone shows them: extra attributes flattened in, a links member added. */
public final class Views {
    private static final DateTimeFormatter ISO_MICROS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    private Views() {}

    /** Keystone's timestamp form: microseconds and a Z. */
    public static String time(Instant t) {
        return t == null ? null : ISO_MICROS.format(t);
    }

    public static Map<String, Object> project(ApiRequest req, Project p) {
        Map<String, Object> m = new LinkedHashMap<>(p.extra());
        m.put("id", p.id());
        m.put("name", p.name());
        m.put("domain_id", p.domainId());
        m.put("description", p.description() == null ? "" : p.description());
        m.put("enabled", p.enabled());
        m.put("parent_id", p.parentId());
        m.put("is_domain", false);
        m.put("tags", p.tags());
        m.putIfAbsent("options", Map.of());
        m.put("links", Links.self(req, "/v3/projects/" + p.id()));
        return m;
    }

    public static Map<String, Object> domain(ApiRequest req, Project d) {
        Map<String, Object> m = new LinkedHashMap<>(d.extra());
        m.put("id", d.id());
        m.put("name", d.name());
        m.put("description", d.description() == null ? "" : d.description());
        m.put("enabled", d.enabled());
        m.put("tags", d.tags());
        m.putIfAbsent("options", Map.of());
        m.put("links", Links.self(req, "/v3/domains/" + d.id()));
        return m;
    }

    public static Map<String, Object> user(ApiRequest req, User u) {
        Map<String, Object> m = new LinkedHashMap<>(u.extra());
        m.put("id", u.id());
        m.put("name", u.name());
        m.put("domain_id", u.domainId());
        m.put("enabled", u.enabled());
        if (u.defaultProjectId() != null) {
            m.put("default_project_id", u.defaultProjectId());
        }
        m.put("password_expires_at", time(u.passwordExpiresAt()));
        m.put("options", u.options());
        m.put("links", Links.self(req, "/v3/users/" + u.id()));
        return m;
    }

    public static Map<String, Object> group(ApiRequest req, Group g) {
        Map<String, Object> m = new LinkedHashMap<>(g.extra());
        m.put("id", g.id());
        m.put("name", g.name());
        m.put("domain_id", g.domainId());
        m.put("description", g.description() == null ? "" : g.description());
        m.put("links", Links.self(req, "/v3/groups/" + g.id()));
        return m;
    }

    public static Map<String, Object> role(ApiRequest req, Role r) {
        Map<String, Object> m = new LinkedHashMap<>(r.extra());
        m.put("id", r.id());
        m.put("name", r.name());
        m.put("domain_id", r.domainId());
        m.put("description", r.description());
        m.put("options", r.options());
        m.put("links", Links.self(req, "/v3/roles/" + r.id()));
        return m;
    }

    public static Map<String, Object> region(ApiRequest req, Region r) {
        Map<String, Object> m = new LinkedHashMap<>(r.extra());
        m.put("id", r.id());
        m.put("description", r.description() == null ? "" : r.description());
        m.put("parent_region_id", r.parentRegionId());
        m.put("links", Links.self(req, "/v3/regions/" + r.id()));
        return m;
    }

    public static Map<String, Object> service(ApiRequest req, CatalogService s) {
        Map<String, Object> m = new LinkedHashMap<>(s.extra());
        m.put("id", s.id());
        m.put("type", s.type());
        m.put("enabled", s.enabled());
        m.put("links", Links.self(req, "/v3/services/" + s.id()));
        return m;
    }

    public static Map<String, Object> endpoint(ApiRequest req, Endpoint e) {
        Map<String, Object> m = new LinkedHashMap<>(e.extra());
        m.put("id", e.id());
        m.put("interface", e.iface());
        m.put("region_id", e.regionId());
        m.put("region", e.regionId());
        m.put("url", e.url());
        m.put("service_id", e.serviceId());
        m.put("enabled", e.enabled());
        m.put("links", Links.self(req, "/v3/endpoints/" + e.id()));
        return m;
    }
}
