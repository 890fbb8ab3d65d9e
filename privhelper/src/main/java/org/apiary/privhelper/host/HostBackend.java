package org.apiary.privhelper.host;

import com.fasterxml.jackson.databind.JsonNode;
import org.apiary.privhelper.ops.Op;

/** One host platform's implementation of the whole operation set. */
public interface HostBackend {
    /** Applies a validated operation; throws HelperException for refusals and host failures. */
    JsonNode apply(Op op);
}
