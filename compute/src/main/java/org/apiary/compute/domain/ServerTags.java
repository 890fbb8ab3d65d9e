package org.apiary.compute.domain;

import java.util.List;
import java.util.Optional;
import org.apiary.common.error.ServiceException;
import org.apiary.compute.store.ServerStore;

/**
 * Server tags (os-server-tags, server_tags.py) and a server's group, for the API. The caller's
 * access is checked by {@link ServerService#get} first; tags change only in stable states.
 */
public final class ServerTags {
    /** nova.objects.instance.MAX_TAG_COUNT. */
    public static final int MAX_TAGS = 50;
    private static final List<String> TAGGABLE = List.of(VmStates.ACTIVE, VmStates.STOPPED, "paused", "suspended");

    private final ServerStore servers;

    public ServerTags(ServerStore servers) {
        this.servers = servers;
    }

    /** Adds a tag; false when the server already had it. */
    public boolean add(Server s, String tag) {
        requireTaggable(s, "update tag");
        if (s.tags().contains(tag)) {
            return false;
        }
        if (s.tags().size() >= MAX_TAGS) {
            throw ServiceException.badRequest("The number of tags exceeded the per-server limit " + MAX_TAGS);
        }
        if (!servers.putTags(s.uuid(), List.of(tag), false)) {
            throw Faults.instanceNotFound(s.uuid());
        }
        return true;
    }

    public List<String> replace(Server s, List<String> tags) {
        requireTaggable(s, "update tags");
        if (!servers.putTags(s.uuid(), tags, true)) {
            throw Faults.instanceNotFound(s.uuid());
        }
        return servers.find(s.uuid()).map(Server::tags).orElse(List.of());
    }

    public void delete(Server s, String tag) {
        requireTaggable(s, "delete tag");
        if (!servers.deleteTag(s.uuid(), tag)) {
            throw ServiceException.notFound("Instance " + s.uuid() + " has no tag '" + tag + "'");
        }
    }

    public void deleteAll(Server s) {
        requireTaggable(s, "delete tags");
        if (!servers.putTags(s.uuid(), List.of(), true)) {
            throw Faults.instanceNotFound(s.uuid());
        }
    }

    /** The uuids of the server groups the server is in (server_groups, 2.71). */
    public List<String> groupsOf(String serverUuid) {
        Optional<String> g = servers.groupOf(serverUuid);
        return g.map(List::of).orElse(List.of());
    }

    private static void requireTaggable(Server s, String action) {
        if (!TAGGABLE.contains(s.vmState())) {
            throw Faults.invalidState(action, s.uuid(), "vm_state", s.vmState());
        }
    }
}
