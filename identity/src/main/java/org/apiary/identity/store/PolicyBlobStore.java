package org.apiary.identity.store;

import java.util.List;
import java.util.Optional;
import org.apiary.identity.domain.PolicyBlob;

/** The policy blobs of /v3/policies. */
public interface PolicyBlobStore {
    void create(PolicyBlob p);

    Optional<PolicyBlob> get(String id);

    List<PolicyBlob> list();

    void update(PolicyBlob p);

    void delete(String id);
}
