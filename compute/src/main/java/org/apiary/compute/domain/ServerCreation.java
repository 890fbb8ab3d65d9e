package org.apiary.compute.domain;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.apiary.common.error.ServiceException;
import org.apiary.compute.domain.ServerService.Caller;
import org.apiary.compute.domain.ServerService.CreateRequest;
import org.apiary.compute.domain.external.ImageApi;
import org.apiary.compute.domain.external.NetworkApi;
import org.apiary.compute.store.ServerStore;

/**
 * The checks of POST /servers that need other services or stored state (nova/compute/api.py
 * _validate_and_build_base_options, _check_requested_networks), and the server rows it makes.
 */
final class ServerCreation {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final FlavorService flavors;
    private final KeypairService keypairs;
    private final ServerGroupService groups;
    private final ImageApi images;
    private final NetworkApi networks;
    private final HostService hosts;

    ServerCreation(FlavorService flavors, KeypairService keypairs, ServerGroupService groups, ImageApi images,
                   NetworkApi networks, HostService hosts) {
        this.flavors = flavors;
        this.keypairs = keypairs;
        this.groups = groups;
        this.images = images;
        this.networks = networks;
        this.hosts = hosts;
    }

    /** The flavor a caller may boot or resize to: public, or private with access for the project. */
    FlavorSnapshot usableFlavor(Caller c, String flavorRef) {
        String id = lastSegment(flavorRef);
        Flavor f;
        try {
            f = flavors.get(id);
        } catch (ServiceException e) {
            throw ServiceException.badRequest("Flavor " + id + " could not be found.");
        }
        if (f.disabled()) {
            throw ServiceException.badRequest("Flavor " + id + " is disabled.");
        }
        if (!f.isPublic() && !c.admin() && !flavors.projects(f).contains(c.projectId())) {
            throw ServiceException.badRequest("Flavor " + id + " could not be found.");
        }
        return FlavorSnapshot.of(f);
    }

    /** The image a caller may boot, checked against the flavor's disk and memory. */
    ImageApi.ImageInfo usableImage(Caller c, String imageRef, FlavorSnapshot flavor) {
        String id = lastSegment(imageRef == null ? "" : imageRef);
        if (id.isEmpty()) {
            throw ServiceException.badRequest("Booting from a volume is not supported; give an imageRef.");
        }
        try {
            UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ServiceException.badRequest("Invalid imageRef provided.");
        }
        ImageApi.ImageInfo image = images.image(id, c.projectId())
                .orElseThrow(() -> ServiceException.badRequest("Image " + id + " could not be found."));
        if (!"active".equals(image.status())) {
            throw ServiceException.badRequest("Image " + id + " is not active.");
        }
        long rootBytes = flavor.rootGb() * 1024L * 1024 * 1024;
        if (flavor.rootGb() > 0 && image.sizeBytes() != null && image.sizeBytes() > rootBytes) {
            throw ServiceException.badRequest("Flavor's disk is too small for requested image. Flavor disk is "
                    + rootBytes + " bytes, image is " + image.sizeBytes() + " bytes.");
        }
        if (flavor.rootGb() > 0 && image.minDiskGb() > flavor.rootGb()) {
            throw ServiceException.badRequest("Flavor's disk is too small for requested image. Flavor disk is "
                    + rootBytes + " bytes, minimum size is " + image.minDiskGb() * 1024L * 1024 * 1024 + " bytes.");
        }
        if (image.minRamMb() > flavor.memoryMb()) {
            throw ServiceException.badRequest("Flavor's memory is too small for requested image.");
        }
        return image;
    }

    String keyData(Caller c, String keyName) {
        if (keyName == null) {
            return null;
        }
        try {
            return keypairs.get(c.userId(), keyName).publicKey();
        } catch (ServiceException e) {
            throw ServiceException.badRequest("Invalid key_name provided.");
        }
    }

    /** Checks the requested networks and resolves "auto" to the one network the project can use. */
    List<RequestedNetwork> networks(Caller c, String mode, List<RequestedNetwork> requested, int count) {
        if ("none".equals(mode)) {
            return List.of();
        }
        if ("auto".equals(mode)) {
            List<NetworkApi.NetworkInfo> usable = networks.bootableNetworks(c.projectId());
            if (usable.isEmpty()) {
                throw ServiceException.badRequest("Unable to automatically allocate a network for project "
                        + c.projectId());
            }
            if (usable.size() > 1) {
                throw ServiceException.conflict("Multiple possible networks found, use a Network ID to be more "
                        + "specific.");
            }
            return List.of(new RequestedNetwork(usable.get(0).id(), null, null, null));
        }
        for (RequestedNetwork r : requested) {
            if (r.portId() != null) {
                NetworkApi.PortInfo port = networks.port(r.portId())
                        .orElseThrow(() -> ServiceException.badRequest("Port " + r.portId() + " could not be found."));
                if (port.deviceId() != null && !port.deviceId().isEmpty()) {
                    throw ServiceException.conflict("Port " + r.portId() + " is still in use.");
                }
                if (count > 1) {
                    throw ServiceException.badRequest("Unable to launch multiple instances with a single configured "
                            + "port ID. Please launch your instance one by one with different ports.");
                }
            } else {
                NetworkApi.NetworkInfo n = networks.network(r.networkId(), c.projectId()).orElseThrow(
                        () -> ServiceException.badRequest("Network " + r.networkId() + " could not be found."));
                if (!n.hasSubnets()) {
                    throw ServiceException.badRequest("Network " + n.id() + " requires a subnet in order to boot "
                            + "instances on.");
                }
                if (r.fixedIp() != null && count > 1) {
                    throw ServiceException.badRequest("max_count cannot be greater than 1 if an fixed_ip is "
                            + "specified.");
                }
            }
        }
        return requested;
    }

    /**
     * The zone recorded at create: none when none was asked for (the conductor records the zone of the
     * host chosen); one that an enabled service is in; with a named host, the asked zone only when
     * the host is in it, else none (Nova's _validate_host_availability_zone, bug #1934770).
     */
    String zone(String requested, String requestedHost) {
        if (requested == null || requested.isEmpty()) {
            return null;
        }
        if (requestedHost != null) {
            return requested.equals(hosts.zoneOf(requestedHost)) ? requested : null;
        }
        if (!hosts.availableZoneNames().contains(requested)) {
            throw ServiceException.badRequest("The requested availability zone is not available");
        }
        return requested;
    }

    void checkGroup(String groupUuid, int count, int memberLimit, ServerStore servers) {
        if (groupUuid == null) {
            return;
        }
        try {
            groups.get(groupUuid);
        } catch (ServiceException e) {
            throw ServiceException.badRequest("Invalid server group " + groupUuid + ": not found.");
        }
        if (memberLimit >= 0 && servers.groupMembers(groupUuid).size() + count > memberLimit) {
            throw Faults.overQuota("Quota exceeded, too many servers in group");
        }
    }

    /** The rows of one create request: names and hostnames numbered when several servers are made. */
    List<Server> rows(Caller c, CreateRequest r, int count, FlavorSnapshot flavor, ImageApi.ImageInfo image,
                      String keyData, String zone, List<RequestedNetwork> nets, long now) {
        String reservation = "r-" + randomLetters(8);
        Map<String, String> imageProps = new HashMap<>(image.properties());
        RequestSpec spec = new RequestSpec(r.networkMode().equals("none") ? "none" : "list", nets, r.securityGroups(),
                r.groupUuid(), r.requestedHost(), r.requestedNode(), imageProps, List.of());
        List<Server> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String name = count > 1 ? r.name() + "-" + (i + 1) : r.name();
            String hostname = r.hostname() != null ? (count > 1 ? r.hostname() + "-" + (i + 1) : r.hostname())
                    : hostname(name);
            out.add(new Server(UUID.randomUUID().toString(), c.projectId(), c.userId(), name, hostname,
                    r.description(), image.id(), flavor, null, null, r.keyName(), keyData, r.userData(),
                    r.configDrive(), zone, null, null, VmStates.BUILDING, VmStates.Task.SCHEDULING, 0, reservation, i,
                    r.accessIpV4(), r.accessIpV6(), null, null, spec, List.of(), r.metadata(), r.tags(), 0, now, now,
                    null, null, null, 0));
        }
        return out;
    }

    /** Nova's sanitize_hostname: lower case, [a-z0-9-], no leading/trailing '-', at most 63 characters. */
    static String hostname(String displayName) {
        String h = displayName.toLowerCase(Locale.ROOT).replaceAll("[ _.]", "-").replaceAll("[^a-z0-9-]", "");
        h = h.replaceAll("^-+|-+$", "");
        if (h.length() > 63) {
            h = h.substring(0, 63).replaceAll("-+$", "");
        }
        return h.isEmpty() ? "server" : h;
    }

    static String lastSegment(String ref) {
        String s = ref.endsWith("/") ? ref.substring(0, ref.length() - 1) : ref;
        return s.substring(s.lastIndexOf('/') + 1);
    }

    private static String randomLetters(int n) {
        StringBuilder b = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            b.append((char) ('a' + RANDOM.nextInt(26)));
        }
        return b.toString();
    }
}
