package org.apiary.http;

import org.apiary.common.error.ServiceException;

/** Renders a failure in one service's native error body. */
@FunctionalInterface
public interface ErrorRenderer {
    ApiResponse render(ServiceException error, String requestId);
}
