package org.apiary.placement.domain;

import org.apiary.common.error.ErrorKind;
import org.apiary.common.error.ServiceException;

/** The typed failures Placement answers with; the message texts follow upstream's. */
public final class Failures {
    private Failures() {}

    public static ServiceException badRequest(String message) {
        return new ServiceException(ErrorKind.BAD_REQUEST, message);
    }

    public static ServiceException badRequest(String message, String code) {
        return new ServiceException(ErrorKind.BAD_REQUEST, message, code);
    }

    public static ServiceException notFound(String message) {
        return new ServiceException(ErrorKind.NOT_FOUND, message);
    }

    public static ServiceException conflict(String message) {
        return new ServiceException(ErrorKind.CONFLICT, message);
    }

    public static ServiceException conflict(String message, String code) {
        return new ServiceException(ErrorKind.CONFLICT, message, code);
    }

    /** Somebody else changed the provider or consumer since the caller read it. */
    public static ServiceException concurrentUpdate(String message) {
        return new ServiceException(ErrorKind.CONFLICT, message, ErrorCodes.CONCURRENT_UPDATE);
    }

    public static ServiceException providerNotFound(String uuid) {
        return notFound("No resource provider with uuid " + uuid + " found");
    }
}
