package org.apiary.identity.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apiary.identity.domain.Project;
import org.apiary.identity.domain.Role;
import org.apiary.identity.domain.TokenData;

/** The {@code token} body of POST and GET /v3/auth/tokens, field for field as Keystone sends it. */
final class TokenView {
    private TokenView() {}

    static Map<String, Object> render(TokenData t, List<Map<String, Object>> catalog) {
        Map<String, Object> token = new LinkedHashMap<>();
        token.put("methods", t.payload().methods());
        Map<String, Object> user = new LinkedHashMap<>();
        user.put("domain", ref(t.userDomain()));
        user.put("id", t.user().id());
        user.put("name", t.user().name());
        user.put("password_expires_at", Views.time(t.user().passwordExpiresAt()));
        token.put("user", user);
        token.put("audit_ids", t.payload().auditIds());
        token.put("expires_at", Views.time(t.payload().expiresAt()));
        token.put("issued_at", Views.time(t.payload().issuedAt()));
        if (t.project() != null) {
            Map<String, Object> project = new LinkedHashMap<>();
            project.put("domain", ref(t.projectDomain()));
            project.put("id", t.project().id());
            project.put("name", t.project().name());
            token.put("project", project);
            token.put("is_domain", false);
        } else if (t.domain() != null) {
            token.put("domain", ref(t.domain()));
        } else if (t.system()) {
            token.put("system", Map.of("all", true));
        }
        if (t.project() != null || t.domain() != null || t.system()) {
            token.put("roles", t.roles().stream().map(TokenView::role).toList());
            if (catalog != null) {
                token.put("catalog", catalog);
            }
        }
        if (t.appCred() != null) {
            Map<String, Object> ac = new LinkedHashMap<>();
            ac.put("id", t.appCred().id());
            ac.put("name", t.appCred().name());
            ac.put("restricted", !t.appCred().unrestricted());
            token.put("application_credential", ac);
        }
        return Map.of("token", token);
    }

    private static Map<String, Object> ref(Project p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", p.id());
        m.put("name", p.name());
        return m;
    }

    private static Map<String, Object> role(Role r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", r.id());
        m.put("name", r.name());
        return m;
    }
}
