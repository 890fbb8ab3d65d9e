package org.apiary.http;

import org.apiary.common.context.AuthContext;

/**
 * Turns an X-Auth-Token into the caller's context, or throws a 401 ServiceException. The
 * identity service provides the in-process implementation, with a cache that honours revocation.
 */
@FunctionalInterface
public interface TokenValidator {
    AuthContext validate(String token);
}
