package org.apiary.identity.domain;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apiary.common.Ids;
import org.apiary.common.error.ServiceException;
import org.apiary.identity.store.CatalogStore;

/**
 * Services and endpoints of the catalog, with Keystone's rules: an endpoint must name an existing
 * service and region (a 400, not a 404), a legacy {@code region} creates its region on the fly,
 * endpoint URLs may only use the whitelisted {@code $(...)s} substitutions, and deleting a service
 * deletes its endpoints. Every write refreshes the token catalog.
 */
public final class CatalogAdmin {
    /** The substitutions Keystone allows in endpoint URLs (keystone.common.utils.WHITELISTED_PROPERTIES). */
    static final Set<String> URL_SUBSTITUTIONS = Set.of("tenant_id", "project_id", "user_id", "public_bind_host",
            "admin_bind_host", "compute_host", "admin_port", "public_port", "public_endpoint");

    private static final String VALIDATION_TAIL = " The server could not comply with the request since it is either "
            + "malformed or otherwise incorrect. The client is assumed to be in error.";

    /** Service fields a create or update sets; null means "not given". Name and description live in extra. */
    public record ServiceInput(String type, Boolean enabled, Map<String, Object> extra) {}

    /**
     * Endpoint fields a create or update sets; null means "not given". {@code legacyRegion} is the
     * v2-style {@code region} attribute, used only when {@code regionId} is absent.
     */
    public record EndpointInput(String serviceId, String iface, String url, String regionId, String legacyRegion,
                                Boolean enabled, Map<String, Object> extra) {}

    private final CatalogDirectory catalog;
    private final CatalogStore store;
    private final List<java.util.function.Consumer<String>> endpointDeleteListeners =
            new java.util.concurrent.CopyOnWriteArrayList<>();

    public CatalogAdmin(CatalogDirectory catalog) {
        this.catalog = catalog;
        this.store = catalog.store();
    }

    // ---- services ----

    public CatalogService createService(ServiceInput in) {
        Map<String, Object> extra = new HashMap<>(in.extra());
        extra.putIfAbsent("name", ""); // Keystone always shows a name
        CatalogService s = new CatalogService(Ids.hex(), in.type(), in.enabled() == null || in.enabled(), extra);
        store.createService(s);
        catalog.changed();
        return s;
    }

    public CatalogService getService(String id) {
        return store.getService(id).orElseThrow(() -> ServiceException.notFound("Could not find service: " + id + "."));
    }

    public List<CatalogService> listServices(String type, String name) {
        return store.listServices().stream()
                .filter(s -> type == null || type.equals(s.type()))
                .filter(s -> name == null || name.equals(s.extra().get("name")))
                .toList();
    }

    public CatalogService updateService(String id, ServiceInput in) {
        CatalogService current = getService(id);
        Map<String, Object> extra = new HashMap<>(current.extra());
        extra.putAll(in.extra());
        CatalogService updated = new CatalogService(id, in.type() != null ? in.type() : current.type(),
                in.enabled() != null ? in.enabled() : current.enabled(), extra);
        store.updateService(updated);
        catalog.changed();
        return updated;
    }

    /** Deletes the service and, in the same transaction, its endpoints. */
    public void deleteService(String id) {
        getService(id);
        List<String> endpoints = store.listEndpoints().stream().filter(e -> id.equals(e.serviceId()))
                .map(Endpoint::id).toList();
        store.deleteService(id);
        endpoints.forEach(e -> endpointDeleteListeners.forEach(l -> l.accept(e)));
        catalog.changed();
    }

    /** Lets services holding endpoint links (endpoint groups) forget a deleted endpoint. */
    public void onEndpointDelete(java.util.function.Consumer<String> listener) {
        endpointDeleteListeners.add(listener);
    }

    // ---- endpoints ----

    public Endpoint createEndpoint(EndpointInput in) {
        requireValidUrl(in.url());
        requireRegionExists(in.regionId());
        requireServiceExists(in.serviceId());
        String regionId = regionFor(in);
        Endpoint e = new Endpoint(Ids.hex(), in.serviceId(), in.iface(), in.url(), regionId,
                in.enabled() == null || in.enabled(), in.extra());
        store.createEndpoint(e);
        catalog.changed();
        return e;
    }

    public Endpoint getEndpoint(String id) {
        return store.getEndpoint(id).orElseThrow(() -> ServiceException.notFound("Could not find endpoint: " + id + "."));
    }

    public List<Endpoint> listEndpoints(String iface, String serviceId, String regionId) {
        return store.listEndpoints().stream()
                .filter(e -> iface == null || iface.equals(e.iface()))
                .filter(e -> serviceId == null || serviceId.equals(e.serviceId()))
                .filter(e -> regionId == null || regionId.equals(e.regionId()))
                .toList();
    }

    /**
     * Applies the given fields. As in Keystone, the URL is only checked against the URL schema on
     * update (by the caller), not for substitutions, and only a given region or service is checked.
     */
    public Endpoint updateEndpoint(String id, EndpointInput in) {
        Endpoint current = getEndpoint(id);
        requireRegionExists(in.regionId());
        if (in.serviceId() != null) {
            requireServiceExists(in.serviceId());
        }
        String regionId = in.regionId() != null || in.legacyRegion() != null ? regionFor(in) : current.regionId();
        Map<String, Object> extra = new HashMap<>(current.extra());
        extra.putAll(in.extra());
        Endpoint updated = new Endpoint(id, Objects.requireNonNullElse(in.serviceId(), current.serviceId()),
                Objects.requireNonNullElse(in.iface(), current.iface()), Objects.requireNonNullElse(in.url(), current.url()),
                regionId, in.enabled() != null ? in.enabled() : current.enabled(), extra);
        store.updateEndpoint(updated);
        catalog.changed();
        return updated;
    }

    public void deleteEndpoint(String id) {
        getEndpoint(id);
        store.deleteEndpoint(id);
        endpointDeleteListeners.forEach(l -> l.accept(id));
        catalog.changed();
    }

    /**
     * The region the endpoint goes in: {@code region_id} as given, else a legacy {@code region},
     * created if missing for v2-era clients (only after every other check passed).
     */
    private String regionFor(EndpointInput in) {
        if (in.regionId() == null && in.legacyRegion() != null) {
            if (store.getRegion(in.legacyRegion()).isEmpty()) {
                try {
                    new RegionService(catalog).create(in.legacyRegion(), null, null, Map.of());
                } catch (ServiceException e) {
                    if (e.status() != 409) { // 409: a concurrent request created it first
                        throw e;
                    }
                }
            }
            return in.legacyRegion();
        }
        return in.regionId();
    }

    private void requireRegionExists(String regionId) {
        if (regionId != null && store.getRegion(regionId).isEmpty()) {
            throw ServiceException.badRequest("Expecting to find endpoint region_id in region table." + VALIDATION_TAIL);
        }
    }

    private void requireServiceExists(String serviceId) {
        if (store.getService(serviceId).isEmpty()) {
            throw ServiceException.badRequest("Expecting to find endpoint service_id in service table." + VALIDATION_TAIL);
        }
    }

    /**
     * Keystone formats URLs with Python's {@code %} operator and a mapping of the whitelisted
     * names after turning {@code $(} into {@code %(}; a URL that would fail that formatting
     * (unknown key, stray {@code %}, a conversion that cannot take a string) is rejected.
     */
    static void requireValidUrl(String url) {
        if (!formatsWithMapping(url.replace("$(", "%("))) {
            throw ServiceException.badRequest("Cannot create an endpoint with an invalid URL: " + url + ".");
        }
    }

    /**
     * Whether {@code s % {whitelisted: ''}} succeeds in Python. An unkeyed conversion consumes
     * the mapping itself, so it works once, and only before any keyed one.
     */
    static boolean formatsWithMapping(String s) {
        boolean keyedSeen = false;
        boolean unkeyedUsed = false;
        int i = 0;
        while ((i = s.indexOf('%', i)) >= 0) {
            i++;
            if (i < s.length() && s.charAt(i) == '%') {
                i++;
                continue;
            }
            if (i < s.length() && s.charAt(i) == '(') {
                int depth = 1;
                int start = ++i;
                while (i < s.length() && depth > 0) {
                    char c = s.charAt(i++);
                    depth += c == '(' ? 1 : c == ')' ? -1 : 0;
                }
                if (depth > 0 || !URL_SUBSTITUTIONS.contains(s.substring(start, i - 1))) {
                    return false;
                }
                keyedSeen = true;
            } else {
                if (unkeyedUsed || keyedSeen) {
                    return false; // "not enough arguments for format string"
                }
                unkeyedUsed = true;
            }
            i = skip(s, i, "#0- +");
            i = skip(s, i, "0123456789");
            if (i < s.length() && s.charAt(i) == '.') {
                i = skip(s, i + 1, "0123456789");
            }
            i = skip(s, i, "hlL");
            // The values are strings (or the mapping itself): only the string conversions succeed.
            if (i >= s.length() || "sra".indexOf(s.charAt(i)) < 0) {
                return false;
            }
            i++;
        }
        return true;
    }

    private static int skip(String s, int i, String chars) {
        while (i < s.length() && chars.indexOf(s.charAt(i)) >= 0) {
            i++;
        }
        return i;
    }
}
