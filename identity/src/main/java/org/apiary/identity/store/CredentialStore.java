package org.apiary.identity.store;

import java.util.List;
import java.util.Optional;
import org.apiary.identity.domain.Credential;

/** Credentials; the store sees only the encrypted blob and the hash of the key that sealed it. */
public interface CredentialStore {
    void create(Credential c, String keyHash);

    Optional<Credential> get(String id);

    List<Credential> list(String userId, String type);

    void update(Credential c, String keyHash);

    void delete(String id);

    void deleteForUser(String userId);
}
