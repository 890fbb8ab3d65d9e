package org.apiary.compute.store;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apiary.compute.domain.ActionRecord;
import org.apiary.compute.domain.Server;
import org.apiary.compute.domain.ServerChange;
import org.apiary.compute.domain.ServerQuery;
import org.apiary.compute.domain.TaskExpectation;

/** Servers with their metadata, tags and server-group membership. */
public interface ServerStore {
    /** Usage of a project (userId null) or of one user in it, over servers not deleted. */
    record Usage(int instances, long cores, long ramMb) {}

    /**
     * Inserts the servers of one create request (with metadata, tags and, when {@code groupUuid} is
     * set, group membership) in one transaction, after checking the project's quota in it:
     * {@code limits} maps instances/cores/ram to the project's hard limits (-1 unlimited). When
     * {@code action} is set, each server's instance action is recorded in the same transaction.
     *
     * @return empty when the servers fit, else the name of the first resource over its limit
     */
    Optional<String> create(List<Server> servers, String groupUuid, Map<String, Integer> limits,
                            ActionRecord.Start action);

    /** {@link #create(List, String, Map, ActionRecord.Start)} without an instance action. */
    default Optional<String> create(List<Server> servers, String groupUuid, Map<String, Integer> limits) {
        return create(servers, groupUuid, limits, null);
    }

    /** A server by uuid, deleted ones included. */
    Optional<Server> find(String uuid);

    /** Servers matching the query (filters, sort, marker, limit). */
    List<Server> list(ServerQuery query);

    /**
     * Applies {@code change} when the stored task_state satisfies {@code expect} and the server is
     * not deleted; bumps the generation.
     *
     * @return the server after the write, or empty when it is gone or the expectation failed
     */
    Optional<Server> update(String uuid, TaskExpectation expect, ServerChange change);

    /**
     * {@link #update} for callers that only need to know whether it applied: the server is not
     * read back, and {@code with} (when not null) is recorded in the same transaction if the
     * change applied, so a step's state change and its instance-action event are one write.
     */
    boolean apply(String uuid, TaskExpectation expect, ServerChange change, ActionRecord with);

    Usage usage(String projectId, String userId);

    /** Servers not deleted that are mid-task or still building: what a restarted conductor must finish. */
    List<Server> unsettled();

    /** Servers not deleted whose host is {@code host}. */
    List<Server> onHost(String host);

    /** Replaces all metadata (replace) or adds/overwrites the given keys; false when the server is gone. */
    boolean putMetadata(String uuid, Map<String, String> metadata, boolean replace);

    boolean deleteMetadata(String uuid, String key);

    /** Replaces all tags (replace) or adds the given ones; false when the server is gone. */
    boolean putTags(String uuid, Collection<String> tags, boolean replace);

    boolean deleteTag(String uuid, String tag);

    /** Uuids of the members of a server group that are not deleted. */
    List<String> groupMembers(String groupUuid);

    /** The server group a server belongs to, if any. */
    Optional<String> groupOf(String uuid);
}
