package org.apiary.privhelper.host;

import java.time.Duration;
import java.util.List;

/**
 * One host command as the helper built it: an absolute binary path and its arguments (never a
 * shell), optional stdin (pf/nft rule text the helper generated), and a timeout.
 */
public record Command(List<String> argv, String stdin, Duration timeout) {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    public Command {
        argv = List.copyOf(argv);
        if (argv.isEmpty() || !argv.get(0).startsWith("/")) {
            throw new IllegalArgumentException("argv[0] must be an absolute path: " + argv);
        }
    }

    public static Command of(String... argv) {
        return new Command(List.of(argv), null, DEFAULT_TIMEOUT);
    }

    public static Command of(List<String> argv) {
        return new Command(argv, null, DEFAULT_TIMEOUT);
    }

    public Command withStdin(String text) {
        return new Command(argv, text, timeout);
    }

    @Override
    public String toString() {
        return String.join(" ", argv);
    }
}
