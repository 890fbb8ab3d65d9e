package org.apiary.identity.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.apiary.common.error.ServiceException;
import org.apiary.common.json.Fields;
import org.apiary.http.ApiRequest;
import org.apiary.http.ApiResponse;
import org.apiary.http.RouteTable;
import org.apiary.identity.domain.AuthService;
import org.apiary.identity.domain.CatalogDirectory;
import org.apiary.identity.domain.TokenData;
import org.apiary.identity.domain.TokenService;

/** /v3/auth/*: token issue, validation, check and revocation, and what a token may reach. */
public final class AuthResource {
    private final AuthService auth;
    private final TokenService tokens;
    private final CatalogDirectory catalog;
    private final Authz authz;

    public AuthResource(AuthService auth, TokenService tokens, CatalogDirectory catalog, Authz authz) {
        this.auth = auth;
        this.tokens = tokens;
        this.catalog = catalog;
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
        return Links.collection(req, "projects",
                auth.accessibleProjects(req.auth().userId()).stream().map(p -> Views.project(req, p)).toList());
    }

    private ApiResponse domains(ApiRequest req) {
        authz.enforce(req, "get_auth_domains");
        return Links.collection(req, "domains",
                auth.accessibleDomains(req.auth().userId()).stream().map(d -> Views.domain(req, d)).toList());
    }

    private ApiResponse system(ApiRequest req) {
        authz.enforce(req, "get_auth_system");
        boolean any = auth.hasSystemAccess(req.auth().userId());
        return Links.collection(req, "system", any ? List.of(Map.of("all", true)) : List.of());
    }

    private static String subjectToken(ApiRequest req) {
        return req.header("X-Subject-Token").map(String::strip).filter(s -> !s.isEmpty())
                .orElseThrow(() -> ServiceException.badRequest("X-Subject-Token header is required."));
    }
}
