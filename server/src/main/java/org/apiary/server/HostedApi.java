package org.apiary.server;

import org.apiary.http.ApiService;

/**
 * One API the all-in-one serves: how it appears in the catalog and where it listens.
 *
 * @param label what the start-up banner calls it
 * @param type catalog service type (identity, image, placement, network, compute)
 * @param catalogName catalog service name (keystone, glance, placement, neutron, nova)
 * @param port configured port (0 = any free port)
 * @param urlSuffix appended to http://host:port for the catalog endpoint ("/v3" for identity)
 */
record HostedApi(String label, String type, String catalogName, int port, String urlSuffix, ApiService service) {}
