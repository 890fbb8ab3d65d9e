package org.apiary.privhelper.protocol;

/** A refusal or failure with a stable code; the message is safe to send to the peer and to log. */
public final class HelperException extends RuntimeException {
    private final ErrorCode code;

    public HelperException(ErrorCode code, String message) {
        super(message);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }

    public static HelperException invalid(String message) {
        return new HelperException(ErrorCode.INVALID_ARGUMENT, message);
    }

    public static HelperException notOurs(String message) {
        return new HelperException(ErrorCode.NOT_OURS, message);
    }

    public static HelperException conflict(String message) {
        return new HelperException(ErrorCode.CONFLICT, message);
    }
}
