package org.apiary.identity.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apiary.common.error.ServiceException;
import org.apiary.common.json.Fields;
import org.apiary.http.ApiRequest;
import org.apiary.http.ApiResponse;
import org.apiary.http.RouteTable;
import org.apiary.identity.domain.AuthService;
import org.apiary.identity.domain.CatalogDirectory;
import org.apiary.identity.domain.IdentityStores;
import org.apiary.identity.domain.Project;
import org.apiary.identity.domain.RoleResolver;
import org.apiary.identity.domain.TokenData;
import org.apiary.identity.domain.TokenService;

/** /v3/auth/*: token issue, validation, check and revocation, and what a token may reach. */
public final class AuthResource {
    private final AuthService auth;
    private final TokenService tokens;
    private final CatalogDirectory catalog;
    private final RoleResolver roles;
    private final IdentityStores stores;
    private final Authz authz;

    public AuthResource(AuthService auth, TokenService tokens, CatalogDirectory catalog, RoleResolver roles,
                        IdentityStores stores, Authz authz) {
        this.auth = auth;
        this.tokens = tokens;
        this.catalog = catalog;
        this.roles = roles;
        this.stores = stores;
        this.authz = authz;
    }

    public void register(RouteTable routes) {
        routes.addPublic("POST", "/v3/auth/tokens", this::issue);
        routes.add("GET", "/v3/auth/tokens", this::validate);
        routes.add("DELETE", "/v3/auth/tokens", this::revoke);
        routes.add("GET", "/v3/auth/catalog", this::catalog);
        routes.add("GET", "/v3/auth/projects", this::projects);
        routes.add("GET", "/v3/auth/domains", this::domains);
        routes.add("GET", "/v3/auth/system", this::system);
    }

    private ApiResponse issue(ApiRequest req) {
        ObjectNode body = req.json();
        TokenService.Issued issued = auth.authenticate(Fields.requireObject(body, "auth"));
        boolean noCatalog = req.queryParam("nocatalog").isPresent();
        return ApiResponse.json(201, TokenView.render(issued.data(), noCatalog ? null : catalog.tokenCatalog()))
                .header("X-Subject-Token", issued.token());
    }

    /** GET validates and returns the token; HEAD (routed here too) only checks it. */
    private ApiResponse validate(ApiRequest req) {
        String subject = subjectToken(req);
        boolean head = req.method().equals("HEAD");
        TokenData data = tokens.validate(subject);
        authz.enforce(req, head ? "check_token" : "validate_token", "target.token.user_id", data.user().id());
        if (head) {
            return ApiResponse.empty(200).header("X-Subject-Token", subject);
        }
        boolean noCatalog = req.queryParam("nocatalog").isPresent();
        return ApiResponse.ok(TokenView.render(data, noCatalog ? null : catalog.tokenCatalog()))
                .header("X-Subject-Token", subject);
    }

    private ApiResponse revoke(ApiRequest req) {
        String subject = subjectToken(req);
        TokenData data = tokens.validate(subject);
        authz.enforce(req, "revoke_token", "target.token.user_id", data.user().id());
        tokens.revoke(data);
        return ApiResponse.noContent();
    }

    private ApiResponse catalog(ApiRequest req) {
        authz.enforce(req, "get_auth_catalog");
        if (req.auth().isUnscoped()) {
            throw ServiceException.forbidden("A project-scoped token is required to produce a service catalog.");
        }
        return Links.collection(req, "catalog", catalog.tokenCatalog());
    }

    private ApiResponse projects(ApiRequest req) {
        authz.enforce(req, "get_auth_projects");
        List<Map<String, Object>> out = new ArrayList<>();
        for (String id : roles.projectsWithRoles(req.auth().userId())) {
            stores.projects().get(id).filter(p -> p.enabled() && domainEnabled(p))
                    .ifPresent(p -> out.add(Views.project(req, p)));
        }
        return Links.collection(req, "projects", out);
    }

    private ApiResponse domains(ApiRequest req) {
        authz.enforce(req, "get_auth_domains");
        List<Map<String, Object>> out = new ArrayList<>();
        for (String id : roles.domainsWithRoles(req.auth().userId())) {
            stores.projects().get(id).filter(Project::enabled).ifPresent(d -> out.add(Views.domain(req, d)));
        }
        return Links.collection(req, "domains", out);
    }

    private ApiResponse system(ApiRequest req) {
        authz.enforce(req, "get_auth_system");
        boolean any = !roles.onSystem(req.auth().userId()).isEmpty();
        return Links.collection(req, "system", any ? List.of(Map.of("all", true)) : List.of());
    }

    private boolean domainEnabled(Project p) {
        return stores.projects().get(p.domainId()).map(Project::enabled).orElse(false);
    }

    private static String subjectToken(ApiRequest req) {
        return req.header("X-Subject-Token").map(String::strip).filter(s -> !s.isEmpty())
                .orElseThrow(() -> ServiceException.badRequest("X-Subject-Token header is required."));
    }
}
