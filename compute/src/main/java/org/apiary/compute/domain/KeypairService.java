package org.apiary.compute.domain;

import java.util.List;
import org.apiary.compute.store.KeypairStore;

/** Key pairs: import, generation, lookup (nova/compute/api.py KeypairAPI). */
public final class KeypairService {
    /** A new key pair and, when it was generated here, its private key (shown once). */
    public record Created(Keypair keypair, String privateKey) {}

    private final KeypairStore store;

    public KeypairService(KeypairStore store) {
        this.store = store;
    }

    public Created importKey(String userId, String name, String publicKey, String type, int limit) {
        String fingerprint = type.equals("x509") ? SshKeys.x509Fingerprint(publicKey)
                : SshKeys.sshFingerprint(publicKey);
        return new Created(insert(userId, name, fingerprint, publicKey, type, limit), null);
    }

    /** Generates an RSA key; x509 generation is not offered (a certificate must be imported). */
    public Created generate(String userId, String name, String type, int limit) {
        if (type.equals("x509")) {
            throw Faults.invalidKeypair("generation of x509 keypairs is not supported; import a certificate "
                    + "as public_key");
        }
        SshKeys.Generated g = SshKeys.generateRsa();
        return new Created(insert(userId, name, g.fingerprint(), g.publicKey(), type, limit), g.privateKeyPem());
    }

    private Keypair insert(String userId, String name, String fingerprint, String publicKey, String type, int limit) {
        return store.create(userId, name, fingerprint, publicKey, type, System.currentTimeMillis(), limit)
                .orElseThrow(() -> Faults.overQuota("Quota exceeded, too many key pairs."));
    }

    public Keypair get(String userId, String name) {
        return store.find(userId, name).orElseThrow(() -> Faults.keypairNotFound(name, userId));
    }

    public List<Keypair> list(String userId, Integer limit, String marker) {
        if (marker != null && store.find(userId, marker).isEmpty()) {
            throw Faults.markerNotFound(marker);
        }
        return store.list(userId, limit, marker);
    }

    public int count(String userId) {
        return store.count(userId);
    }

    public void delete(String userId, String name) {
        if (!store.delete(userId, name)) {
            throw Faults.keypairNotFound(name, userId);
        }
    }
}
