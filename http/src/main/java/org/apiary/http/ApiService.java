package org.apiary.http;

import java.util.List;

/**
 * One OpenStack API as the server sees it: a name (used in logs and metrics), its route table,
 * the renderer of its native error body and the dependencies its /healthcheck reports on.
 *
 * @param authenticateUri sent in {@code WWW-Authenticate: Keystone uri=...} on 401 answers
 */
public record ApiService(String name, RouteTable routes, ErrorRenderer errors, List<HealthCheck> healthChecks,
                         String authenticateUri) {}
