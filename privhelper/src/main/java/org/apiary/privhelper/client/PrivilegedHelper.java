package org.apiary.privhelper.client;

import com.fasterxml.jackson.databind.JsonNode;
import org.apiary.privhelper.ops.Op;

/**
 * What agents hold: ask the helper for one typed operation. Refusals and host failures come back
 * as HelperException with the helper's stable code.
 */
public interface PrivilegedHelper extends AutoCloseable {
    JsonNode call(Op op);

    @Override
    default void close() {}
}
