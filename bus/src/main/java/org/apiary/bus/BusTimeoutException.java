package org.apiary.bus;

/** No reply within the call's timeout (oslo.messaging's MessagingTimeout). */
public final class BusTimeoutException extends BusException {
    public BusTimeoutException(String message) {
        super(message);
    }
}
