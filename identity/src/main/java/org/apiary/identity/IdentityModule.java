package org.apiary.identity;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apiary.common.config.Config;
import org.apiary.common.error.ServiceException;
import org.apiary.common.policy.PolicyEngine;
import org.apiary.http.ApiService;
import org.apiary.http.RouteTable;
import org.apiary.http.TokenValidator;
import org.apiary.identity.api.AuthResource;
import org.apiary.identity.api.Authz;
import org.apiary.identity.api.IdentityPolicies;
import org.apiary.identity.api.KeystoneErrors;
import org.apiary.identity.api.RegionsResource;
import org.apiary.identity.api.VersionResource;
import org.apiary.identity.domain.AuthService;
import org.apiary.identity.domain.Bootstrapper;
import org.apiary.identity.domain.CatalogDirectory;
import org.apiary.identity.domain.IdentityStores;
import org.apiary.identity.domain.Passwords;
import org.apiary.identity.domain.RegionService;
import org.apiary.identity.domain.RevocationService;
import org.apiary.identity.domain.RoleResolver;
import org.apiary.identity.domain.TokenService;
import org.apiary.identity.store.sql.SqlApplicationCredentialStore;
import org.apiary.identity.store.sql.SqlAssignmentStore;
import org.apiary.identity.store.sql.SqlCatalogStore;
import org.apiary.identity.store.sql.SqlCredentialStore;
import org.apiary.identity.store.sql.SqlGroupStore;
import org.apiary.identity.store.sql.SqlProjectStore;
import org.apiary.identity.store.sql.SqlRevocationStore;
import org.apiary.identity.store.sql.SqlRoleStore;
import org.apiary.identity.store.sql.SqlUserStore;
import org.apiary.identity.token.FernetKeyRepository;
import org.apiary.identity.token.FernetTokens;
import org.apiary.store.Database;

/**
 * Composition root of the identity service: builds stores, domain services and resources, and
 * exposes the route table, the in-process token validator other services use, and bootstrap.
 */
public final class IdentityModule implements AutoCloseable {
    private final IdentityStores stores;
    private final RevocationService revocations;
    private final TokenService tokens;
    private final CatalogDirectory catalog;
    private final Passwords passwords;
    private final PolicyEngine policy;
    private final RouteTable routes = new RouteTable();
    private final ScheduledExecutorService poller;
    private final Database database;

    public IdentityModule(Config config, Database database, FernetKeyRepository keys) throws IOException {
        this.database = database;
        var jdbi = database.jdbi();
        this.stores = new IdentityStores(new SqlProjectStore(jdbi), new SqlUserStore(jdbi), new SqlGroupStore(jdbi),
                new SqlRoleStore(jdbi), new SqlAssignmentStore(jdbi), new SqlCatalogStore(jdbi),
                new SqlCredentialStore(jdbi), new SqlApplicationCredentialStore(jdbi), new SqlRevocationStore(jdbi));
        this.revocations = new RevocationService(stores.revocations());
        this.catalog = new CatalogDirectory(stores.catalog());
        this.passwords = new Passwords(config.get(IdentityOptions.PASSWORD_HASH_ROUNDS));
        RoleResolver roles = new RoleResolver(stores);
        this.tokens = new TokenService(stores, roles, revocations, new FernetTokens(keys),
                Duration.ofSeconds(config.get(IdentityOptions.TOKEN_EXPIRATION)),
                config.get(IdentityOptions.TOKEN_CACHE_SIZE));
        String policyFile = config.get(IdentityOptions.POLICY_FILE);
        this.policy = new PolicyEngine(IdentityPolicies.DEFAULTS).withOverrides(policyFile == null ? null : Path.of(policyFile));
        Authz authz = new Authz(policy);
        AuthService auth = new AuthService(stores, roles, tokens, passwords);

        new VersionResource().register(routes);
        new AuthResource(auth, tokens, catalog, authz).register(routes);
        new RegionsResource(new RegionService(catalog), authz).register(routes);
        var userService = new org.apiary.identity.domain.UserService(stores, passwords, revocations, roles);
        new org.apiary.identity.api.UsersResource(userService, authz).register(routes);
        new org.apiary.identity.api.GroupsResource(new org.apiary.identity.domain.GroupService(stores, revocations),
                userService, authz).register(routes);
        var projectService = new org.apiary.identity.domain.ProjectService(stores, roles, revocations);
        new org.apiary.identity.api.DomainsResource(projectService, authz).register(routes);
        new org.apiary.identity.api.ProjectsResource(projectService, authz).register(routes);
        new org.apiary.identity.api.ProjectTagsResource(projectService, authz).register(routes);
        var roleService = new org.apiary.identity.domain.RoleService(stores, revocations);
        var grantService = new org.apiary.identity.domain.AssignmentService(stores, revocations);
        new org.apiary.identity.api.RolesResource(roleService, authz).register(routes);
        new org.apiary.identity.api.ImpliedRolesResource(roleService, authz).register(routes);
        new org.apiary.identity.api.GrantsResource(grantService, authz).register(routes);
        new org.apiary.identity.api.SystemGrantsResource(grantService, authz).register(routes);
        new org.apiary.identity.api.RoleAssignmentsResource(
                new org.apiary.identity.domain.RoleAssignmentLister(stores), authz).register(routes);
        var catalogAdmin = new org.apiary.identity.domain.CatalogAdmin(catalog);
        new org.apiary.identity.api.ServicesResource(catalogAdmin, authz).register(routes);
        new org.apiary.identity.api.EndpointsResource(catalogAdmin, authz).register(routes);
        String credentialKeyDir = config.get(IdentityOptions.CREDENTIAL_KEY_REPOSITORY);
        var credentialKeys = new FernetKeyRepository(credentialKeyDir != null ? Path.of(credentialKeyDir)
                : keys.dir().toAbsolutePath().resolveSibling("credential-keys"));
        credentialKeys.initializeIfEmpty();
        new org.apiary.identity.api.CredentialsResource(new org.apiary.identity.domain.CredentialService(
                stores.credentials(), stores.appCreds(), new org.apiary.identity.domain.CredentialCipher(credentialKeys)),
                authz).register(routes);
        var appCredService = new org.apiary.identity.domain.ApplicationCredentialService(stores, roles, passwords,
                revocations);
        new org.apiary.identity.api.ApplicationCredentialsResource(appCredService, authz).register(routes);
        var domainConfig = new org.apiary.identity.domain.DomainConfigService(
                new org.apiary.identity.store.sql.SqlDomainConfigStore(jdbi), projectService);
        new org.apiary.identity.api.DomainConfigResource(domainConfig, authz).register(routes);
        var endpointGroups = new org.apiary.identity.domain.EndpointGroupService(
                new org.apiary.identity.store.sql.SqlEndpointGroupStore(jdbi), catalogAdmin, projectService);
        projectService.onDelete(p -> {
            if (p.isDomain()) {
                domainConfig.forgetDomain(p.id());
            } else {
                endpointGroups.forgetProject(p.id());
            }
        });
        catalogAdmin.onEndpointDelete(endpointGroups::forgetEndpoint);
        new org.apiary.identity.api.EndpointGroupsResource(endpointGroups, authz).register(routes);
        new org.apiary.identity.api.ProjectEndpointsResource(endpointGroups, authz).register(routes);
        new org.apiary.identity.api.ConsumersResource(new org.apiary.identity.domain.ConsumerService(
                new org.apiary.identity.store.sql.SqlConsumerStore(jdbi),
                new org.apiary.identity.domain.CredentialCipher(credentialKeys)), authz).register(routes);
        new org.apiary.identity.api.PoliciesResource(new org.apiary.identity.domain.PolicyBlobService(
                new org.apiary.identity.store.sql.SqlPolicyBlobStore(jdbi)), authz).register(routes);
        new org.apiary.identity.api.Ec2CredentialsResource(new org.apiary.identity.domain.Ec2CredentialService(
                new org.apiary.identity.domain.CredentialService(stores.credentials(), stores.appCreds(),
                        new org.apiary.identity.domain.CredentialCipher(credentialKeys)), stores), authz)
                .register(routes);
        // Further resources register here.

        int poll = config.get(IdentityOptions.REVOCATION_POLL_SECONDS);
        this.poller = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "revocation-poller");
            t.setDaemon(true);
            return t;
        });
        poller.scheduleWithFixedDelay(this::pollRevocations, poll, poll, TimeUnit.SECONDS);
    }

    private void pollRevocations() {
        try {
            revocations.refresh();
        } catch (RuntimeException e) {
            org.slf4j.LoggerFactory.getLogger(IdentityModule.class).warn("revocation refresh failed: {}", e.toString());
        }
    }

    public ApiService service(String authenticateUri) {
        return new ApiService("identity", routes, new KeystoneErrors(),
                List.of(() -> database.ping() ? Optional.empty() : Optional.of("database unreachable")),
                authenticateUri);
    }

    /** Validates X-Auth-Token for every service in this process; invalid tokens are a 401. */
    public TokenValidator tokenValidator() {
        return token -> {
            try {
                return tokens.validate(token).toAuthContext();
            } catch (ServiceException e) {
                if (e.status() == 404) {
                    throw ServiceException.unauthorized("The request you have made requires authentication.");
                }
                throw e;
            }
        };
    }

    public Bootstrapper bootstrapper() {
        return new Bootstrapper(stores, passwords, catalog, revocations);
    }

    public PolicyEngine policy() {
        return policy;
    }

    @Override
    public void close() {
        poller.shutdownNow();
    }
}
