package org.apiary.compute.store;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apiary.compute.domain.Aggregate;

/** Host aggregates, their hosts and metadata. */
public interface AggregateStore {
    /** Empty when the name is taken. */
    Optional<Aggregate> create(String uuid, String name, Map<String, String> metadata, long now);

    Optional<Aggregate> find(long id);

    List<Aggregate> list();

    /** Renames; false when another aggregate has the name. */
    boolean rename(long id, String name, long now);

    /** Sets {@code set} and removes {@code remove} in one transaction. */
    void updateMetadata(long id, Map<String, String> set, Set<String> remove, long now);

    /** False when the host is in it already. */
    boolean addHost(long id, String host);

    /** False when the host was not in it. */
    boolean removeHost(long id, String host);

    /** Deletes the aggregate and its metadata; false when it is gone. */
    boolean delete(long id);

    /** Each host that is in an aggregate with an availability zone → those zones (usually one). */
    Map<String, Set<String>> zonesByHost();

    /** The aggregates {@code hosts} are in that carry metadata {@code key}. */
    List<Aggregate> withKey(String key, Set<String> hosts);
}
