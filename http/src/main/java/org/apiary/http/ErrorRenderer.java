package org.apiary.http;

import java.util.Optional;
import org.apiary.common.error.ServiceException;

/** Renders a failure in one service's native error body. */
@FunctionalInterface
public interface ErrorRenderer {
    ApiResponse render(ServiceException error, String requestId);

    /**
     * The same for a client that sent this Accept header. Services whose upstream picks the error
     * body's format from it (Placement, through webob) override this; the others ignore it.
     */
    default ApiResponse render(ServiceException error, String requestId, Optional<String> accept) {
        return render(error, requestId);
    }
}
