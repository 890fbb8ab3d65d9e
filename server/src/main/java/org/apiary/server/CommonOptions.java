package org.apiary.server;

import java.io.IOException;
import java.nio.file.Path;
import org.apiary.common.config.Config;
import org.apiary.identity.IdentityOptions;
import org.apiary.image.ImageOptions;
import org.apiary.identity.token.FernetKeyRepository;
import org.apiary.store.Database;
import org.apiary.store.StoreOptions;
import picocli.CommandLine.Option;

/** --config and --data-dir, shared by every subcommand, and what they imply. */
final class CommonOptions {
    @Option(names = "--config", description = "INI configuration file (default: <data-dir>/apiary.conf if present).")
    Path configFile;

    @Option(names = "--data-dir", description = "Directory for the embedded database, keys and generated files "
            + "(default: ${DEFAULT-VALUE}).", defaultValue = "${env:APIARY_DATA_DIR:-${sys:user.home}/.apiary}")
    Path dataDir;

    Config load() throws IOException {
        Path file = configFile != null ? configFile : dataDir.resolve("apiary.conf");
        Config config = Config.load(file);
        if (!config.isSet(StoreOptions.CONNECTION)) {
            config.with(StoreOptions.CONNECTION, "sqlite:///" + dataDir.toAbsolutePath().resolve("apiary.db"));
        }
        if (!config.isSet(IdentityOptions.KEY_REPOSITORY)) {
            config.with(IdentityOptions.KEY_REPOSITORY, dataDir.toAbsolutePath().resolve("fernet-keys").toString());
        }
        if (!config.isSet(IdentityOptions.CREDENTIAL_KEY_REPOSITORY)) {
            config.with(IdentityOptions.CREDENTIAL_KEY_REPOSITORY,
                    dataDir.toAbsolutePath().resolve("credential-keys").toString());
        }
        if (!config.isSet(ImageOptions.DATA_DIR)) {
            config.with(ImageOptions.DATA_DIR, dataDir.toAbsolutePath().resolve("images").toString());
        }
        for (String unknown : config.unknownKeys(AllOptions.all())) {
            System.err.println("warning: unknown option " + unknown + " in " + file);
        }
        return config;
    }

    static Database openDatabase(Config config) {
        return Database.open(config.get(StoreOptions.CONNECTION), config.get(StoreOptions.MAX_POOL_SIZE),
                config.get(StoreOptions.BUSY_TIMEOUT_MS));
    }

    static FernetKeyRepository keys(Config config) {
        return new FernetKeyRepository(Path.of(config.get(IdentityOptions.KEY_REPOSITORY)));
    }

    /** Applies every service's migrations. */
    static void migrate(Database db) {
        db.migrate("identity");
        db.migrate("image");
        db.migrate("placement");
        db.migrate("network");
        db.migrate("compute");
    }
}
