package org.apiary.identity.store;

import java.util.List;
import java.util.Optional;
import org.apiary.identity.domain.Consumer;

/** OAuth1 consumers; the store only sees the sealed secret and the hash of the key that sealed it. */
public interface ConsumerStore {
    void create(Consumer c, String encryptedSecret, String keyHash);

    Optional<Consumer> get(String id);

    List<Consumer> list();

    /** Updates description and extra; the secret never changes. */
    void update(Consumer c);

    void delete(String id);
}
