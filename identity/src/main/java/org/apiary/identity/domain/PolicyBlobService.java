package org.apiary.identity.domain;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apiary.common.Ids;
import org.apiary.common.error.ServiceException;
import org.apiary.identity.store.PolicyBlobStore;

/**
 * /v3/policies (keystone/policy/core.py): opaque blobs with a type, stored for other services.
 * Keystone deprecated the API in Queens and never enforces these blobs; neither does Apiary.
 */
public final class PolicyBlobService {
    private final PolicyBlobStore store;

    public PolicyBlobService(PolicyBlobStore store) {
        this.store = store;
    }

    public PolicyBlob create(String type, String blob, Map<String, Object> extra) {
        PolicyBlob p = new PolicyBlob(Ids.hex(), type, blob, extra);
        store.create(p);
        return p;
    }

    public PolicyBlob get(String id) {
        return store.get(id).orElseThrow(() -> ServiceException.notFound("Could not find policy: " + id + "."));
    }

    public List<PolicyBlob> list(String type) {
        return store.list().stream().filter(p -> type == null || type.equals(p.type())).toList();
    }

    /** Sets type and blob when given (null = unchanged) and merges extra attributes. */
    public PolicyBlob update(String id, String type, String blob, Map<String, Object> extra) {
        PolicyBlob current = get(id);
        Map<String, Object> merged = new HashMap<>(current.extra());
        merged.putAll(extra);
        PolicyBlob updated = new PolicyBlob(id, type != null ? type : current.type(),
                blob != null ? blob : current.blob(), merged);
        store.update(updated);
        return updated;
    }

    public void delete(String id) {
        get(id);
        store.delete(id);
    }
}
