package org.apiary.identity.domain;

import java.util.Map;

/** OS-EP-FILTER endpoint group: endpoints whose service_id, region_id and interface match every filter. */
public record EndpointGroup(String id, String name, String description, Map<String, Object> filters) {
    public EndpointGroup {
        filters = filters == null ? Map.of()
                : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(filters));
    }

    public boolean matches(Endpoint e) {
        for (var f : filters.entrySet()) {
            Object actual = switch (f.getKey()) {
                case "service_id" -> e.serviceId();
                case "region_id" -> e.regionId();
                case "interface" -> e.iface();
                default -> throw new IllegalStateException("unknown endpoint group filter " + f.getKey());
            };
            if (!java.util.Objects.equals(actual, f.getValue())) {
                return false;
            }
        }
        return true;
    }
}
