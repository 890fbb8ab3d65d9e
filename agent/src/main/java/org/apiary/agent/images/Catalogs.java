package org.apiary.agent.images;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.List;

/** Finding the image service's endpoint in a Keystone v3 token's catalog, as keystoneauth does. */
final class Catalogs {
    private Catalogs() {}

    /**
     * The URL of the first endpoint of the catalog's {@code image} service whose interface comes first in
     * {@code interfaces} (and whose region is {@code region}, when given).
     */
    static URI imageEndpoint(JsonNode catalog, List<String> interfaces, String region) {
        for (String wanted : interfaces) {
            for (JsonNode service : catalog) {
                if (!"image".equals(service.path("type").asText())) {
                    continue;
                }
                for (JsonNode e : service.path("endpoints")) {
                    boolean regionOk = region == null || region.equals(e.path("region_id").asText(null))
                            || region.equals(e.path("region").asText(null));
                    if (wanted.equals(e.path("interface").asText()) && regionOk && e.hasNonNull("url")) {
                        return URI.create(e.path("url").asText());
                    }
                }
            }
        }
        throw new IllegalStateException("the service token's catalog has no image endpoint for interfaces "
                + interfaces + (region == null ? "" : " in region " + region)
                + "; set [glance] endpoint_override or register the image service");
    }
}
