package org.apiary.http;

import java.util.List;
import org.apiary.common.microversion.VersionNegotiation;

/**
 * One OpenStack API as the server sees it: a name (used in logs and metrics), its route table,
 * the renderer of its native error body and the dependencies its /healthcheck reports on.
 *
 * @param authenticateUri sent in {@code WWW-Authenticate: Keystone uri=...} on 401 answers
 * @param versions microversion negotiation, or null for services without microversions
 */
public record ApiService(String name, RouteTable routes, ErrorRenderer errors, List<HealthCheck> healthChecks,
                         String authenticateUri, VersionNegotiation versions) {

    /** A service without microversions (Keystone, Glance, Neutron). */
    public ApiService(String name, RouteTable routes, ErrorRenderer errors, List<HealthCheck> healthChecks,
                      String authenticateUri) {
        this(name, routes, errors, healthChecks, authenticateUri, null);
    }
}
