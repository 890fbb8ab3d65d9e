package org.apiary.image.inspect;

/** The data claims to be in a format (its magic matched) but its structure is invalid or unsupported. */
public final class FormatError extends RuntimeException {
    public FormatError(String message) {
        super(message);
    }
}
