package org.apiary.server;

import java.util.concurrent.Callable;
import org.apiary.common.config.Config;
import org.apiary.identity.IdentityOptions;
import org.apiary.identity.token.FernetKeyRepository;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "fernet", description = "Fernet key repository.", subcommands = {FernetCommand.Setup.class,
        FernetCommand.Rotate.class})
final class FernetCommand implements Runnable {
    @Override
    public void run() {
        System.err.println("usage: apiary fernet setup|rotate");
    }

    @Command(name = "setup", description = "Create the key repository with a staged and a primary key if empty.")
    static final class Setup implements Callable<Integer> {
        @Mixin
        CommonOptions common;

        @Override
        public Integer call() throws Exception {
            FernetKeyRepository keys = CommonOptions.keys(common.load());
            keys.initializeIfEmpty();
            System.out.println("keys in " + keys.dir());
            return 0;
        }
    }

    @Command(name = "rotate", description = "Promote the staged key to primary and stage a new one. "
            + "Distribute the repository to every controller afterwards.")
    static final class Rotate implements Callable<Integer> {
        @Mixin
        CommonOptions common;

        @Override
        public Integer call() throws Exception {
            Config config = common.load();
            FernetKeyRepository keys = CommonOptions.keys(config);
            keys.rotate(config.get(IdentityOptions.MAX_ACTIVE_KEYS));
            System.out.println("rotated keys in " + keys.dir());
            return 0;
        }
    }
}
