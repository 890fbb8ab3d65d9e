package org.apiary.identity.domain;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apiary.common.Ids;
import org.apiary.common.error.ServiceException;
import org.apiary.identity.store.ConsumerStore;

/**
 * OS-OAUTH1 consumers (keystone/oauth1/core.py). Keystone generates the secret and shows it once,
 * in the create response; it is kept sealed with the credential keys, since OAuth1 request
 * signatures are verified with the secret itself. Request and access tokens are not offered, so
 * no token can depend on a consumer and deleting one revokes nothing.
 */
public final class ConsumerService {
    /** A new consumer and its secret, which nothing returns again. */
    public record Created(Consumer consumer, String secret) {}

    private final ConsumerStore store;
    private final CredentialCipher cipher;

    public ConsumerService(ConsumerStore store, CredentialCipher cipher) {
        this.store = store;
        this.cipher = cipher;
    }

    public Created create(String description, Map<String, Object> extra) {
        String secret = Ids.hex();
        Consumer c = new Consumer(Ids.hex(), description, extra);
        CredentialCipher.Sealed sealed = cipher.encrypt(secret);
        store.create(c, sealed.encryptedBlob(), sealed.keyHash());
        return new Created(c, secret);
    }

    public Consumer get(String id) {
        // Keystone's message for this one names no id.
        return store.get(id).orElseThrow(() -> ServiceException.notFound("Consumer not found"));
    }

    public List<Consumer> list() {
        return store.list();
    }

    /** Sets the description when given and merges extra attributes; the secret cannot change. */
    public Consumer update(String id, boolean descriptionGiven, String description, Map<String, Object> extra) {
        Consumer current = get(id);
        Map<String, Object> merged = new HashMap<>(current.extra());
        merged.putAll(extra);
        Consumer updated = new Consumer(id, descriptionGiven ? description : current.description(), merged);
        store.update(updated);
        return updated;
    }

    public void delete(String id) {
        get(id);
        store.delete(id);
    }
}
