package org.apiary.compute.conductor;

/** A step that cannot go on; the conductor records {@code getMessage()} as the server's fault. */
final class StepFailed extends RuntimeException {
    StepFailed(String message, Throwable cause) {
        super(message, cause);
    }

    StepFailed(String message) {
        super(message);
    }
}
