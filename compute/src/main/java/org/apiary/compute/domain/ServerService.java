package org.apiary.compute.domain;

import static org.apiary.compute.domain.VmStates.Task;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apiary.common.error.ServiceException;
import org.apiary.compute.domain.external.ImageApi;
import org.apiary.compute.domain.external.NetworkApi;
import org.apiary.compute.store.ActionStore;
import org.apiary.compute.store.MigrationStore;
import org.apiary.compute.store.ServerStore;
import org.apiary.compute.store.SnapshotStore;

/**
 * Servers as the API changes them (nova/compute/api.py): each call checks the server's state,
 * records the task with a compare-and-set on task_state (so racing calls get a 409, not a double
 * action), records the instance action, and hands the server to the {@link Conductor}.
 */
public final class ServerService {
    /** The caller of a server call: Nova's RequestContext, reduced. */
    public record Caller(String projectId, String userId, String requestId, boolean admin) {}

    /**
     * A parsed, schema-valid POST /servers.
     *
     * @param networkMode "list" (use {@code networks}), "auto" or "none"
     */
    public record CreateRequest(String name, String imageRef, String flavorRef, String networkMode,
                                List<RequestedNetwork> networks, List<String> securityGroups, String keyName,
                                String userData, Map<String, String> metadata, boolean configDrive,
                                String availabilityZone, String requestedHost, String requestedNode,
                                String groupUuid, List<String> tags, int minCount, int maxCount, String description,
                                String hostname, String accessIpV4, String accessIpV6) {
        public CreateRequest {
            networks = networks == null ? List.of() : List.copyOf(networks);
            securityGroups = securityGroups == null ? List.of() : List.copyOf(securityGroups);
            metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
            tags = tags == null ? List.of() : List.copyOf(tags);
        }
    }

    /** A parsed rebuild action; the *Given flags tell "set to null" from "not given". */
    public record RebuildRequest(String imageRef, String name, Map<String, String> metadata, String keyName,
                                 boolean keyNameGiven, String userData, boolean userDataGiven, String description,
                                 boolean descriptionGiven, String hostname, String accessIpV4, String accessIpV6) {}

    private final ServerStore servers;
    private final ActionStore actions;
    private final MigrationStore migrations;
    private final QuotaService quotas;
    private final ServerCreation creation;
    private final ImageApi images;
    private final NetworkApi networks;
    private final Conductor conductor;
    private final SnapshotStore snapshots;
    private final SnapshotImages snapshotImages;

    public ServerService(ServerStore servers, ActionStore actions, MigrationStore migrations, QuotaService quotas,
                         FlavorService flavors, KeypairService keypairs, ServerGroupService groups, ImageApi images,
                         NetworkApi networks, Conductor conductor, SnapshotStore snapshots, HostService hosts) {
        this.servers = servers;
        this.actions = actions;
        this.migrations = migrations;
        this.quotas = quotas;
        this.images = images;
        this.networks = networks;
        this.conductor = conductor;
        this.snapshots = snapshots;
        this.snapshotImages = new SnapshotImages(images);
        this.creation = new ServerCreation(flavors, keypairs, groups, images, networks, hosts);
    }

    public List<Server> create(Caller c, CreateRequest r) {
        FlavorSnapshot flavor = creation.usableFlavor(c, r.flavorRef());
        ImageApi.ImageInfo image = creation.usableImage(c, r.imageRef(), flavor);
        String keyData = creation.keyData(c, r.keyName());
        String zone = creation.zone(r.availabilityZone(), r.requestedHost());
        checkSecurityGroups(c, r.securityGroups());
        // The caller's limits, read once for every check below (each read is three queries).
        Map<String, Integer> limits = quotas.limits(c.projectId(), c.userId());
        checkMetadataQuota(limits.get("metadata_items"), r.metadata().size());
        int count = allowedCount(c, limits, flavor, r.minCount(), r.maxCount());
        List<RequestedNetwork> nets = creation.networks(c, r.networkMode(), r.networks(), count);
        creation.checkGroup(r.groupUuid(), count, limits.get("server_group_members"), servers);
        long now = System.currentTimeMillis();
        List<Server> rows = creation.rows(c, r, count, flavor, image, keyData, zone, nets, now);
        Optional<String> over = servers.create(rows, r.groupUuid(), Map.of(
                "instances", limits.get("instances"), "cores", limits.get("cores"), "ram", limits.get("ram")),
                new ActionRecord.Start(c.requestId(), "create", c.projectId(), c.userId(), now));
        if (over.isPresent()) {
            // Another request took the room between our count and the insert.
            throw Faults.overQuota("Quota exceeded for " + over.get() + ": Requested " + count + ". Retry later.");
        }
        rows.forEach(s -> conductor.kick(s.uuid()));
        return rows;
    }

    /**
     * Nova's _check_requested_secgroups: every group but "default" must be found by id or by name
     * in the project, in neutronclient's words (Nova passes them through).
     */
    private void checkSecurityGroups(Caller c, List<String> groups) {
        for (String g : groups) {
            if (!"default".equals(g) && !networks.securityGroupExists(g, c.projectId())) {
                throw ServiceException.badRequest("Unable to find security_group with name or id '" + g + "'");
            }
        }
    }

    /** How many servers of {@code flavor} fit the project's quota, between min and max (Nova's _check_num_instances_quota). */
    private int allowedCount(Caller c, Map<String, Integer> limits, FlavorSnapshot flavor, int min, int max) {
        ServerStore.Usage used = servers.usage(c.projectId(), null);
        long[][] perResource = {
            {limits.get("instances"), used.instances(), 1},
            {limits.get("cores"), used.cores(), flavor.vcpus()},
            {limits.get("ram"), used.ramMb(), flavor.memoryMb()}};
        String[] names = {"instances", "cores", "ram"};
        int allowed = max;
        for (int i = 0; i < perResource.length; i++) {
            long limit = perResource[i][0];
            long inUse = perResource[i][1];
            long each = perResource[i][2];
            if (limit < 0 || each == 0) {
                continue;
            }
            long fits = Math.max(0, (limit - inUse) / each);
            if (fits < min) {
                throw Faults.tooMany(names[i], min * each, inUse, limit);
            }
            allowed = (int) Math.min(allowed, fits);
        }
        return allowed;
    }

    private void checkMetadataQuota(Caller c, int items) {
        checkMetadataQuota(quotas.limit(c.projectId(), c.userId(), "metadata_items"), items);
    }

    private static void checkMetadataQuota(int limit, int items) {
        if (limit >= 0 && items > limit) {
            throw Faults.overQuota("Quota exceeded for metadata_items: Requested " + items + ", but already used 0 of "
                    + limit + " metadata_items");
        }
    }

    /** A server the caller may see: its project's, or any for admins; deleted ones only to admins asking for them. */
    public Server get(Caller c, String uuid) {
        Server s = servers.find(uuid).orElseThrow(() -> Faults.instanceNotFound(uuid));
        if (s.deleted() || (!c.admin() && !s.projectId().equals(c.projectId()))) {
            throw Faults.instanceNotFound(uuid);
        }
        return s;
    }

    public List<Server> list(ServerQuery q) {
        return servers.list(q);
    }

    public Server update(Caller c, String uuid, ServerChange change) {
        get(c, uuid);
        return servers.update(uuid, TaskExpectation.any(), change).orElseThrow(() -> Faults.instanceNotFound(uuid));
    }

    public void delete(Caller c, String uuid) {
        Server s = get(c, uuid);
        checkUnlocked(c, s);
        if (Task.DELETING.equals(s.taskState())) {
            return;
        }
        start(c, s, "delete", TaskExpectation.any(), ServerChange.of().taskState(Task.DELETING));
    }

    public void reboot(Caller c, String uuid, boolean hard) {
        Server s = get(c, uuid);
        checkUnlocked(c, s);
        if (hard) {
            requireVmState(s, "reboot", VmStates.ACTIVE, VmStates.STOPPED, VmStates.ERROR);
            start(c, s, "reboot", TaskExpectation.of(null, Task.REBOOTING, Task.REBOOTING_HARD)
                            .inVmStates(VmStates.ACTIVE, VmStates.STOPPED, VmStates.ERROR),
                    ServerChange.of().taskState(Task.REBOOTING_HARD));
        } else {
            requireVmState(s, "reboot", VmStates.ACTIVE);
            start(c, s, "reboot", TaskExpectation.idle().inVmStates(VmStates.ACTIVE),
                    ServerChange.of().taskState(Task.REBOOTING));
        }
    }

    public void stop(Caller c, String uuid) {
        Server s = get(c, uuid);
        checkUnlocked(c, s);
        requireVmState(s, "stop", VmStates.ACTIVE, VmStates.ERROR);
        start(c, s, "stop", TaskExpectation.idle().inVmStates(VmStates.ACTIVE, VmStates.ERROR),
                ServerChange.of().taskState(Task.POWERING_OFF));
    }

    public void start(Caller c, String uuid) {
        Server s = get(c, uuid);
        checkUnlocked(c, s);
        requireVmState(s, "start", VmStates.STOPPED);
        start(c, s, "start", TaskExpectation.idle().inVmStates(VmStates.STOPPED),
                ServerChange.of().taskState(Task.POWERING_ON));
    }

    public void resize(Caller c, String uuid, String flavorRef) {
        Server s = get(c, uuid);
        checkUnlocked(c, s);
        requireVmState(s, "resize", VmStates.ACTIVE, VmStates.STOPPED);
        FlavorSnapshot target = creation.usableFlavor(c, flavorRef);
        if (target.flavorId().equals(s.flavor().flavorId())) {
            throw ServiceException.badRequest("When resizing, instances must change flavor!");
        }
        if (target.rootGb() < s.flavor().rootGb()) {
            throw ServiceException.badRequest("Resizing to a smaller disk flavor is not allowed.");
        }
        checkResizeQuota(s, target);
        start(c, s, "resize", TaskExpectation.idle().inVmStates(VmStates.ACTIVE, VmStates.STOPPED),
                ServerChange.of().taskState(Task.RESIZE_PREP).newFlavor(target).progress(0));
    }

    /** Counted in the server's project, whoever resizes it (an admin may resize another project's server). */
    private void checkResizeQuota(Server s, FlavorSnapshot target) {
        ServerStore.Usage used = servers.usage(s.projectId(), null);
        int cores = quotas.limit(s.projectId(), s.userId(), "cores");
        int ram = quotas.limit(s.projectId(), s.userId(), "ram");
        long moreCores = target.vcpus() - s.flavor().vcpus();
        long moreRam = target.memoryMb() - s.flavor().memoryMb();
        if (cores >= 0 && moreCores > 0 && used.cores() + moreCores > cores) {
            throw Faults.tooMany("cores", moreCores, used.cores(), cores);
        }
        if (ram >= 0 && moreRam > 0 && used.ramMb() + moreRam > ram) {
            throw Faults.tooMany("ram", moreRam, used.ramMb(), ram);
        }
    }

    public void confirmResize(Caller c, String uuid) {
        Server s = get(c, uuid);
        checkUnlocked(c, s);
        requireVmState(s, "confirmResize", VmStates.RESIZED);
        migrations.latest(uuid, List.of("finished"))
                .orElseThrow(() -> ServiceException.badRequest("Instance has not been resized."));
        start(c, s, "confirmResize", TaskExpectation.idle().inVmStates(VmStates.RESIZED),
                ServerChange.of().taskState(Task.RESIZE_CONFIRMING));
    }

    public void revertResize(Caller c, String uuid) {
        Server s = get(c, uuid);
        checkUnlocked(c, s);
        requireVmState(s, "revertResize", VmStates.RESIZED);
        migrations.latest(uuid, List.of("finished"))
                .orElseThrow(() -> ServiceException.badRequest("Instance has not been resized."));
        start(c, s, "revertResize", TaskExpectation.idle().inVmStates(VmStates.RESIZED),
                ServerChange.of().taskState(Task.RESIZE_REVERTING));
    }

    public Server rebuild(Caller c, String uuid, RebuildRequest r) {
        Server s = get(c, uuid);
        checkUnlocked(c, s);
        requireVmState(s, "rebuild", VmStates.ACTIVE, VmStates.STOPPED, VmStates.ERROR);
        ImageApi.ImageInfo image = creation.usableImage(c, r.imageRef(), s.flavor());
        if (r.metadata() != null) {
            checkMetadataQuota(c, r.metadata().size());
        }
        ServerChange change = ServerChange.of().taskState(Task.REBUILDING).imageRef(image.id())
                .requestSpec(withImage(s.requestSpec(), image));
        if (r.name() != null) {
            change.name(r.name());
        }
        if (r.keyNameGiven()) {
            change.keyName(r.keyName()).keyData(creation.keyData(c, r.keyName()));
        }
        if (r.userDataGiven()) {
            change.userData(r.userData());
        }
        if (r.descriptionGiven()) {
            change.description(r.description());
        }
        if (r.hostname() != null) {
            change.hostname(r.hostname());
        }
        if (r.accessIpV4() != null) {
            change.accessIpV4(r.accessIpV4());
        }
        if (r.accessIpV6() != null) {
            change.accessIpV6(r.accessIpV6());
        }
        start(c, s, "rebuild", TaskExpectation.idle().inVmStates(VmStates.ACTIVE, VmStates.STOPPED, VmStates.ERROR),
                change);
        if (r.metadata() != null) {
            servers.putMetadata(uuid, r.metadata(), true);
        }
        return get(c, uuid);
    }

    private static RequestSpec withImage(RequestSpec spec, ImageApi.ImageInfo image) {
        return new RequestSpec(spec.networkMode(), spec.networks(), spec.securityGroups(), spec.groupUuid(),
                spec.requestedHost(), spec.requestedNode(), image.properties(), spec.ignoreHosts());
    }

    /**
     * createImage (Nova's compute API snapshot): a queued qcow2 image with Nova's snapshot properties
     * ({@link SnapshotImages}), then task_state image_snapshot and the createImage action; the conductor asks
     * the host. Locks do not stop a snapshot (Nova does not check them: a lock guards against changes).
     *
     * @param countMetadata whether the metadata counts against metadata_items (microversions before 2.39)
     */
    public String createImage(Caller c, String uuid, String name, Map<String, String> metadata,
                              boolean countMetadata) {
        Server s = get(c, uuid);
        if (countMetadata && !metadata.isEmpty()) {
            int limit = quotas.limit(c.projectId(), c.userId(), "metadata_items");
            if (limit >= 0 && metadata.size() > limit) {
                throw ServiceException.forbidden("Image metadata limit exceeded");
            }
        }
        requireVmState(s, "createImage", VmStates.ACTIVE, VmStates.STOPPED);
        if (s.taskState() != null) {
            throw Faults.invalidState("createImage", uuid, "task_state", s.taskState());
        }
        String imageId = images.createSnapshotImage(name, s.projectId(), snapshotImages.properties(c, s, metadata),
                SnapshotImages.DISK_FORMAT, SnapshotImages.CONTAINER_FORMAT);
        if (!snapshots.begin(uuid, imageId, System.currentTimeMillis())) {
            images.deleteImage(imageId);
            throw Faults.invalidState("createImage", uuid, "task_state", Task.IMAGE_SNAPSHOT);
        }
        try {
            start(c, s, "createImage", TaskExpectation.idle().inVmStates(VmStates.ACTIVE, VmStates.STOPPED),
                    ServerChange.of().taskState(Task.IMAGE_SNAPSHOT));
        } catch (RuntimeException e) {
            // The server moved on (or went) between our check and the write: as Nova, the image goes too.
            snapshots.end(uuid, imageId);
            images.deleteImage(imageId);
            throw e;
        }
        return imageId;
    }

    public String consoleOutput(Caller c, String uuid, Integer length) {
        Server s = get(c, uuid);
        requireVmState(s, "get_console_output", VmStates.ACTIVE, VmStates.STOPPED, VmStates.RESIZED,
                VmStates.ERROR);
        if (s.host() == null) {
            throw ServiceException.conflict("Instance " + uuid + " is not ready");
        }
        return conductor.consoleOutput(s.host(), s.uuid(), length);
    }

    public void lock(Caller c, String uuid, String reason) {
        Server s = get(c, uuid);
        servers.update(uuid, TaskExpectation.any(),
                ServerChange.of().lockedBy(c.admin() && !s.projectId().equals(c.projectId()) ? "admin" : "owner")
                        .lockedReason(reason));
        recordInstant(c, s, "lock");
    }

    public void unlock(Caller c, String uuid) {
        Server s = get(c, uuid);
        if ("admin".equals(s.lockedBy()) && !c.admin()) {
            throw ServiceException.forbidden("Policy doesn't allow os_compute_api:os-lock-server:unlock:unlock_override"
                    + " to be performed.");
        }
        servers.update(uuid, TaskExpectation.any(), ServerChange.of().lockedBy(null).lockedReason(null));
        recordInstant(c, s, "unlock");
    }

    /**
     * os-resetState: the admin sets vm_state (active or error) and clears task_state, whatever the
     * server is doing; recorded as a finished "resetState" action.
     */
    public void resetState(Caller c, String uuid, String vmState) {
        Server s = get(c, uuid);
        servers.update(uuid, TaskExpectation.any(), ServerChange.of().vmState(vmState).taskState(null))
                .orElseThrow(() -> Faults.instanceNotFound(uuid));
        recordInstant(c, s, "resetState");
    }

    /**
     * restore: only a SOFT_DELETED server can be restored, and Apiary never soft-deletes
     * (reclaim_instance_interval is 0), so this is Nova's invalid-state answer for any server.
     */
    public void restore(Caller c, String uuid) {
        Server s = get(c, uuid);
        checkUnlocked(c, s);
        requireVmState(s, "restore", VmStates.SOFT_DELETED);
    }

    /**
     * Cold migration (migrate): checked as Nova checks it (found, unlocked, ACTIVE or STOPPED), then
     * refused, since the conductor cannot move a server without changing its flavor yet.
     */
    public void migrate(Caller c, String uuid) {
        Server s = get(c, uuid);
        checkUnlocked(c, s);
        requireVmState(s, "migrate", VmStates.ACTIVE, VmStates.STOPPED);
        throw ServiceException.badRequest("Cold migration (migrate) is not supported by this compute service yet.");
    }

    public Map<String, String> putMetadata(Caller c, String uuid, Map<String, String> md, boolean replace) {
        Server s = get(c, uuid);
        checkUnlocked(c, s);
        Map<String, String> merged = new HashMap<>(replace ? Map.of() : s.metadata());
        merged.putAll(md);
        checkMetadataQuota(c, merged.size());
        if (!servers.putMetadata(uuid, md, replace)) {
            throw Faults.instanceNotFound(uuid);
        }
        return get(c, uuid).metadata();
    }

    public void deleteMetadata(Caller c, String uuid, String key) {
        Server s = get(c, uuid);
        checkUnlocked(c, s);
        if (!servers.deleteMetadata(uuid, key)) {
            throw ServiceException.notFound("Metadata item was not found");
        }
    }

    public List<InstanceAction> actions(Caller c, String uuid) {
        actionTarget(c, uuid);
        return actions.actions(uuid);
    }

    public InstanceAction action(Caller c, String uuid, String requestId) {
        actionTarget(c, uuid);
        return actions.action(uuid, requestId).orElseThrow(() -> ServiceException.notFound(
                "Action for request_id " + requestId + " on instance " + uuid + " not found"));
    }

    /** Instance actions stay readable after delete (Nova reads them with read_deleted=yes). */
    private void actionTarget(Caller c, String uuid) {
        Server s = servers.find(uuid).orElseThrow(() -> Faults.instanceNotFound(uuid));
        if (!c.admin() && !s.projectId().equals(c.projectId())) {
            throw Faults.instanceNotFound(uuid);
        }
    }

    public Map<String, InstanceFault> faults(Collection<String> uuids) {
        return actions.latestFaults(uuids);
    }

    private void start(Caller c, Server s, String action, TaskExpectation expect, ServerChange change) {
        // The instance action is recorded in the same write as the task.
        if (!servers.apply(s.uuid(), expect, change, new ActionRecord.Start(c.requestId(), action, c.projectId(),
                c.userId(), System.currentTimeMillis()))) {
            Server now = get(c, s.uuid());
            if (!expect.vmStates().isEmpty() && !expect.vmStates().contains(now.vmState())) {
                throw Faults.invalidState(action, s.uuid(), "vm_state", now.vmState());
            }
            throw Faults.invalidState(action, s.uuid(), "task_state", String.valueOf(now.taskState()));
        }
        conductor.kick(s.uuid());
    }

    /** Actions that finish in the API (lock/unlock) still leave an instance action, finished at once. */
    private void recordInstant(Caller c, Server s, String action) {
        long now = System.currentTimeMillis();
        actions.startAction(s.uuid(), c.requestId(), action, c.projectId(), c.userId(), now);
        actions.finishAction(s.uuid(), c.requestId(), null, now);
    }

    private static void requireVmState(Server s, String action, String... allowed) {
        for (String a : allowed) {
            if (a.equals(s.vmState())) {
                return;
            }
        }
        throw Faults.invalidState(action, s.uuid(), "vm_state", s.vmState());
    }

    private static void checkUnlocked(Caller c, Server s) {
        if (s.locked() && !c.admin()) {
            throw Faults.locked(s.uuid());
        }
    }
}
