package org.apiary.server;

import java.nio.file.Files;
import java.util.concurrent.Callable;
import org.apiary.common.config.Config;
import org.apiary.store.Database;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "db", description = "Database maintenance.", subcommands = DbCommand.Migrate.class)
final class DbCommand implements Runnable {
    @Override
    public void run() {
        System.err.println("usage: apiary db migrate");
    }

    @Command(name = "migrate", description = "Create or upgrade every service's tables.")
    static final class Migrate implements Callable<Integer> {
        @Mixin
        CommonOptions common;

        @Override
        public Integer call() throws Exception {
            Files.createDirectories(common.dataDir);
            Config config = common.load();
            try (Database db = CommonOptions.openDatabase(config)) {
                CommonOptions.migrate(db);
            }
            System.out.println("database is up to date");
            return 0;
        }
    }
}
