package org.apiary.identity.domain;

import java.util.List;
import java.util.Map;
import org.apiary.common.Ids;

/**
 * What keystone-manage bootstrap does, idempotently: the default domain, the admin project and
 * user, the reader/member/admin roles (admin implies member implies reader), the admin's grants
 * on the project and the system, the region and the identity service with its endpoints.
 * Re-running it resets the admin password and adds whatever is missing; it never deletes.
 */
public final class Bootstrapper {
    /** @param endpoints service type → URL, e.g. identity → http://127.0.0.1:5000/v3 */
    public record Request(String adminPassword, String adminUser, String adminProject, String region,
                          Map<String, Endpoints> endpoints) {}

    /** One catalog service and its URL (used for public, internal and admin interfaces). */
    public record Endpoints(String name, String url) {}

    private final IdentityStores stores;
    private final Passwords passwords;
    private final CatalogDirectory catalog;
    private final RevocationService revocations;

    public Bootstrapper(IdentityStores stores, Passwords passwords, CatalogDirectory catalog,
                        RevocationService revocations) {
        this.stores = stores;
        this.passwords = passwords;
        this.catalog = catalog;
        this.revocations = revocations;
    }

    public void run(Request r) {
        String domain = Project.DEFAULT_DOMAIN;
        if (stores.projects().get(domain).isEmpty()) {
            stores.projects().create(new Project(domain, "Default", Project.ROOT_DOMAIN, null, "The default domain",
                    true, true, Map.of(), List.of()));
        }
        Project project = stores.projects().findByName(domain, r.adminProject()).orElseGet(() -> {
            Project p = new Project(Ids.hex(), r.adminProject(), domain, domain, "Bootstrap project for initializing "
                    + "the cloud.", true, false, Map.of(), List.of());
            stores.projects().create(p);
            return p;
        });
        User admin = stores.users().findByName(domain, r.adminUser()).orElseGet(() -> {
            User u = new User(Ids.hex(), r.adminUser(), domain, true, project.id(), null, null, Map.of(), Map.of());
            stores.users().create(u);
            return u;
        });
        stores.users().setPassword(admin.id(), passwords.hash(r.adminPassword()), null);
        Role reader = role("reader");
        Role member = role("member");
        Role adminRole = role("admin");
        role("service");
        stores.roles().addImplied(adminRole.id(), member.id());
        stores.roles().addImplied(member.id(), reader.id());
        stores.assignments().grant(new Assignment(Assignment.Type.UserProject, admin.id(), project.id(), adminRole.id(),
                false));
        stores.assignments().grant(new Assignment(Assignment.Type.UserSystem, admin.id(), Assignment.SYSTEM_TARGET,
                adminRole.id(), false));
        if (stores.catalog().getRegion(r.region()).isEmpty()) {
            stores.catalog().createRegion(new Region(r.region(), null, null, Map.of()));
        }
        r.endpoints().forEach((type, ep) -> ensureService(type, ep, r.region()));
        catalog.changed();
        revocations.identityChanged();
    }

    private Role role(String name) {
        return stores.roles().findByName(name, null).orElseGet(() -> {
            Role role = new Role(Ids.hex(), name, null, null, Map.of(), Map.of());
            stores.roles().create(role);
            return role;
        });
    }

    /** Creates the service if its type is missing and points its three interfaces at the URL. */
    private void ensureService(String type, Endpoints ep, String region) {
        CatalogService service = stores.catalog().listServices().stream().filter(s -> s.type().equals(type))
                .findFirst().orElseGet(() -> {
                    CatalogService s = new CatalogService(Ids.hex(), type, true, Map.of("name", ep.name()));
                    stores.catalog().createService(s);
                    return s;
                });
        for (String iface : List.of("public", "internal", "admin")) {
            var existing = stores.catalog().listEndpoints().stream()
                    .filter(e -> e.serviceId().equals(service.id()) && e.iface().equals(iface)
                            && region.equals(e.regionId())).findFirst();
            if (existing.isEmpty()) {
                stores.catalog().createEndpoint(new Endpoint(Ids.hex(), service.id(), iface, ep.url(), region, true,
                        Map.of()));
            } else if (!existing.get().url().equals(ep.url())) {
                Endpoint e = existing.get();
                stores.catalog().updateEndpoint(new Endpoint(e.id(), e.serviceId(), e.iface(), ep.url(), e.regionId(),
                        e.enabled(), e.extra()));
            }
        }
    }
}
