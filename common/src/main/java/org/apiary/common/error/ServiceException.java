package org.apiary.common.error;

/**
 * A failure with a known meaning for clients. Domain code throws these; each service's error
 * renderer turns them into its native body. Anything else that escapes is a 500.
 */
public class ServiceException extends RuntimeException {
    private final ErrorKind kind;
    private final String code;

    public ServiceException(ErrorKind kind, String message) {
        this(kind, message, null);
    }

    /** @param code a stable, service-specific error code (Placement's "placement.*"), or null */
    public ServiceException(ErrorKind kind, String message, String code) {
        super(message);
        this.kind = kind;
        this.code = code;
    }

    public ErrorKind kind() {
        return kind;
    }

    public int status() {
        return kind.status();
    }

    public String code() {
        return code;
    }

    public static ServiceException badRequest(String message) {
        return new ServiceException(ErrorKind.BAD_REQUEST, message);
    }

    public static ServiceException unauthorized(String message) {
        return new ServiceException(ErrorKind.UNAUTHORIZED, message);
    }

    public static ServiceException forbidden(String message) {
        return new ServiceException(ErrorKind.FORBIDDEN, message);
    }

    public static ServiceException notFound(String message) {
        return new ServiceException(ErrorKind.NOT_FOUND, message);
    }

    public static ServiceException conflict(String message) {
        return new ServiceException(ErrorKind.CONFLICT, message);
    }

    public static ServiceException tooLarge(String message) {
        return new ServiceException(ErrorKind.PAYLOAD_TOO_LARGE, message);
    }
}
