package org.apiary.compute.store;

import java.util.List;
import java.util.Optional;
import org.apiary.compute.domain.Keypair;

/** Key pairs per user; names are unique per user (a duplicate is the domain's 409). */
public interface KeypairStore {
    /** Inserts unless the user already holds {@code maxCount} keypairs (-1: no limit); empty then. */
    Optional<Keypair> create(String userId, String name, String fingerprint, String publicKey, String type,
                             long now, int maxCount);

    Optional<Keypair> find(String userId, String name);

    /** Sorted by name, after {@code marker} (a name), at most {@code limit} (null: all). */
    List<Keypair> list(String userId, Integer limit, String marker);

    int count(String userId);

    boolean delete(String userId, String name);
}
