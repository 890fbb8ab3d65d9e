package org.apiary.compute.domain;

import java.util.List;
import java.util.Map;

/**
 * A server (Nova's instance) as stored. {@code deletedAt} is set once a delete completed: the row
 * stays for {@code changes-since} and admins' {@code deleted=true} listings, as Nova's soft-deleted rows.
 *
 * @param imageRef        the image id, or "" for a volume-backed server (not supported yet)
 * @param oldFlavor       during a resize: the flavor to revert to; else null
 * @param newFlavor       during a resize: the flavor being resized to; else null
 * @param host            the compute host (null until scheduled)
 * @param node            the hypervisor hostname (also names the compute node)
 * @param powerState      {@link org.apiary.compute.rpc.PowerState#code()}
 * @param lockedBy        "owner" or "admin" when locked, else null
 * @param generation      bumped by every write; the store's compare-and-set token
 */
public record Server(String uuid, String projectId, String userId, String name, String hostname, String description,
                     String imageRef, FlavorSnapshot flavor, FlavorSnapshot oldFlavor, FlavorSnapshot newFlavor,
                     String keyName, String keyData, String userData, boolean configDrive, String availabilityZone,
                     String host, String node, String vmState, String taskState, int powerState,
                     String reservationId, int launchIndex, String accessIpV4, String accessIpV6,
                     String lockedBy, String lockedReason, RequestSpec requestSpec, List<Vif> networkInfo,
                     Map<String, String> metadata, List<String> tags, int progress,
                     long createdAt, Long updatedAt, Long launchedAt, Long terminatedAt, Long deletedAt,
                     long generation) {
    public Server {
        networkInfo = networkInfo == null ? List.of() : List.copyOf(networkInfo);
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
        tags = tags == null ? List.of() : List.copyOf(tags);
    }

    public String status() {
        return ServerStatus.of(vmState, taskState);
    }

    public boolean deleted() {
        return deletedAt != null;
    }

    public boolean locked() {
        return lockedBy != null;
    }

    /** The same server with another request spec (what the scheduler reads: hosts to ignore, …). */
    public Server withRequestSpec(RequestSpec spec) {
        return new Server(uuid, projectId, userId, name, hostname, description, imageRef, flavor, oldFlavor, newFlavor,
                keyName, keyData, userData, configDrive, availabilityZone, host, node, vmState, taskState, powerState,
                reservationId, launchIndex, accessIpV4, accessIpV6, lockedBy, lockedReason, spec, networkInfo,
                metadata, tags, progress, createdAt, updatedAt, launchedAt, terminatedAt, deletedAt, generation);
    }
}
