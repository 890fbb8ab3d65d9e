package org.apiary.server;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.apiary.privhelper.HelperDaemon;
import org.apiary.privhelper.server.HelperServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** `apiary helper`: the privileged helper, run as root by rc.d / systemd (see docs/privilege-separation.md). */
@Command(name = "helper", description = "Run the privileged helper (as root) on its UNIX socket.")
final class HelperCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Override
    public Integer call() throws Exception {
        HelperServer server = HelperDaemon.start(common.load());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                server.close();
            } catch (java.io.IOException ignored) {
                // exiting anyway
            }
            stopped.countDown();
        }));
        stopped.await();
        return 0;
    }
}
