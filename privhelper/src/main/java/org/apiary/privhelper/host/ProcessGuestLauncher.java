package org.apiary.privhelper.host;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apiary.privhelper.protocol.ErrorCode;
import org.apiary.privhelper.protocol.HelperException;

/** The real launcher: ProcessBuilder, cleared environment, stdin /dev/null, stdout+stderr appended to the log. */
public final class ProcessGuestLauncher implements GuestLauncher {
    private static final Map<String, String> ENV = Map.of("PATH", "/usr/sbin:/usr/bin:/sbin:/bin", "LANG", "C",
            "LC_ALL", "C");

    @Override
    public GuestProcess launch(List<String> argv, Path log) {
        if (argv.isEmpty() || !argv.get(0).startsWith("/")) {
            throw new IllegalArgumentException("argv[0] must be an absolute path: " + argv);
        }
        ProcessBuilder pb = new ProcessBuilder(argv);
        pb.environment().clear();
        pb.environment().putAll(ENV);
        pb.directory(Path.of("/").toFile());
        pb.redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        pb.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.redirectErrorStream(true);
        try {
            Process p = pb.start();
            return new GuestProcess() {
                @Override
                public long pid() {
                    return p.pid();
                }

                @Override
                public boolean alive() {
                    return p.isAlive();
                }

                @Override
                public CompletableFuture<Integer> onExit() {
                    return p.onExit().thenApply(Process::exitValue);
                }

                @Override
                public void terminate() {
                    p.destroy(); // SIGTERM on Unix
                }

                @Override
                public void kill() {
                    p.destroyForcibly(); // SIGKILL
                }
            };
        } catch (IOException e) {
            throw new HelperException(ErrorCode.HOST_COMMAND_FAILED, "cannot start " + argv.get(0) + ": "
                    + e.getMessage());
        }
    }
}
