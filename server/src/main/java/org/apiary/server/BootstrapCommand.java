package org.apiary.server;

import java.util.Map;
import java.util.concurrent.Callable;
import org.apiary.common.config.Config;
import org.apiary.identity.IdentityModule;
import org.apiary.identity.IdentityOptions;
import org.apiary.identity.domain.Bootstrapper;
import org.apiary.store.Database;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Like keystone-manage bootstrap: idempotently creates the admin and the identity catalog entry. */
@Command(name = "bootstrap", description = "Create the admin user, project, roles, region and catalog (idempotent).")
final class BootstrapCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Option(names = "--bootstrap-password", description = "Admin password (default: $OS_BOOTSTRAP_PASSWORD).",
            defaultValue = "${env:OS_BOOTSTRAP_PASSWORD}")
    String password;

    @Option(names = "--bootstrap-username", defaultValue = "admin", description = "Admin user name (default: admin).")
    String username;

    @Option(names = "--bootstrap-project-name", defaultValue = "admin", description = "Admin project (default: admin).")
    String project;

    @Option(names = "--bootstrap-region-id", description = "Region (default: [identity] region).")
    String region;

    @Option(names = "--bootstrap-public-url", required = true,
            description = "Keystone URL for the catalog, e.g. http://controller:5000/v3")
    String publicUrl;

    @Override
    public Integer call() throws Exception {
        if (password == null || password.isEmpty()) {
            System.err.println("error: give --bootstrap-password or set OS_BOOTSTRAP_PASSWORD");
            return 2;
        }
        Config config = common.load();
        try (Database db = CommonOptions.openDatabase(config)) {
            CommonOptions.migrate(db);
            var keys = CommonOptions.keys(config);
            keys.initializeIfEmpty();
            try (IdentityModule identity = new IdentityModule(config, db, keys)) {
                String r = region != null ? region : config.get(IdentityOptions.REGION);
                identity.bootstrapper().run(new Bootstrapper.Request(password, username, project, r,
                        Map.of("identity", new Bootstrapper.Endpoints("keystone", publicUrl))));
            }
        }
        System.out.println("bootstrapped: user " + username + ", project " + project);
        return 0;
    }
}
