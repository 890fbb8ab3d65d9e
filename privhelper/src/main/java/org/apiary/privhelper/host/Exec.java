package org.apiary.privhelper.host;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.apiary.privhelper.protocol.ErrorCode;
import org.apiary.privhelper.protocol.HelperException;
import org.apiary.privhelper.protocol.Printable;
import org.apiary.privhelper.protocol.Wire;

/** Small helpers both backends use to run commands and shape results. */
public final class Exec {
    private final CommandRunner runner;

    public Exec(CommandRunner runner) {
        this.runner = runner;
    }

    /** Runs and returns the result whatever the exit code (for probes such as "does it exist"). */
    public CommandResult probe(List<String> argv) {
        return runner.run(Command.of(argv));
    }

    public CommandResult must(String... argv) {
        return must(Command.of(argv));
    }

    public CommandResult must(List<String> argv) {
        return must(Command.of(argv));
    }

    public CommandResult must(Command c) {
        CommandResult r = runner.run(c);
        if (!r.ok()) {
            throw new HelperException(ErrorCode.HOST_COMMAND_FAILED, c + " exited " + r.exitCode() + ": "
                    + Printable.of(r.stderr().strip(), 300));
        }
        return r;
    }

    public static JsonNode changed(boolean changed) {
        return Wire.MAPPER.createObjectNode().put("changed", changed);
    }
}
