package org.apiary.identity.store;

import java.util.List;
import java.util.Optional;
import org.apiary.identity.domain.ApplicationCredential;

public interface ApplicationCredentialStore {
    void create(ApplicationCredential a);

    Optional<ApplicationCredential> get(String id);

    Optional<ApplicationCredential> findByName(String userId, String name);

    List<ApplicationCredential> listForUser(String userId);

    void delete(String id);

    void deleteForUser(String userId);
}
