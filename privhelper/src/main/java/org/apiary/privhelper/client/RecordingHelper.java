package org.apiary.privhelper.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.apiary.privhelper.ops.Op;
import org.apiary.privhelper.protocol.Wire;

/**
 * Recording mode for agent tests: every op is round-tripped through the wire format and the
 * helper's validation (so a test fails exactly where the real helper would refuse), recorded, and
 * answered by {@code responder} (default {"changed": true}). Nothing touches the host.
 */
public final class RecordingHelper implements PrivilegedHelper {
    private final List<Op> calls = new ArrayList<>();
    private final Function<Op, JsonNode> responder;

    public RecordingHelper() {
        this(op -> Wire.MAPPER.createObjectNode().put("changed", true));
    }

    public RecordingHelper(Function<Op, JsonNode> responder) {
        this.responder = responder;
    }

    @Override
    public synchronized JsonNode call(Op op) {
        Op validated = Wire.parseRequest(Wire.request(op));
        calls.add(validated);
        return responder.apply(validated);
    }

    public synchronized List<Op> calls() {
        return List.copyOf(calls);
    }
}
