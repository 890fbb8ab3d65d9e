package org.apiary.http;

import java.util.List;
import org.apiary.common.microversion.VersionNegotiation;

/**
 * One OpenStack API as the server sees it: a name (used in logs and metrics), its route table,
 * the renderer of its native error body and the dependencies its /healthcheck reports on.
 *
 * @param authenticateUri sent in {@code WWW-Authenticate: Keystone uri=...} on 401 answers
 * @param versions microversion negotiation, or null for services without microversions
 * @param requestIdAlias a second header carrying the request id, or null (Nova also sends
 *        {@code x-compute-request-id}, which its clients read)
 */
public record ApiService(String name, RouteTable routes, ErrorRenderer errors, List<HealthCheck> healthChecks,
                         String authenticateUri, VersionNegotiation versions, String requestIdAlias) {

    public ApiService(String name, RouteTable routes, ErrorRenderer errors, List<HealthCheck> healthChecks,
                      String authenticateUri, VersionNegotiation versions) {
        this(name, routes, errors, healthChecks, authenticateUri, versions, null);
    }

    /** A service without microversions (Keystone, Glance, Neutron). */
    public ApiService(String name, RouteTable routes, ErrorRenderer errors, List<HealthCheck> healthChecks,
                      String authenticateUri) {
        this(name, routes, errors, healthChecks, authenticateUri, null);
    }

    /** This service with its request id also sent in {@code header}. */
    public ApiService withRequestIdAlias(String header) {
        return new ApiService(name, routes, errors, healthChecks, authenticateUri, versions, header);
    }
}
