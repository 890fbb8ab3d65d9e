package org.apiary.identity.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apiary.common.error.ServiceException;
import org.apiary.common.json.Fields;

/**
 * POST /v3/auth/tokens: checks the identity methods (password, token, application_credential)
 * and the requested scope, then issues a token. Every authentication failure is the same 401 so
 * that callers learn nothing about which part was wrong.
 */
public final class AuthService {
    private static final String AUTH_REQUIRED = "The request you have made requires authentication.";

    private final IdentityStores stores;
    private final RoleResolver roles;
    private final TokenService tokens;
    private final Passwords passwords;

    public AuthService(IdentityStores stores, RoleResolver roles, TokenService tokens, Passwords passwords) {
        this.stores = stores;
        this.roles = roles;
        this.tokens = tokens;
        this.passwords = passwords;
    }

    /** Authenticates the {@code auth} object of a POST /v3/auth/tokens body. */
    public TokenService.Issued authenticate(ObjectNode auth) {
        ObjectNode identity = Fields.requireObject(auth, "identity");
        List<String> methods = Fields.optStringList(identity, "methods");
        if (methods == null || methods.isEmpty()) {
            throw ServiceException.badRequest("'methods' is a required property");
        }
        String userId = null;
        TokenData parent = null;
        ApplicationCredential appCred = null;
        for (String method : methods) {
            ObjectNode params = Fields.optObject(identity, method);
            if (params == null) {
                throw ServiceException.badRequest("'" + method + "' is a required property");
            }
            String who = switch (method) {
                case "password" -> password(params);
                case "token" -> {
                    parent = token(params);
                    yield parent.user().id();
                }
                case "application_credential" -> {
                    appCred = applicationCredential(params);
                    yield appCred.userId();
                }
                default -> throw ServiceException.unauthorized("Attempted to authenticate with an unsupported method.");
            };
            if (userId != null && !userId.equals(who)) {
                throw ServiceException.unauthorized(AUTH_REQUIRED);
            }
            userId = who;
        }
        List<String> allMethods = new ArrayList<>(methods);
        if (parent != null) {
            if (parent.appCred() != null) {
                throw ServiceException.forbidden("Cannot rescope a token issued with an application credential.");
            }
            for (String m : parent.payload().methods()) {
                if (!allMethods.contains(m)) {
                    allMethods.add(m);
                }
            }
        }
        Scope scope;
        if (appCred != null) {
            if (auth.has("scope") && !auth.get("scope").isNull()) {
                Scope asked = scope(auth.get("scope"));
                if (asked.projectId() == null || !asked.projectId().equals(appCred.projectId())) {
                    throw ServiceException.unauthorized("Application credentials cannot request a scope.");
                }
            }
            scope = appCred.system() != null ? Scope.systemAll() : Scope.project(appCred.projectId());
        } else if (auth.has("scope") && !auth.get("scope").isNull()) {
            scope = scope(auth.get("scope"));
        } else {
            scope = defaultScope(userId);
        }
        checkScope(userId, scope);
        try {
            return tokens.issue(userId, allMethods, scope, parent == null ? null : parent.payload(),
                    appCred == null ? null : appCred.id());
        } catch (ServiceException e) {
            if (e.status() == 404) {
                throw ServiceException.unauthorized(AUTH_REQUIRED);
            }
            throw e;
        }
    }

    /** Enabled projects, in enabled domains, on which the user holds a role (GET /v3/auth/projects). */
    public List<Project> accessibleProjects(String userId) {
        List<Project> out = new ArrayList<>();
        for (String id : roles.projectsWithRoles(userId)) {
            stores.projects().get(id).filter(p -> p.enabled() && stores.projects().get(p.domainId())
                    .map(Project::enabled).orElse(false)).ifPresent(out::add);
        }
        return out;
    }

    /** Enabled domains on which the user holds a role (GET /v3/auth/domains). */
    public List<Project> accessibleDomains(String userId) {
        List<Project> out = new ArrayList<>();
        for (String id : roles.domainsWithRoles(userId)) {
            stores.projects().get(id).filter(Project::enabled).ifPresent(out::add);
        }
        return out;
    }

    /** Whether the user holds any role on the system (GET /v3/auth/system). */
    public boolean hasSystemAccess(String userId) {
        return !roles.onSystem(userId).isEmpty();
    }

    private String password(ObjectNode params) {
        ObjectNode userNode = Fields.requireObject(params, "user");
        String password = Fields.requireString(userNode, "password");
        User user = findUser(userNode);
        if (user.passwordHash() == null || !passwords.verify(password, user.passwordHash())) {
            throw ServiceException.unauthorized(AUTH_REQUIRED);
        }
        if (user.passwordExpiresAt() != null && !Instant.now().isBefore(user.passwordExpiresAt())) {
            throw ServiceException.unauthorized("The password is expired and needs to be changed for user: "
                    + user.id() + ".");
        }
        return user.id();
    }

    private TokenData token(ObjectNode params) {
        String id = Fields.requireString(params, "id");
        try {
            return tokens.validate(id);
        } catch (ServiceException e) {
            throw ServiceException.unauthorized(AUTH_REQUIRED);
        }
    }

    private ApplicationCredential applicationCredential(ObjectNode params) {
        String secret = Fields.requireString(params, "secret");
        String id = Fields.optString(params, "id");
        ApplicationCredential cred;
        if (id != null) {
            cred = stores.appCreds().get(id).orElseThrow(() -> ServiceException.unauthorized(AUTH_REQUIRED));
        } else {
            String name = Fields.optString(params, "name");
            ObjectNode userNode = Fields.optObject(params, "user");
            if (name == null || userNode == null) {
                throw ServiceException.badRequest("Either 'id' or 'name' and 'user' are required for an application credential.");
            }
            User user = findUser(userNode);
            cred = stores.appCreds().findByName(user.id(), name)
                    .orElseThrow(() -> ServiceException.unauthorized(AUTH_REQUIRED));
        }
        if (!passwords.verify(secret, cred.secretHash())) {
            throw ServiceException.unauthorized(AUTH_REQUIRED);
        }
        if (cred.expiresAt() != null && !Instant.now().isBefore(cred.expiresAt())) {
            throw ServiceException.unauthorized("Application credential has expired.");
        }
        return cred;
    }

    /** A user named by id, or by name plus domain id or name; disabled users cannot authenticate. */
    private User findUser(ObjectNode userNode) {
        String id = Fields.optString(userNode, "id");
        User user;
        if (id != null) {
            user = stores.users().get(id).orElseThrow(() -> ServiceException.unauthorized(AUTH_REQUIRED));
        } else {
            String name = Fields.optString(userNode, "name");
            ObjectNode domainNode = Fields.optObject(userNode, "domain");
            if (name == null || domainNode == null) {
                throw ServiceException.badRequest("A user must be given by 'id', or by 'name' and 'domain'.");
            }
            Project domain = findDomain(domainNode, true);
            user = stores.users().findByName(domain.id(), name)
                    .orElseThrow(() -> ServiceException.unauthorized(AUTH_REQUIRED));
        }
        Project domain = stores.projects().get(user.domainId()).orElse(null);
        if (!user.enabled() || domain == null || !domain.enabled()) {
            throw ServiceException.unauthorized(AUTH_REQUIRED);
        }
        return user;
    }

    private Project findDomain(JsonNode domainNode, boolean forUser) {
        String id = Fields.optString(domainNode, "id");
        String name = Fields.optString(domainNode, "name");
        java.util.Optional<Project> d;
        if (id != null) {
            d = stores.projects().get(id).filter(Project::isDomain);
        } else if (name != null) {
            d = stores.projects().findByName(Project.ROOT_DOMAIN, name).filter(Project::isDomain);
        } else {
            throw ServiceException.badRequest("A domain must be given by 'id' or 'name'.");
        }
        return d.orElseThrow(() -> ServiceException.unauthorized(AUTH_REQUIRED));
    }

    private Scope scope(JsonNode scopeNode) {
        if (scopeNode.isTextual() && scopeNode.asText().equals("unscoped")) {
            return Scope.UNSCOPED;
        }
        if (!scopeNode.isObject()) {
            throw Fields.typeError("scope", scopeNode, "object");
        }
        ObjectNode project = Fields.optObject(scopeNode, "project");
        ObjectNode domain = Fields.optObject(scopeNode, "domain");
        ObjectNode system = Fields.optObject(scopeNode, "system");
        int given = (project != null ? 1 : 0) + (domain != null ? 1 : 0) + (system != null ? 1 : 0);
        if (given != 1) {
            throw ServiceException.badRequest("Specify exactly one of project, domain or system as the scope.");
        }
        if (system != null) {
            if (!Boolean.TRUE.equals(Fields.optBoolean(system, "all"))) {
                throw ServiceException.badRequest("System scope must be {\"all\": true}.");
            }
            return Scope.systemAll();
        }
        if (domain != null) {
            return Scope.domain(findDomain(domain, false).id());
        }
        String id = Fields.optString(project, "id");
        if (id != null) {
            return Scope.project(id);
        }
        String name = Fields.optString(project, "name");
        ObjectNode projectDomain = Fields.optObject(project, "domain");
        if (name == null || projectDomain == null) {
            throw ServiceException.badRequest("A project must be given by 'id', or by 'name' and 'domain'.");
        }
        Project d = findDomain(projectDomain, false);
        return Scope.project(stores.projects().findByName(d.id(), name).filter(p -> !p.isDomain())
                .orElseThrow(() -> ServiceException.unauthorized(AUTH_REQUIRED)).id());
    }

    /** Without a scope, Keystone scopes to the user's default project when the user has roles there. */
    private Scope defaultScope(String userId) {
        User user = stores.users().get(userId).orElseThrow(() -> ServiceException.unauthorized(AUTH_REQUIRED));
        String dp = user.defaultProjectId();
        if (dp != null && stores.projects().get(dp).map(p -> p.enabled() && !p.isDomain()).orElse(false)
                && !roles.onProject(userId, dp).isEmpty()) {
            return Scope.project(dp);
        }
        return Scope.UNSCOPED;
    }

    private void checkScope(String userId, Scope scope) {
        if (scope.projectId() != null) {
            Project p = stores.projects().get(scope.projectId()).filter(x -> !x.isDomain())
                    .orElseThrow(() -> ServiceException.unauthorized(AUTH_REQUIRED));
            if (!p.enabled()) {
                throw ServiceException.unauthorized("Project " + p.id() + " is disabled.");
            }
            if (roles.onProject(userId, p.id()).isEmpty()) {
                throw ServiceException.unauthorized("User " + userId + " has no access to project " + p.id() + ".");
            }
        } else if (scope.domainId() != null) {
            if (roles.onDomain(userId, scope.domainId()).isEmpty()) {
                throw ServiceException.unauthorized("User " + userId + " has no access to domain " + scope.domainId() + ".");
            }
        } else if (scope.system() && roles.onSystem(userId).isEmpty()) {
            throw ServiceException.unauthorized("User " + userId + " has no access to the system.");
        }
    }
}
