package org.apiary.privhelper.protocol;

/** Stable error codes the helper answers with; clients switch on these, never on message text. */
public enum ErrorCode {
    /** The frame was truncated, oversized or not a JSON object; the connection is closed after it. */
    BAD_FRAME,
    /** The operation name is not in the closed list. */
    UNKNOWN_OP,
    /** A field is missing, unknown, of the wrong type or outside its allowed values. */
    INVALID_ARGUMENT,
    /** The object exists but does not carry our tag (or carries another owner's): we never touch it. */
    NOT_OURS,
    /** The request is valid but the host state forbids it (e.g. a member's bridge is missing). */
    CONFLICT,
    /** The peer is not the configured agent user or root. */
    FORBIDDEN_PEER,
    /** A host command failed or timed out. */
    HOST_COMMAND_FAILED,
    /** A bug in the helper; logged with a stack trace. */
    INTERNAL;

    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
