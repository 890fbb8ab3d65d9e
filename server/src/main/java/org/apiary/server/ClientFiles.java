package org.apiary.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes openrc and clouds.yaml for the admin, as Horizon and Skyline offer them for download. */
final class ClientFiles {
    private ClientFiles() {}

    static void write(Path dir, String authUrl, String user, String password, String project, String region)
            throws IOException {
        String openrc = """
                # Apiary admin credentials: source this file, then run `openstack ...`.
                export OS_AUTH_URL=%s
                export OS_IDENTITY_API_VERSION=3
                export OS_USERNAME=%s
                export OS_PASSWORD='%s'
                export OS_PROJECT_NAME=%s
                export OS_USER_DOMAIN_NAME=Default
                export OS_PROJECT_DOMAIN_NAME=Default
                export OS_REGION_NAME=%s
                export OS_INTERFACE=public
                """.formatted(authUrl, user, password.replace("'", "'\\''"), project, region);
        String clouds = """
                # Apiary: use with `openstack --os-cloud apiary ...` (OS_CLIENT_CONFIG_FILE=%s).
                clouds:
                  apiary:
                    auth:
                      auth_url: %s
                      username: %s
                      password: "%s"
                      project_name: %s
                      user_domain_name: Default
                      project_domain_name: Default
                    region_name: %s
                    interface: public
                    identity_api_version: 3
                """.formatted(dir.resolve("clouds.yaml"), authUrl, user, password.replace("\\", "\\\\")
                .replace("\"", "\\\""), project, region);
        writePrivate(dir.resolve("openrc"), openrc);
        writePrivate(dir.resolve("clouds.yaml"), clouds);
    }

    private static void writePrivate(Path file, String text) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, text);
        AllInOneCommand.restrict(tmp, "rw-------");
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
}
