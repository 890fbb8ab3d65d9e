package org.apiary.bus;

/**
 * The remote implementation threw: its exception's class name and message, carried back as data
 * (never as a deserialized exception, so a caller cannot be made to instantiate arbitrary classes).
 */
public final class RemoteCallException extends RuntimeException {
    private final String remoteClass;
    private final String remoteMessage;

    public RemoteCallException(String remoteClass, String remoteMessage) {
        super(remoteClass + ": " + remoteMessage);
        this.remoteClass = remoteClass;
        this.remoteMessage = remoteMessage;
    }

    /** Fully qualified class name of the exception thrown on the server. */
    public String remoteClass() {
        return remoteClass;
    }

    public String remoteMessage() {
        return remoteMessage;
    }
}
