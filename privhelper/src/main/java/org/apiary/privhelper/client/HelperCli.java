package org.apiary.privhelper.client;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.apiary.privhelper.protocol.HelperException;

/**
 * Sends one request to a running helper and prints the reply: {@code HelperCli SOCKET OP ARGS_JSON}.
 * Exit 0 on ok, 3 on a refusal (code and message on stderr). Used by operators to probe a helper
 * and by the real-host test to act as an unprivileged agent from another uid.
 */
public final class HelperCli {
    private HelperCli() {}

    public static void main(String[] args) {
        if (args.length != 3) {
            System.err.println("usage: HelperCli SOCKET OP ARGS_JSON");
            System.exit(2);
        }
        String body = "{\"op\":" + quote(args[1]) + ",\"args\":" + args[2] + "}";
        try (SocketHelperClient c = new SocketHelperClient(Path.of(args[0]))) {
            System.out.println(c.send(body.getBytes(StandardCharsets.UTF_8)));
        } catch (HelperException e) {
            System.err.println(e.code().wire() + ": " + e.getMessage());
            System.exit(3);
        }
    }

    private static String quote(String s) {
        return org.apiary.privhelper.protocol.Wire.MAPPER.getNodeFactory().textNode(s).toString();
    }
}
