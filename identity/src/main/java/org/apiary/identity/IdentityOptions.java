package org.apiary.identity;

import java.util.List;
import org.apiary.common.config.ConfigOption;

/** Keystone options, named as in keystone.conf where Keystone has the same knob. */
public final class IdentityOptions {
    private IdentityOptions() {}

    public static final ConfigOption<Integer> PORT = ConfigOption.port("identity", "port", 5000,
            "Port of the Keystone v3 API.");
    public static final ConfigOption<String> PUBLIC_ENDPOINT = ConfigOption.string("identity", "public_endpoint", null,
            "Base URL clients use to reach Keystone (e.g. https://keystone.example.org:5000); defaults to the bind "
                    + "address and port. Used in the catalog and in WWW-Authenticate.");
    public static final ConfigOption<Integer> TOKEN_EXPIRATION = ConfigOption.integer("token", "expiration", 3600,
            "Lifetime of a token in seconds.");
    public static final ConfigOption<Integer> TOKEN_CACHE_SIZE = ConfigOption.integer("token", "cache_size", 100000,
            "Validated tokens kept in memory. Entries are dropped at once when anything is revoked.");
    public static final ConfigOption<String> KEY_REPOSITORY = ConfigOption.string("fernet_tokens", "key_repository",
            null, "Directory of Fernet keys (0 = staged, highest = primary). Defaults to <data-dir>/fernet-keys.");
    public static final ConfigOption<Integer> MAX_ACTIVE_KEYS = ConfigOption.integer("fernet_tokens", "max_active_keys",
            3, "Keys kept by `apiary fernet rotate`: staged + primary + secondaries.");
    public static final ConfigOption<Integer> PASSWORD_HASH_ROUNDS = ConfigOption.integer("identity",
            "password_hash_rounds", 12, "bcrypt cost for password and application credential secret hashes.");
    public static final ConfigOption<String> POLICY_FILE = ConfigOption.string("oslo_policy", "policy_file", null,
            "policy.yaml with rules that override the built-in Keystone defaults.");
    public static final ConfigOption<Integer> REVOCATION_POLL_SECONDS = ConfigOption.integer("token",
            "revocation_poll_seconds", 2, "How often revocation events written by other controllers are picked up.");
    public static final ConfigOption<String> REGION = ConfigOption.string("identity", "region", "RegionOne",
            "Region name bootstrap creates and puts every endpoint in.");

    public static final ConfigOption<String> CREDENTIAL_KEY_REPOSITORY = ConfigOption.string("credential",
            "key_repository", null, "Directory of Fernet keys that encrypt credential blobs at rest (as "
                    + "keystone-manage credential_setup makes). Defaults to <data-dir>/credential-keys.");

    public static List<ConfigOption<?>> all() {
        return List.of(PORT, PUBLIC_ENDPOINT, TOKEN_EXPIRATION, TOKEN_CACHE_SIZE, KEY_REPOSITORY, MAX_ACTIVE_KEYS,
                PASSWORD_HASH_ROUNDS, POLICY_FILE, REVOCATION_POLL_SECONDS, REGION, CREDENTIAL_KEY_REPOSITORY);
    }
}
