package org.apiary.identity.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apiary.common.Ids;
import org.apiary.common.context.AuthContext;
import org.apiary.common.error.ServiceException;
import org.apiary.common.json.Json;
import org.apiary.identity.store.ApplicationCredentialStore;
import org.apiary.identity.store.CredentialStore;

/**
 * /v3/credentials rules (keystone/credential/core.py, keystone/api/credentials.py): blobs are
 * encrypted at rest; an ec2 credential's id is the SHA-256 of its access key and it needs a
 * project; tokens from an application credential are confined to that credential's project, and
 * only unrestricted ones may create ec2 credentials. Credentials returned here carry the
 * decrypted blob.
 */
public final class CredentialService {
    private static final String VALIDATION_TAIL = " The server could not comply with the request since it is either "
            + "malformed or otherwise incorrect. The client is assumed to be in error.";
    /** Blob keys that bind an ec2 credential to a delegation; they may not change on update. */
    private static final List<String> SCOPE_KEYS = List.of("trust_id", "app_cred_id", "access_token_id", "access_id");

    /** Fields a PATCH sets; null means "not given", except that {@code extra} is always merged. */
    public record Changes(String userId, String projectId, String type, String blob, Map<String, Object> extra) {}

    private final CredentialStore store;
    private final ApplicationCredentialStore appCreds;
    private final CredentialCipher cipher;

    public CredentialService(CredentialStore store, ApplicationCredentialStore appCreds, CredentialCipher cipher) {
        this.store = store;
        this.appCreds = appCreds;
        this.cipher = cipher;
    }

    public Credential create(AuthContext caller, String userId, String projectId, String type, String blob,
                             Map<String, Object> extra) {
        boolean ec2 = isEc2(type);
        if (ec2 && (projectId == null || projectId.isEmpty())) {
            throw ServiceException.badRequest("EC2 credentials require a project_id");
        }
        if (ec2) {
            requireUnrestrictedAppCred(caller);
        }
        requireInDelegatedScope(caller, projectId);
        String id = Ids.hex();
        if (ec2) {
            ObjectNode parsed = ec2Blob(blob);
            id = sha256Hex(parsed.get("access").asText());
            if (caller != null && caller.applicationCredentialId() != null) {
                // ec2tokens authentication then yields a token bound to the same application credential.
                parsed.put("app_cred_id", caller.applicationCredentialId());
                blob = parsed.toString();
            }
        }
        Credential c = new Credential(id, userId, projectId, type, blob, extra);
        CredentialCipher.Sealed sealed = cipher.encrypt(blob);
        store.create(withBlob(c, sealed.encryptedBlob()), sealed.keyHash());
        return c;
    }

    public Optional<Credential> find(String id) {
        return store.get(id).map(this::decrypted);
    }

    public Credential get(String id) {
        return find(id).orElseThrow(() -> ServiceException.notFound("Could not find credential: " + id + "."));
    }

    public List<Credential> list(String userId, String type) {
        return store.list(userId, type).stream().map(this::decrypted).toList();
    }

    /**
     * Checks a PATCH against the current credential and returns the merged result, which the
     * caller authorizes before {@link #update}: the scope keys of an ec2 blob are fixed, and an
     * ec2 credential needs a project.
     */
    public Credential merge(AuthContext caller, Credential current, Changes changes) {
        requireInDelegatedScope(caller, current.projectId());
        if (isEc2(current.type()) && changes.blob() != null) {
            ObjectNode newBlob = ec2Blob(changes.blob());
            JsonNode oldBlob = parseOrEmpty(current.blob());
            for (String key : SCOPE_KEYS) {
                if (!Objects.equals(text(oldBlob.get(key)), text(newBlob.get(key)))) {
                    throw ServiceException.badRequest(key + " can not be updated for credential");
                }
            }
        }
        if (isEc2(changes.type()) && changes.projectId() == null && current.projectId() == null) {
            throw ServiceException.badRequest("Expecting to find project_id in credential." + VALIDATION_TAIL);
        }
        Map<String, Object> extra = new HashMap<>(current.extra());
        extra.putAll(changes.extra());
        Credential merged = new Credential(current.id(),
                Objects.requireNonNullElse(changes.userId(), current.userId()),
                changes.projectId() != null ? changes.projectId() : current.projectId(),
                Objects.requireNonNullElse(changes.type(), current.type()),
                Objects.requireNonNullElse(changes.blob(), current.blob()), extra);
        requireInDelegatedScope(caller, merged.projectId());
        return merged;
    }

    /** Stores a credential produced by {@link #merge}, re-encrypted under the current primary key. */
    public Credential update(Credential merged) {
        CredentialCipher.Sealed sealed = cipher.encrypt(merged.blob());
        store.update(withBlob(merged, sealed.encryptedBlob()), sealed.keyHash());
        return merged;
    }

    public void delete(AuthContext caller, String id) {
        Credential c = get(id);
        requireInDelegatedScope(caller, c.projectId());
        store.delete(id);
    }

    /**
     * Tokens issued for an application credential only reach credentials of the project they
     * are scoped to; credentials without a project (TOTP secrets...) are out of their reach.
     */
    public boolean inDelegatedScope(AuthContext caller, String credentialProjectId) {
        return caller == null || caller.applicationCredentialId() == null
                || Objects.equals(credentialProjectId, caller.projectId());
    }

    public void requireInDelegatedScope(AuthContext caller, String credentialProjectId) {
        if (!inDelegatedScope(caller, credentialProjectId)) {
            throw ServiceException.forbidden("You are not authorized to perform the requested action: Credential "
                    + "project does not match the project scope of the delegated token.");
        }
    }

    private void requireUnrestrictedAppCred(AuthContext caller) {
        if (caller == null || caller.applicationCredentialId() == null) {
            return;
        }
        boolean unrestricted = appCreds.get(caller.applicationCredentialId())
                .map(ApplicationCredential::unrestricted).orElse(false);
        if (!unrestricted) {
            throw ServiceException.forbidden("You are not authorized to perform the requested action: Using method "
                    + "'application_credential' is not allowed for managing additional credentials.");
        }
    }

    private static boolean isEc2(String type) {
        return type != null && type.equalsIgnoreCase("ec2");
    }

    /** An ec2 blob must be a non-empty JSON object with a string "access" (the access key). */
    private static ObjectNode ec2Blob(String blob) {
        JsonNode n;
        try {
            n = Json.MAPPER.readTree(blob);
        } catch (java.io.IOException e) {
            throw ServiceException.badRequest("Invalid blob in credential");
        }
        if (n == null || !n.isObject() || n.isEmpty()) {
            throw ServiceException.badRequest("Expecting to find blob in credential." + VALIDATION_TAIL);
        }
        JsonNode access = n.get("access");
        if (access == null || access.isNull()) {
            throw ServiceException.badRequest("Expecting to find access in credential." + VALIDATION_TAIL);
        }
        if (!access.isTextual()) {
            throw ServiceException.badRequest("Invalid blob in credential");
        }
        return (ObjectNode) n;
    }

    private static JsonNode parseOrEmpty(String blob) {
        try {
            JsonNode n = Json.MAPPER.readTree(blob);
            return n != null && n.isObject() ? n : Json.MAPPER.createObjectNode();
        } catch (java.io.IOException e) {
            return Json.MAPPER.createObjectNode();
        }
    }

    private static String text(JsonNode n) {
        return n == null || n.isNull() ? null : n.toString();
    }

    private Credential decrypted(Credential stored) {
        return withBlob(stored, cipher.decrypt(stored.blob()));
    }

    private static Credential withBlob(Credential c, String blob) {
        return new Credential(c.id(), c.userId(), c.projectId(), c.type(), blob, c.extra());
    }

    static String sha256Hex(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
