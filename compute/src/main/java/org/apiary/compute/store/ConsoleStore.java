package org.apiary.compute.store;

import java.util.Optional;
import org.apiary.compute.domain.ConsoleAuth;

/** Console tokens (by the SHA-256 of the token, never the token) and the hosts' console proxies. */
public interface ConsoleStore {
    void saveToken(String tokenHash, ConsoleAuth auth, long now);

    /** The authorization of a token hash that has not expired at {@code now}. */
    Optional<ConsoleAuth> findToken(String tokenHash, long now);

    /** Removes tokens expired at {@code now} and those of deleted servers; answers how many. */
    int purge(long now);

    /** Records (or replaces) the base URL of {@code host}'s console proxy. */
    void saveProxy(String host, String baseUrl, long now);

    Optional<String> proxyBaseUrl(String host);
}
