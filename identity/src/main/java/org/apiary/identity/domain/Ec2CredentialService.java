package org.apiary.identity.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.apiary.common.Ids;
import org.apiary.common.context.AuthContext;
import org.apiary.common.error.ServiceException;
import org.apiary.common.json.Json;

/**
 * The OS-EC2 view of credentials (keystone/api/users.py, UserOSEC2Credentials*): an ec2 key pair
 * is stored as a regular credential of type "ec2" whose id is the SHA-256 of the access key, so it
 * also shows in /v3/credentials. Tokens from an application credential only reach key pairs of
 * the project they are scoped to.
 */
public final class Ec2CredentialService {
    static final String TYPE = "ec2";

    /** An ec2 key pair as the OS-EC2 API shows it; tenantId is the credential's project. */
    public record Ec2Credential(String userId, String tenantId, String access, String secret, String trustId) {}

    private final CredentialService credentials;
    private final IdentityStores stores;

    public Ec2CredentialService(CredentialService credentials, IdentityStores stores) {
        this.credentials = credentials;
        this.stores = stores;
    }

    /** Creates a fresh key pair for the user in the given project (the caller has passed policy). */
    public Ec2Credential create(AuthContext caller, String userId, String tenantId) {
        requireUser(userId);
        if (tenantId == null || stores.projects().get(tenantId).isEmpty()) {
            throw ServiceException.notFound("Could not find project: " + tenantId + ".");
        }
        ObjectNode blob = Json.object();
        blob.put("access", Ids.hex());
        blob.put("secret", Ids.hex());
        // Apiary has no trusts, so no token is ever trust-scoped.
        blob.putNull("trust_id");
        Credential c = credentials.create(caller, userId, tenantId, TYPE, blob.toString(), Map.of());
        return toEc2(c);
    }

    /** The user's key pairs, leaving out those a delegated token may not see. */
    public List<Ec2Credential> list(AuthContext caller, String userId) {
        requireUser(userId);
        return credentials.list(userId, TYPE).stream()
                .filter(c -> credentials.inDelegatedScope(caller, c.projectId()))
                .map(Ec2CredentialService::toEc2)
                .toList();
    }

    /**
     * The stored credential behind an access key, for the policy target; like Keystone, an unknown
     * key is a 404 naming the hashed id, before policy is checked.
     */
    public Credential lookup(String accessKey) {
        return credentials.get(CredentialService.sha256Hex(accessKey));
    }

    /** Shows a key pair found by {@link #lookup} (the caller has passed policy). */
    public Ec2Credential get(AuthContext caller, String userId, Credential stored) {
        requireReachable(caller, userId, stored);
        return toEc2(stored);
    }

    public void delete(AuthContext caller, String userId, Credential stored) {
        requireReachable(caller, userId, stored);
        credentials.delete(caller, stored.id());
    }

    private void requireReachable(AuthContext caller, String userId, Credential stored) {
        requireUser(userId);
        if (!TYPE.equals(stored.type())) {
            // Keystone answers 401 for a non-ec2 credential addressed as an access key.
            throw ServiceException.unauthorized("EC2 access key not found.");
        }
        credentials.requireInDelegatedScope(caller, stored.projectId());
    }

    private void requireUser(String userId) {
        if (stores.users().get(userId).isEmpty()) {
            throw ServiceException.notFound("Could not find user: " + userId + ".");
        }
    }

    private static Ec2Credential toEc2(Credential c) {
        JsonNode blob = parse(c.blob());
        return new Ec2Credential(c.userId(), c.projectId(), text(blob.get("access")), text(blob.get("secret")),
                text(blob.get("trust_id")));
    }

    private static JsonNode parse(String blob) {
        try {
            JsonNode n = Json.MAPPER.readTree(blob);
            return n != null && n.isObject() ? n : Json.object();
        } catch (java.io.IOException e) {
            return Json.object();
        }
    }

    private static String text(JsonNode n) {
        return n == null || n.isNull() ? null : n.asText();
    }
}
