package org.apiary.compute.domain;

import java.util.List;
import java.util.Map;

/**
 * What the scheduler and the conductor need from the create request, kept with the server so a
 * restarted conductor can finish (or reschedule) a build: Nova's RequestSpec.
 *
 * @param networkMode     {@code list} (use {@code networks}), {@code auto} or {@code none}
 * @param securityGroups  names or ids for the ports Nova creates (empty: the project's default group)
 * @param groupUuid       the server group from the {@code group} scheduler hint, or null
 * @param requestedHost   2.74 {@code host} or the legacy {@code az:host} form, or null
 * @param requestedNode   2.74 {@code hypervisor_hostname}, or null
 * @param imageProperties the image's properties at create time (traits, hw_* for the driver)
 * @param ignoreHosts     hosts a resize must not pick (the source host when resizing to another host)
 */
public record RequestSpec(String networkMode, List<RequestedNetwork> networks, List<String> securityGroups,
                          String groupUuid, String requestedHost, String requestedNode,
                          Map<String, String> imageProperties, List<String> ignoreHosts) {
    public RequestSpec {
        networks = networks == null ? List.of() : List.copyOf(networks);
        securityGroups = securityGroups == null ? List.of() : List.copyOf(securityGroups);
        imageProperties = imageProperties == null ? Map.of() : Map.copyOf(imageProperties);
        ignoreHosts = ignoreHosts == null ? List.of() : List.copyOf(ignoreHosts);
    }

    public RequestSpec withIgnoreHosts(List<String> hosts) {
        return new RequestSpec(networkMode, networks, securityGroups, groupUuid, requestedHost, requestedNode,
                imageProperties, hosts);
    }
}
