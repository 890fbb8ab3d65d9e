package org.apiary.bus;

/** The bus could not deliver a message (no server, broker down, bad envelope). */
public class BusException extends RuntimeException {
    public BusException(String message) {
        super(message);
    }

    public BusException(String message, Throwable cause) {
        super(message, cause);
    }
}
