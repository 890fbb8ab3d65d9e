package org.apiary.privhelper.host;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apiary.privhelper.protocol.ErrorCode;
import org.apiary.privhelper.protocol.HelperException;

/**
 * Runs commands for real: no shell, a minimal fixed environment, output captured to files (not
 * pipes, so a daemon such as dnsmasq that keeps inherited descriptors cannot block us), and a hard
 * timeout after which the process is killed.
 */
public final class ProcessRunner implements CommandRunner {
    private static final int MAX_OUTPUT = 64 * 1024;
    private static final Map<String, String> ENV = Map.of("PATH", "/usr/sbin:/usr/bin:/sbin:/bin", "LANG", "C",
            "LC_ALL", "C");

    @Override
    public CommandResult run(Command command) {
        Path out = null, err = null, in = null;
        try {
            out = Files.createTempFile("apiary-helper", ".out");
            err = Files.createTempFile("apiary-helper", ".err");
            ProcessBuilder pb = new ProcessBuilder(command.argv());
            pb.environment().clear();
            pb.environment().putAll(ENV);
            pb.directory(Path.of("/").toFile());
            pb.redirectOutput(out.toFile()).redirectError(err.toFile());
            if (command.stdin() != null) {
                in = Files.createTempFile("apiary-helper", ".in");
                Files.writeString(in, command.stdin());
                pb.redirectInput(in.toFile());
            } else {
                pb.redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
            }
            Process p = pb.start();
            if (!p.waitFor(command.timeout().toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new HelperException(ErrorCode.HOST_COMMAND_FAILED,
                        argv0(command) + " timed out after " + command.timeout().toSeconds() + "s");
            }
            return new CommandResult(p.exitValue(), read(out), read(err));
        } catch (IOException e) {
            throw new HelperException(ErrorCode.HOST_COMMAND_FAILED, "cannot run " + argv0(command) + ": "
                    + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HelperException(ErrorCode.HOST_COMMAND_FAILED, "interrupted running " + argv0(command));
        } finally {
            delete(out);
            delete(err);
            delete(in);
        }
    }

    private static String argv0(Command c) {
        return c.argv().get(0);
    }

    private static String read(Path p) throws IOException {
        byte[] b = Files.readAllBytes(p);
        return new String(b, 0, Math.min(b.length, MAX_OUTPUT), StandardCharsets.UTF_8);
    }

    private static void delete(Path p) {
        if (p != null) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException ignored) {
                // a temp file left in /tmp is harmless; the command's result matters more
            }
        }
    }
}
